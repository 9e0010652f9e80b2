//===- DescriptorTables.cpp - IR for the structs of hotpatch_abi.h --------===//
#include "DescriptorTables.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"

using namespace llvm;

namespace hotpatch {

DescriptorTables::DescriptorTables(Module &M)
    : M(M), Ctx(M.getContext()), PtrTy(PointerType::get(Ctx, 0)),
      I32(Type::getInt32Ty(Ctx)), I64(Type::getInt64Ty(Ctx)), Subtarget(M) {
}

abi::U32 DescriptorTables::u32(uint64_t V) const {
  return abi::U32(ConstantInt::get(I32, V));
}

abi::U64 DescriptorTables::u64(uint64_t V) const {
  return abi::U64(ConstantInt::get(I64, V));
}

abi::Ptr DescriptorTables::null() const {
  return abi::Ptr(ConstantPointerNull::get(PtrTy));
}

// A module descriptor names every function and global, and gives most of
// them a type or signature: as a private global each, those strings were
// 5,197 of the 9,064 globals of SQLite's amalgamation at -O0, and the code
// generator emits globals one at a time.  One table of them all is one
// global.  A patch descriptor names few, and
// keeps a global per string.
void DescriptorTables::layOutStrings(const ModuleFacts &Facts) {
  std::string Bytes;
  auto Add = [&](StringRef S) {
    if (StringOffsets.try_emplace(S, Bytes.size()).second) {
      Bytes += S;
      Bytes += '\0';
    }
  };
  Add(Facts.ModuleId);
  for (const auto *List : {&Facts.Functions, &Facts.Aliases})
    for (const FunctionFact &F : *List) {
      Add(F.Id);
      if (!F.Signature.empty()) // else the field is null
        Add(F.Signature);
    }
  for (const DataFact &D : Facts.Data) {
    Add(D.Id);
    Add(D.Type);
  }
  Strings = new GlobalVariable(
      M, ArrayType::get(Type::getInt8Ty(Ctx), Bytes.size()), true,
      GlobalValue::PrivateLinkage,
      ConstantDataArray::getString(Ctx, Bytes, /*AddNull=*/false),
      "__hotpatch.strings");
  Strings->setAlignment(Align(1));
}

abi::Ptr DescriptorTables::str(StringRef S) {
  auto It = StringOffsets.find(S);
  if (It == StringOffsets.end())
    return abi::Ptr(cString(S));
  // Through the builder's folder, not ConstantExpr::getGetElementPtr, on
  // which clang-tidy's analyzer reports a double free in LLVM's header.
  IRBuilder<> B(Ctx);
  return abi::Ptr(cast<Constant>(
      B.CreateConstInBoundsGEP1_64(Type::getInt8Ty(Ctx), Strings, It->second)));
}

Constant *DescriptorTables::cString(StringRef S) {
  auto *GV =
      new GlobalVariable(M, ArrayType::get(Type::getInt8Ty(Ctx), S.size() + 1),
                         true, GlobalValue::PrivateLinkage,
                         ConstantDataArray::getString(Ctx, S), "__hotpatch.id");
  GV->setUnnamedAddr(GlobalValue::UnnamedAddr::Global);
  GV->setAlignment(Align(1));
  return GV;
}

Constant *DescriptorTables::functionRow(const FunctionFact &F,
                                        bool WithSlotAndStub) {
  return abi::Function{.id = str(F.Id),
                       .slot = WithSlotAndStub ? ptr(F.F.Slot) : null(),
                       .stub = WithSlotAndStub ? ptr(F.F.Stub) : null(),
                       .impl = ptr(F.F.Impl),
                       .hash_lo = u64(F.Hash.Lo),
                       .hash_hi = u64(F.Hash.Hi),
                       .flags = u32(F.Flags),
                       .reserved = u32(0),
                       .signature =
                           F.Signature.empty() ? null() : str(F.Signature)}
      .toConstant(M);
}

Function *DescriptorTables::tlsAccessor(GlobalVariable &GV) {
  Function *Fn = Subtarget.createFunction(M, FunctionType::get(PtrTy, false),
                                          GV.getName() + HOTPATCH_TLS_SUFFIX);
  Fn->addFnAttr(Attribute::NoUnwind);
  IRBuilder<> B(BasicBlock::Create(Ctx, "entry", Fn));
  B.CreateRet(B.CreateThreadLocalAddress(&GV));
  return Fn;
}

Constant *DescriptorTables::dataRow(const DataFact &D) {
  bool TLS = D.Var->isThreadLocal();
  return abi::Data{.id = str(D.Id),
                   .address = TLS ? null() : ptr(D.Var),
                   .tls_address = TLS ? ptr(tlsAccessor(*D.Var)) : null(),
                   .size = u64(D.Size),
                   .layout_hash = u64(D.LayoutHash),
                   .kind = u32(D.Kind),
                   .flags = u32(D.Flags),
                   .type = str(D.Type)}
      .toConstant(M);
}

abi::Ptr DescriptorTables::table(ArrayRef<Constant *> Rows, StructType *RowTy,
                                 const Twine &Name) {
  auto *Ty = ArrayType::get(RowTy, Rows.size());
  return ptr(new GlobalVariable(M, Ty, true, GlobalValue::InternalLinkage,
                                ConstantArray::get(Ty, Rows), Name));
}

abi::Ptr DescriptorTables::functionTable(ArrayRef<Constant *> Rows) {
  return table(Rows, abi::Function::structTy(M), "__hotpatch.functions");
}

abi::Ptr DescriptorTables::dataTable(ArrayRef<Constant *> Rows) {
  return table(Rows, abi::Data::structTy(M), "__hotpatch.data");
}

GlobalVariable *DescriptorTables::descriptor(Constant *Init, StringRef Name) {
  return new GlobalVariable(M, Init->getType(), true,
                            GlobalValue::InternalLinkage, Init, Name);
}

abi::Ptr DescriptorTables::info(const std::string &Text) {
  auto *Info = new GlobalVariable(
      M, ArrayType::get(Type::getInt8Ty(Ctx), Text.size() + 1), true,
      GlobalValue::InternalLinkage, ConstantDataArray::getString(Ctx, Text),
      HOTPATCH_INFO_NAME);
  Info->setSection(HOTPATCH_INFO_SECTION);
  Info->setAlignment(Align(1));
  appendToCompilerUsed(M, {Info});
  return ptr(Info);
}

void DescriptorTables::constructor(StringRef Name, StringRef Callee,
                                   Constant *Arg, bool Weak,
                                   unsigned Priority) {
  SmallVector<Type *, 1> Params;
  SmallVector<Value *, 1> Args;
  if (Arg) {
    Params.push_back(PtrTy);
    Args.push_back(Arg);
  }
  FunctionCallee Target = M.getOrInsertFunction(
      Callee, FunctionType::get(Type::getVoidTy(Ctx), Params, false));
  auto *TargetFn = cast<Function>(Target.getCallee());
  if (Weak && TargetFn->isDeclaration())
    TargetFn->setLinkage(GlobalValue::ExternalWeakLinkage);

  Function *Ctor = Subtarget.createFunction(
      M, FunctionType::get(Type::getVoidTy(Ctx), false), Name);
  Ctor->addFnAttr(Attribute::NoUnwind);
  IRBuilder<> B(BasicBlock::Create(Ctx, "entry", Ctor));
  if (Weak) { // a missing runtime leaves the symbol null
    BasicBlock *Call = BasicBlock::Create(Ctx, "call", Ctor);
    BasicBlock *Done = BasicBlock::Create(Ctx, "done", Ctor);
    B.CreateCondBr(B.CreateIsNotNull(TargetFn), Call, Done);
    B.SetInsertPoint(Call);
    B.CreateCall(Target, Args);
    B.CreateBr(Done);
    B.SetInsertPoint(Done);
  } else {
    B.CreateCall(Target, Args);
  }
  B.CreateRetVoid();
  appendToGlobalCtors(M, Ctor, Priority);
}

} // namespace hotpatch
