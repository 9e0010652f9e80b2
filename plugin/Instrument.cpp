//===- Instrument.cpp - Stubs, slots and impls (pipeline start) -----------===//
//
// For every function F defined in the module:
//
//   F.hp.impl   internal; receives F's body, arguments and debug info, so
//               debuggers and backtraces still show F and its lines
//   F.hp.slot   internal mutable pointer, initially &F.hp.impl; the runtime
//               repoints it to publish new code
//   F           keeps its name, type, linkage and visibility; its body becomes
//               `musttail call (load F.hp.slot)(args...)`, so F's address
//               (function-pointer identity) never changes
//
// Direct calls to F inside the module are pointed at F.hp.impl so that the
// optimiser may still inline; FinalizePass later routes the calls it left
// through the slot.
//
//===----------------------------------------------------------------------===//
#include "Hotpatch.h"
#include "hotpatch_abi.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"

using namespace llvm;

#define DEBUG_TYPE "hotpatch-instrument"

namespace hotpatch {
namespace {

/// Functions annotated __attribute__((annotate("no_hotpatch"))).
SmallPtrSet<const Function *, 8> optedOutFunctions(Module &M) {
  SmallPtrSet<const Function *, 8> Result;
  GlobalVariable *Annotations = M.getGlobalVariable("llvm.global.annotations");
  if (!Annotations || !Annotations->hasInitializer())
    return Result;
  auto *Array = dyn_cast<ConstantArray>(Annotations->getInitializer());
  if (!Array)
    return Result;
  for (Value *Op : Array->operands()) {
    auto *Entry = dyn_cast<ConstantStruct>(Op);
    if (!Entry || Entry->getNumOperands() < 2)
      continue;
    auto *F = dyn_cast<Function>(Entry->getOperand(0)->stripPointerCasts());
    auto *Str =
        dyn_cast<GlobalVariable>(Entry->getOperand(1)->stripPointerCasts());
    if (!F || !Str || !Str->hasInitializer())
      continue;
    auto *Text = dyn_cast<ConstantDataArray>(Str->getInitializer());
    if (Text && Text->isCString() &&
        Text->getAsCString() == HOTPATCH_OPT_OUT_ANNOTATION)
      Result.insert(F);
  }
  return Result;
}

/// Functions used as ifunc resolvers: their address must be their body.
SmallPtrSet<const Function *, 4> ifuncResolvers(Module &M) {
  SmallPtrSet<const Function *, 4> Result;
  for (GlobalIFunc &IF : M.ifuncs())
    if (Function *R = IF.getResolverFunction())
      Result.insert(R);
  return Result;
}

class Instrumenter {
public:
  explicit Instrumenter(Module &M) : M(M), Ctx(M.getContext()) {}

  void run() {
    auto OptedOut = optedOutFunctions(M);
    auto Resolvers = ifuncResolvers(M);
    std::vector<Function *> Worklist;
    for (Function &F : M)
      if (shouldInstrument(F) && !OptedOut.contains(&F) &&
          !Resolvers.contains(&F))
        Worklist.push_back(&F);
    for (Function *F : Worklist)
      instrument(*F);
    keepStaticStorage();
    keepLongRunningCallsPatchable();
    if (!Used.empty())
      appendToCompilerUsed(M, Used);
    M.addModuleFlag(Module::Max, InstrumentedFlagName, 1);
  }

private:
  Module &M;
  LLVMContext &Ctx;
  SmallVector<GlobalValue *, 32> Used;

  static bool shouldInstrument(const Function &F) {
    if (F.isDeclaration() || F.isIntrinsic() ||
        F.hasAvailableExternallyLinkage() ||
        F.hasFnAttribute(Attribute::Naked))
      return false;
    StringRef Name = F.getName();
    return !Name.starts_with("__hotpatch") && !Name.contains(".hp.");
  }

  /// main() and thread start routines usually loop for the life of the
  /// process or thread, so their frame never picks up new code: whatever
  /// the optimiser inlines into them, or hoists out of their loops because
  /// it inferred the callee pure, could never be patched.  Their direct
  /// calls therefore stay on the stubs, opaque to the optimiser
  /// (FinalizePass later turns them into slot loads).
  void keepLongRunningCallsPatchable() {
    SmallPtrSet<Function *, 4> Roots;
    if (Function *Main = M.getFunction("main"))
      Roots.insert(Main);
    for (const char *Spawner : {"pthread_create", "thrd_create"})
      if (Function *Create = M.getFunction(Spawner))
        for (User *U : Create->users())
          if (auto *CB = dyn_cast<CallBase>(U))
            for (Value *Arg : CB->args())
              if (auto *Start = dyn_cast<Function>(Arg->stripPointerCasts()))
                Roots.insert(Start);
    std::vector<InstrumentedFunction> Functions = instrumentedFunctions(M);
    DenseMap<Function *, Function *> StubOfImpl;
    for (const InstrumentedFunction &F : Functions)
      StubOfImpl[F.Impl] = F.Stub;
    for (const InstrumentedFunction &F : Functions) {
      if (!Roots.contains(F.Stub))
        continue;
      for (Instruction &I : instructions(*F.Impl))
        if (auto *CB = dyn_cast<CallBase>(&I))
          if (Function *Stub = StubOfImpl.lookup(CB->getCalledFunction()))
            CB->setCalledOperand(Stub);
    }
  }

