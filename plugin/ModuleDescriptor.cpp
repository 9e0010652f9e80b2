//===- ModuleDescriptor.cpp - The module's registration with the runtime --===//
//
// Emits what include/hotpatch_abi.h describes:
//   __hotpatch.functions   one struct hotpatch_function per instrumented
//                          function, with the content hash of its impl
//   __hotpatch.data        one struct hotpatch_data per global, static,
//                          static local, thread-local and named constant;
//                          thread-locals get an accessor V.hp.tls
//   __hotpatch.info        the same facts as text, in section hotpatch_info,
//                          for tools that read files (hcc inspect)
//   __hotpatch.module      the struct hotpatch_module tying them together
//   __hotpatch.ctor        a constructor passing it to the runtime, declared
//                          extern_weak so that objects link without it
//
//===----------------------------------------------------------------------===//
#include "Hotpatch.h"
#include "hotpatch_abi.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

using namespace llvm;

namespace hotpatch {
namespace {

struct DataEntry {
  GlobalVariable *Var;
  std::string Id;
  hotpatch_data_kind Kind;
  uint32_t Flags;
  uint64_t Size;
  uint64_t LayoutHash;
};

struct FunctionEntry {
  InstrumentedFunction F;
  std::string Id;
  uint32_t Flags;
  Hash128 Hash;
};

const char *kindWord(hotpatch_data_kind Kind) {
  switch (Kind) {
  case HOTPATCH_DATA_GLOBAL:
    return "global";
  case HOTPATCH_DATA_STATIC:
    return "static";
  case HOTPATCH_DATA_STATIC_LOCAL:
    return "static-local";
  case HOTPATCH_DATA_TLS:
    return "tls";
  case HOTPATCH_DATA_CONSTANT:
    return "constant";
  }
  return "?";
}

std::string hex128(Hash128 H) {
  std::string S;
  raw_string_ostream(S) << format_hex_no_prefix(H.Hi, 16)
                        << format_hex_no_prefix(H.Lo, 16);
  return S;
}

uint32_t linkageFlags(const GlobalValue &GV) {
  uint32_t Flags = 0;
  if (GV.hasLocalLinkage())
    Flags |= HOTPATCH_SYM_INTERNAL;
  if (GV.isWeakForLinker())
    Flags |= HOTPATCH_SYM_WEAK;
  if (GV.hasCommonLinkage())
    Flags |= HOTPATCH_SYM_COMMON;
  return Flags;
}

class DescriptorEmitter {
public:
  DescriptorEmitter(Module &M, StringRef ModuleId,
                    const std::vector<InstrumentedFunction> &Functions)
      : M(M), Ctx(M.getContext()), ModuleId(ModuleId), Functions(Functions),
        Hasher(M, ModuleId.str(), Functions), PtrTy(PointerType::get(Ctx, 0)),
        I32(Type::getInt32Ty(Ctx)), I64(Type::getInt64Ty(Ctx)) {}

  void run() {
    collectData();
    collectFunctions();
    GlobalVariable *FnTable = emitFunctionTable();
    GlobalVariable *DataTable = emitDataTable();
    GlobalVariable *Info = emitInfo();
    GlobalVariable *Desc = emitModule(FnTable, DataTable, Info);
    emitConstructor(Desc);
    appendToCompilerUsed(M, {Info});
  }

private:
  Module &M;
  LLVMContext &Ctx;
  StringRef ModuleId;
  const std::vector<InstrumentedFunction> &Functions;
  ContentHasher Hasher;
  PointerType *PtrTy;
  IntegerType *I32, *I64;
  std::vector<FunctionEntry> FnEntries;
  std::vector<DataEntry> DataEntries;

  // ---- What goes in ------------------------------------------------------

  static bool isOurs(const GlobalValue &GV) {
    StringRef Name = GV.getName();
    return Name.starts_with("llvm.") || Name.starts_with("__hotpatch") ||
           Name.contains(".hp.");
  }

  /// clang names a function-local static "function.variable".
  bool isStaticLocal(const GlobalVariable &GV) const {
    auto [Owner, Rest] = GV.getName().split('.');
    const Function *F = M.getFunction(Owner);
    return !Rest.empty() && F && !F->isDeclaration();
  }

  hotpatch_data_kind dataKind(const GlobalVariable &GV) const {
    if (GV.isThreadLocal())
      return HOTPATCH_DATA_TLS;
    if (GV.isConstant())
      return HOTPATCH_DATA_CONSTANT;
    if (!GV.hasLocalLinkage())
      return HOTPATCH_DATA_GLOBAL;
    return isStaticLocal(GV) ? HOTPATCH_DATA_STATIC_LOCAL
                             : HOTPATCH_DATA_STATIC;
  }

