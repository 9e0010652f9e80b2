//===- DescriptorTables.cpp - IR for the structs of hotpatch_abi.h --------===//
#include "DescriptorTables.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"

using namespace llvm;

namespace hotpatch {

DescriptorTables::DescriptorTables(Module &M)
    : M(M), Ctx(M.getContext()), PtrTy(PointerType::get(Ctx, 0)),
      I32(Type::getInt32Ty(Ctx)), I64(Type::getInt64Ty(Ctx)) {
  // struct hotpatch_function / struct hotpatch_data
  FunctionRowTy =
      StructType::get(Ctx, {PtrTy, PtrTy, PtrTy, PtrTy, I64, I64, I32, I32});
  DataRowTy =
      StructType::get(Ctx, {PtrTy, PtrTy, PtrTy, I64, I64, I32, I32, PtrTy});
}

Constant *DescriptorTables::cString(StringRef S) {
  auto *GV = new GlobalVariable(
      M, ArrayType::get(Type::getInt8Ty(Ctx), S.size() + 1), true,
      GlobalValue::PrivateLinkage, ConstantDataArray::getString(Ctx, S),
      "__hotpatch.id");
  GV->setUnnamedAddr(GlobalValue::UnnamedAddr::Global);
  GV->setAlignment(Align(1));
  return GV;
}

Constant *DescriptorTables::functionRow(const FunctionFact &F,
                                        bool WithSlotAndStub) {
  Constant *Null = ConstantPointerNull::get(PtrTy);
  return ConstantStruct::get(
      FunctionRowTy,
      {cString(F.Id), WithSlotAndStub ? F.F.Slot : Null,
       WithSlotAndStub ? F.F.Stub : Null, F.F.Impl,
       ConstantInt::get(I64, F.Hash.Lo), ConstantInt::get(I64, F.Hash.Hi),
       ConstantInt::get(I32, F.Flags), ConstantInt::get(I32, 0)});
}

Function *DescriptorTables::tlsAccessor(GlobalVariable &GV) {
  auto *Fn = Function::Create(FunctionType::get(PtrTy, false),
                              GlobalValue::InternalLinkage,
                              GV.getName() + HOTPATCH_TLS_SUFFIX, M);
  Fn->addFnAttr(Attribute::NoUnwind);
  IRBuilder<> B(BasicBlock::Create(Ctx, "entry", Fn));
  B.CreateRet(B.CreateThreadLocalAddress(&GV));
  return Fn;
}

Constant *DescriptorTables::dataRow(const DataFact &D) {
  Constant *Null = ConstantPointerNull::get(PtrTy);
  bool TLS = D.Var->isThreadLocal();
  return ConstantStruct::get(
      DataRowTy,
      {cString(D.Id), TLS ? Null : static_cast<Constant *>(D.Var),
       TLS ? static_cast<Constant *>(tlsAccessor(*D.Var)) : Null,
       ConstantInt::get(I64, D.Size), ConstantInt::get(I64, D.LayoutHash),
       ConstantInt::get(I32, D.Kind), ConstantInt::get(I32, D.Flags),
       cString(D.Type)});
}

GlobalVariable *DescriptorTables::table(ArrayRef<Constant *> Rows,
                                        StructType *RowTy, const Twine &Name) {
  auto *Ty = ArrayType::get(RowTy, Rows.size());
  return new GlobalVariable(M, Ty, true, GlobalValue::InternalLinkage,
                            ConstantArray::get(Ty, Rows), Name);
}

GlobalVariable *DescriptorTables::info(const std::string &Text) {
  auto *Info = new GlobalVariable(
      M, ArrayType::get(Type::getInt8Ty(Ctx), Text.size() + 1), true,
      GlobalValue::InternalLinkage, ConstantDataArray::getString(Ctx, Text),
      HOTPATCH_INFO_NAME);
  Info->setSection(HOTPATCH_INFO_SECTION);
  Info->setAlignment(Align(1));
  appendToCompilerUsed(M, {Info});
  return Info;
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

  auto *Ctor = Function::Create(FunctionType::get(Type::getVoidTy(Ctx), false),
                                GlobalValue::InternalLinkage, Name, M);
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