  /// Mutable internal globals are state a later patch may read or write, so
  /// the optimiser must not reason from "only this module touches it":
  /// GlobalOpt would fold a never-written `static int debug = 0` into its
  /// readers, shrink a 0/1 int to a bool, or turn a global into a local.
  void keepStaticStorage() {
    for (GlobalVariable &GV : M.globals())
      if (GV.hasLocalLinkage() && !GV.isConstant() && !GV.isDeclaration() &&
          !GV.getName().starts_with("llvm.") && !GV.getName().contains(".hp."))
        Used.push_back(&GV);
  }

  void instrument(Function &F) {
    Function *Impl = moveBodyToImpl(F);
    GlobalVariable *Slot = createSlot(F, *Impl);
    buildStub(F, *Slot);
    if (!F.isInterposable())
      redirectDirectCalls(F, *Impl);
    record(F, *Impl, *Slot);
  }

  Function *moveBodyToImpl(Function &F) {
    Function *Impl =
        Function::Create(F.getFunctionType(), GlobalValue::InternalLinkage,
                         F.getAddressSpace(), F.getName() + HOTPATCH_IMPL_SUFFIX,
                         &M);
    Impl->copyAttributesFrom(&F);
    Impl->setLinkage(GlobalValue::InternalLinkage);
    Impl->setVisibility(GlobalValue::DefaultVisibility);
    Impl->setDSOLocal(true);
    Impl->setComdat(nullptr);
    Impl->setUnnamedAddr(GlobalValue::UnnamedAddr::Local);
    Impl->splice(Impl->begin(), &F);
    for (auto [From, To] : zip(F.args(), Impl->args())) {
      To.takeName(&From);
      From.replaceAllUsesWith(&To);
    }
    // Debug info and other attachments describe the body, which moved.
    SmallVector<std::pair<unsigned, MDNode *>, 4> MDs;
    F.getAllMetadata(MDs);
    for (auto &[Kind, Node] : MDs)
      Impl->setMetadata(Kind, Node);
    F.clearMetadata();
    return Impl;
  }

  GlobalVariable *createSlot(Function &F, Function &Impl) {
    auto *PtrTy = PointerType::get(Ctx, F.getAddressSpace());
    auto *Slot = new GlobalVariable(M, PtrTy, /*isConstant=*/false,
                                    GlobalValue::InternalLinkage, &Impl,
                                    F.getName() + HOTPATCH_SLOT_SUFFIX);
    Slot->setAlignment(M.getDataLayout().getPointerABIAlignment(0));
    Slot->setSection(HOTPATCH_SLOT_SECTION);
    // The runtime stores to the slot; tell the optimiser the initial value is
    // not to be trusted, and keep the global (the GlobalOpt pitfall).
    Slot->setExternallyInitialized(true);
    Used.push_back(Slot);
    return Slot;
  }

  /// Makes F a thunk: one load of the slot and a musttail call carrying F's
  /// exact calling convention and ABI attributes (varargs are forwarded).
  void buildStub(Function &F, GlobalVariable &Slot) {
    F.setPersonalityFn(nullptr);
    F.removeFnAttr(Attribute::AlwaysInline);
    F.removeFnAttr(Attribute::InlineHint);
    F.addFnAttr(Attribute::NoInline);
    F.addFnAttr("thunk");
    BasicBlock *Entry = BasicBlock::Create(Ctx, "entry", &F);
    IRBuilder<> B(Entry);
    LoadInst *Target = B.CreateAlignedLoad(Slot.getValueType(), &Slot,
                                           Slot.getAlign(), "target");
    Target->setAtomic(AtomicOrdering::Acquire);
    SmallVector<Value *, 8> Args(make_pointer_range(F.args()));
    CallInst *Call = B.CreateCall(F.getFunctionType(), Target, Args);
    Call->setCallingConv(F.getCallingConv());
    AttributeList Attrs = F.getAttributes();
    Call->setAttributes(AttributeList::get(Ctx, AttributeSet(),
                                           Attrs.getRetAttrs(),
                                           [&] {
                                             SmallVector<AttributeSet, 8> P;
                                             for (unsigned I = 0;
                                                  I < F.arg_size(); ++I)
                                               P.push_back(
                                                   Attrs.getParamAttrs(I));
                                             return P;
                                           }()));
    Call->setTailCallKind(CallInst::TCK_MustTail);
    if (F.getReturnType()->isVoidTy())
      B.CreateRetVoid();
    else
      B.CreateRet(Call);
  }

  void redirectDirectCalls(Function &F, Function &Impl) {
    for (Use &U : make_early_inc_range(F.uses())) {
      auto *CB = dyn_cast<CallBase>(U.getUser());
      if (CB && CB->isCallee(&U) &&
          CB->getFunctionType() == F.getFunctionType())
        U.set(&Impl);
    }
  }

  void record(Function &F, Function &Impl, GlobalVariable &Slot) {
    // The stub must stay even when nothing uses it now: a patch may take
    // its address, and the registry names the function by it.
    Used.push_back(&F);
    NamedMDNode *List = M.getOrInsertNamedMetadata(FunctionsMetadataName);
    List->addOperand(MDNode::get(
        Ctx, {ValueAsMetadata::get(&F), ValueAsMetadata::get(&Impl),
              ValueAsMetadata::get(&Slot)}));
  }
};

} // namespace

PreservedAnalyses InstrumentPass::run(Module &M, ModuleAnalysisManager &) {
  if (M.getModuleFlag(InstrumentedFlagName))
    return PreservedAnalyses::all();
  Instrumenter(M).run();
  return PreservedAnalyses::none();
}

} // namespace hotpatch