  void collectData() {
    for (GlobalVariable &GV : M.globals()) {
      // Private globals are anonymous literals: code carries them by content.
      if (GV.isDeclaration() || GV.hasPrivateLinkage() ||
          GV.hasAvailableExternallyLinkage() || isOurs(GV))
        continue;
      DataEntries.push_back(
          {&GV, stableId(GV, ModuleId), dataKind(GV), linkageFlags(GV),
           M.getDataLayout().getTypeAllocSize(GV.getValueType()),
           Hasher.layoutHash(GV)});
    }
  }

  void collectFunctions() {
    for (const InstrumentedFunction &F : Functions) {
      uint32_t Flags = linkageFlags(*F.Stub);
      if (F.Stub->isVarArg())
        Flags |= HOTPATCH_SYM_VARARGS;
      FnEntries.push_back(
          {F, stableId(*F.Stub, ModuleId), Flags, Hasher.hashFunction(*F.Impl)});
    }
  }

  Hash128 moduleHash() const {
    XXH3_state_t S;
    XXH3_128bits_reset(&S);
    auto Add = [&](StringRef Str) {
      XXH3_128bits_update(&S, Str.data(), Str.size() + 0);
      XXH3_128bits_update(&S, "\n", 1);
    };
    Add(ModuleId);
    for (const FunctionEntry &E : FnEntries)
      Add(E.Id + " " + hex128(E.Hash));
    for (const DataEntry &E : DataEntries)
      Add(E.Id + " " + kindWord(E.Kind) + " " + utostr(E.Size) + " " +
          utohexstr(E.LayoutHash));
    XXH128_hash_t H = XXH3_128bits_digest(&S);
    return {H.low64, H.high64};
  }

  // ---- Emission ------------------------------------------------------------

  Constant *cString(StringRef S, const Twine &Name) {
    auto *GV = new GlobalVariable(M, ArrayType::get(Type::getInt8Ty(Ctx),
                                                    S.size() + 1),
                                  true, GlobalValue::PrivateLinkage,
                                  ConstantDataArray::getString(Ctx, S), Name);
    GV->setUnnamedAddr(GlobalValue::UnnamedAddr::Global);
    GV->setAlignment(Align(1));
    return GV;
  }

  GlobalVariable *table(ArrayRef<Constant *> Rows, StructType *RowTy,
                        const Twine &Name) {
    auto *Ty = ArrayType::get(RowTy, Rows.size());
    return new GlobalVariable(M, Ty, true, GlobalValue::InternalLinkage,
                              ConstantArray::get(Ty, Rows), Name);
  }

  GlobalVariable *emitFunctionTable() {
    auto *RowTy = StructType::get(Ctx, {PtrTy, PtrTy, PtrTy, PtrTy, I64, I64,
                                        I32, I32});
    std::vector<Constant *> Rows;
    for (const FunctionEntry &E : FnEntries)
      Rows.push_back(ConstantStruct::get(
          RowTy, {cString(E.Id, "__hotpatch.id"), E.F.Slot, E.F.Stub, E.F.Impl,
                  ConstantInt::get(I64, E.Hash.Lo),
                  ConstantInt::get(I64, E.Hash.Hi),
                  ConstantInt::get(I32, E.Flags), ConstantInt::get(I32, 0)}));
    return table(Rows, RowTy, "__hotpatch.functions");
  }

  /// `ptr @V.hp.tls()` returns the calling thread's copy of \p GV.
  Function *tlsAccessor(GlobalVariable &GV) {
    auto *Fn = Function::Create(FunctionType::get(PtrTy, false),
                                GlobalValue::InternalLinkage,
                                GV.getName() + HOTPATCH_TLS_SUFFIX, M);
    Fn->addFnAttr(Attribute::NoUnwind);
    IRBuilder<> B(BasicBlock::Create(Ctx, "entry", Fn));
    B.CreateRet(B.CreateThreadLocalAddress(&GV));
    return Fn;
  }

