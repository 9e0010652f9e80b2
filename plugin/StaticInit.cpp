//===- StaticInit.cpp - C++ dynamic initialisers under patching -----------===//
//
// clang runs a unit's dynamic initialisers from one constructor,
// _GLOBAL__sub_I_<file>, which calls __cxx_global_var_init,
// __cxx_global_var_init.1, ... in declaration order; an inline variable or a
// static data member of a template gets a guarded constructor of its own.
// At pipeline start, before anything is instrumented:
//
//   stable names   the numbers follow declaration order, so a global added
//                  at the top would rename every initialiser after it; each
//                  is renamed after the global it initialises
//                  (__cxx_global_var_init.<global>), in build and patch mode
//                  alike, so its id survives edits elsewhere in the file
//   patch mode     existing objects are never initialised again and new ones
//                  exactly once, in declaration order: the initialisers go
//                  out of llvm.global_ctors, and a new constructor
//                  __hotpatch.new_inits calls, in order, those whose every
//                  target is a global the process does not have yet (with
//                  their destructors registered, as the initialisers do);
//                  PatchModule runs it once, as it runs new constructors
//
// The targets of an initialiser are the globals of this unit it writes:
// stores, and the first or sret argument of a call (a constructor's `this`,
// a returned object).  An initialiser with none, or with an existing one,
// is not run.
//
//===----------------------------------------------------------------------===//
#include "Baseline.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"

using namespace llvm;

#define DEBUG_TYPE "hotpatch-static-init"

namespace hotpatch {
namespace {

constexpr StringLiteral InitPrefix = "__cxx_global_var_init";
constexpr StringLiteral UnitInitPrefix = "_GLOBAL__sub_I_";

bool isVarInit(const Function &F) {
  return F.hasLocalLinkage() && F.getName().starts_with(InitPrefix);
}

/// The mutable global of this unit that \p V addresses, if any (a
/// string literal passed to a function is no target).
GlobalVariable *addressedGlobal(Value *V) {
  auto *GV = dyn_cast<GlobalVariable>(V->stripInBoundsOffsets());
  return GV && !GV->isDeclaration() && !GV->isConstant() ? GV : nullptr;
}

/// The globals \p Init writes (see the file comment), in order.
SmallVector<GlobalVariable *, 2> targetsOf(Function &Init) {
  SmallVector<GlobalVariable *, 2> Targets;
  SmallPtrSet<GlobalVariable *, 2> Seen;
  auto Add = [&](Value *V) {
    if (GlobalVariable *GV = addressedGlobal(V))
      if (Seen.insert(GV).second)
        Targets.push_back(GV);
  };
  for (Instruction &I : instructions(Init)) {
    if (auto *SI = dyn_cast<StoreInst>(&I))
      Add(SI->getPointerOperand());
    else if (auto *CB = dyn_cast<CallBase>(&I))
      for (unsigned A = 0; A < CB->arg_size(); ++A)
        if (A == 0 || CB->paramHasAttr(A, Attribute::StructRet))
          Add(CB->getArgOperand(A));
  }
  return Targets;
}

/// The constructors of llvm.global_ctors, in the order they run.
SmallVector<Function *, 4> constructorsInOrder(Module &M) {
  // (priority, position): equal priorities run in the array's order.
  SmallVector<std::tuple<uint64_t, size_t, Function *>, 4> Entries;
  if (GlobalVariable *GV = M.getGlobalVariable("llvm.global_ctors"))
    if (auto *Array = dyn_cast_or_null<ConstantArray>(
            GV->hasInitializer() ? GV->getInitializer() : nullptr))
      for (Value *Op : Array->operands()) {
        auto *Entry = cast<ConstantStruct>(Op);
        if (auto *Fn = dyn_cast<Function>(Entry->getOperand(1)))
          Entries.push_back(
              {cast<ConstantInt>(Entry->getOperand(0))->getZExtValue(),
               Entries.size(), Fn});
      }
  llvm::sort(Entries);
  SmallVector<Function *, 4> Result;
  for (auto &[Priority, Position, Fn] : Entries)
    Result.push_back(Fn);
  return Result;
}

/// The variable initialisers a constructor runs, in order: the calls of a
/// unit's _GLOBAL__sub_I_, or the constructor itself.
SmallVector<Function *, 8> initialisersOf(Function &Ctor) {
  SmallVector<Function *, 8> Inits;
  if (isVarInit(Ctor))
    Inits.push_back(&Ctor);
  else if (Ctor.getName().starts_with(UnitInitPrefix))
    for (Instruction &I : instructions(Ctor))
      if (auto *CB = dyn_cast<CallBase>(&I))
        if (Function *Callee = CB->getCalledFunction();
            Callee && isVarInit(*Callee))
          Inits.push_back(Callee);
  return Inits;
}

bool isCxxInitConstructor(const Function &F) {
  return isVarInit(F) || F.getName().starts_with(UnitInitPrefix);
}

/// llvm.global_ctors without the C++ initialisers, plus \p NewInits.
void replaceInitConstructors(Module &M, Function *NewInits) {
  GlobalVariable *GV = M.getGlobalVariable("llvm.global_ctors");
  auto *Array = cast<ConstantArray>(GV->getInitializer());
  SmallVector<Constant *, 4> Kept;
  for (Value *Op : Array->operands()) {
    auto *Fn = dyn_cast<Function>(cast<ConstantStruct>(Op)->getOperand(1));
    if (!Fn || !isCxxInitConstructor(*Fn))
      Kept.push_back(cast<Constant>(Op));
  }
  auto *Ty = ArrayType::get(Array->getType()->getElementType(), Kept.size());
  auto *Replacement = new GlobalVariable(M, Ty, false, GV->getLinkage(),
                                         ConstantArray::get(Ty, Kept), "", GV,
                                         GV->getThreadLocalMode());
  Replacement->takeName(GV);
  GV->eraseFromParent();
  appendToGlobalCtors(M, NewInits, 65535);
}

} // namespace

void prepareStaticInitialisers(Module &M) {
  SmallVector<Function *, 4> Ctors = constructorsInOrder(M);
  if (none_of(Ctors, [](Function *F) { return isCxxInitConstructor(*F); }))
    return;
  DenseMap<Function *, SmallVector<GlobalVariable *, 2>> Targets;
  for (Function &F : M)
    if (isVarInit(F) && !F.isDeclaration()) {
      Targets[&F] = targetsOf(F);
      if (!Targets[&F].empty())
        F.setName(InitPrefix + "." + Targets[&F].front()->getName());
    }
  std::string BaselinePath = baselinePath();
  if (BaselinePath.empty())
    return;
  std::string ModuleId = moduleId(M);
  Expected<const Baseline &> B = Baseline::read(BaselinePath, ModuleId);
  if (!B) {
    consumeError(B.takeError()); // FinalizePass reports it
    return;
  }
  LLVMContext &Ctx = M.getContext();
  Function *NewInits = UnitTarget(M).createFunction(
      M, FunctionType::get(Type::getVoidTy(Ctx), false), NewInitsName);
  IRBuilder<> Bld(BasicBlock::Create(Ctx, "entry", NewInits));
  for (Function *Ctor : Ctors)
    for (Function *Init : initialisersOf(*Ctor)) {
      const auto &Written = Targets[Init];
      if (!Written.empty() && none_of(Written, [&](GlobalVariable *GV) {
            return B->Data.count(stableId(*GV, ModuleId));
          }))
        Bld.CreateCall(Init->getFunctionType(), Init);
    }
  Bld.CreateRetVoid();
  replaceInitConstructors(M, NewInits);
}

} // namespace hotpatch