  GlobalVariable *emitDataTable() {
    auto *RowTy =
        StructType::get(Ctx, {PtrTy, PtrTy, PtrTy, I64, I64, I32, I32});
    auto *Null = ConstantPointerNull::get(PtrTy);
    std::vector<Constant *> Rows;
    for (const DataEntry &E : DataEntries) {
      bool TLS = E.Var->isThreadLocal();
      Rows.push_back(ConstantStruct::get(
          RowTy, {cString(E.Id, "__hotpatch.id"),
                  TLS ? static_cast<Constant *>(Null) : E.Var,
                  TLS ? static_cast<Constant *>(tlsAccessor(*E.Var)) : Null,
                  ConstantInt::get(I64, E.Size),
                  ConstantInt::get(I64, E.LayoutHash),
                  ConstantInt::get(I32, E.Kind),
                  ConstantInt::get(I32, E.Flags)}));
    }
    return table(Rows, RowTy, "__hotpatch.data");
  }

  GlobalVariable *emitInfo() {
    std::string Text;
    raw_string_ostream OS(Text);
    OS << HOTPATCH_INFO_MAGIC << ' ' << HOTPATCH_ABI_VERSION << ' '
       << hex128(moduleHash()) << ' ' << ModuleId << '\n';
    for (const FunctionEntry &E : FnEntries)
      OS << "function " << hex128(E.Hash) << ' ' << utohexstr(E.Flags, true)
         << ' ' << E.Id << '\n';
    for (const DataEntry &E : DataEntries)
      OS << "data " << kindWord(E.Kind) << ' ' << E.Size << ' '
         << format_hex_no_prefix(E.LayoutHash, 16) << ' '
         << utohexstr(E.Flags, true) << ' ' << E.Id << '\n';
    OS << "end\n";
    auto *Info = new GlobalVariable(
        M, ArrayType::get(Type::getInt8Ty(Ctx), Text.size() + 1), true,
        GlobalValue::InternalLinkage, ConstantDataArray::getString(Ctx, Text),
        HOTPATCH_INFO_NAME);
    Info->setSection(HOTPATCH_INFO_SECTION);
    Info->setAlignment(Align(1));
    return Info;
  }

  GlobalVariable *emitModule(GlobalVariable *FnTable, GlobalVariable *DataTable,
                             GlobalVariable *Info) {
    auto *Ty = StructType::get(
        Ctx, {I32, I32, PtrTy, I64, I64, I32, I32, PtrTy, PtrTy, PtrTy});
    Hash128 H = moduleHash();
    auto *Init = ConstantStruct::get(
        Ty, {ConstantInt::get(I32, HOTPATCH_ABI_VERSION),
             ConstantInt::get(I32, 0), cString(ModuleId, "__hotpatch.id"),
             ConstantInt::get(I64, H.Lo), ConstantInt::get(I64, H.Hi),
             ConstantInt::get(I32, FnEntries.size()),
             ConstantInt::get(I32, DataEntries.size()), FnTable, DataTable,
             Info});
    return new GlobalVariable(M, Ty, true, GlobalValue::InternalLinkage, Init,
                              HOTPATCH_DESCRIPTOR_NAME);
  }

  /// Registers the descriptor if the runtime is linked in.
  void emitConstructor(GlobalVariable *Desc) {
    FunctionCallee Register = M.getOrInsertFunction(
        HOTPATCH_REGISTER_FN, FunctionType::get(Type::getVoidTy(Ctx), {PtrTy},
                                                false));
    auto *RegisterFn = cast<Function>(Register.getCallee());
    if (RegisterFn->isDeclaration())
      RegisterFn->setLinkage(GlobalValue::ExternalWeakLinkage);

    auto *Ctor = Function::Create(
        FunctionType::get(Type::getVoidTy(Ctx), false),
        GlobalValue::InternalLinkage, HOTPATCH_CTOR_NAME, M);
    Ctor->addFnAttr(Attribute::NoUnwind);
    BasicBlock *Entry = BasicBlock::Create(Ctx, "entry", Ctor);
    BasicBlock *Call = BasicBlock::Create(Ctx, "register", Ctor);
    BasicBlock *Done = BasicBlock::Create(Ctx, "done", Ctor);
    IRBuilder<> B(Entry);
    B.CreateCondBr(B.CreateIsNotNull(RegisterFn), Call, Done);
    B.SetInsertPoint(Call);
    B.CreateCall(Register, {Desc});
    B.CreateBr(Done);
    B.SetInsertPoint(Done);
    B.CreateRetVoid();
    appendToGlobalCtors(M, Ctor, /*Priority=*/0);
  }
};

} // namespace

void emitModuleDescriptor(Module &M, StringRef ModuleId,
                          const std::vector<InstrumentedFunction> &Functions) {
  DescriptorEmitter(M, ModuleId, Functions).run();
}

} // namespace hotpatch
