//===- Instrument.cpp - Stubs, slots and impls (pipeline start) -----------===//
//
// For every function F defined in the module:
//
//   F.hp.impl   internal; F itself, renamed, with its body, arguments and
//               debug info, so debuggers and backtraces still show F and
//               its lines, and label addresses (&&label) stay valid
//   F.hp.slot   internal mutable pointer, initially &F.hp.impl; the runtime
//               repoints it to publish new code
//   F           a new function with F's name, type, linkage and visibility,
//               taking over every use of F's address; its body is
//               `musttail call (load F.hp.slot)(args...)`, so F's address
//               (function-pointer identity) never changes
//
// Direct calls to F inside the module are pointed at F.hp.impl so that the
// optimiser may still inline; FinalizePass later routes the calls it left
// through the slot.
//
// A function in a COMDAT (C++ inline functions, templates, implicit
// members: every unit that uses one emits it, the linker keeps one copy)
// takes its impl and slot into that COMDAT, with its linkage and hidden
// visibility, so they are kept or dropped with the stub: the program has one
// slot per such function, which every unit's calls load, and one impl.
//
//===----------------------------------------------------------------------===//
#include "Baseline.h"
#include "Hotpatch.h"
#include "hotpatch_abi.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Analysis/CFG.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/GlobalStatus.h"
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
    SmallVector<GlobalValue *, 8> SourceUsed;
    collectUsedGlobalVariables(M, SourceUsed, /*CompilerUsed=*/false);
    collectUsedGlobalVariables(M, SourceUsed, /*CompilerUsed=*/true);
    for (GlobalValue *GV : SourceUsed)
      if (auto *F = dyn_cast<Function>(GV))
        F->addFnAttr(SourceUsedAttrName);
    std::vector<Function *> Worklist;
    for (Function &F : M)
      if (shouldInstrument(F) && !OptedOut.contains(&F) &&
          !Resolvers.contains(&F))
        Worklist.push_back(&F);
    for (Function *F : Worklist)
      instrument(*F);
    callAliasesDirectly();
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
  /// What record() was given, in order, and its two directions.
  std::vector<InstrumentedFunction> Instrumented;
  DenseMap<Function *, Function *> StubOfImpl, ImplOfStub;

  static bool shouldInstrument(const Function &F) {
    if (F.isDeclaration() || F.isIntrinsic() ||
        F.hasAvailableExternallyLinkage() || F.hasFnAttribute(Attribute::Naked))
      return false;
    StringRef Name = F.getName();
    return !Name.starts_with("__hotpatch") && !Name.contains(".hp.");
  }

  /// C++'s complete-object constructors and destructors are aliases of the
  /// base-object ones (-mconstructor-aliases), as is what
  /// __attribute__((alias)) names: a call of such an alias is a direct call
  /// of F, so it reaches the body too, and the optimiser may inline it, as
  /// plain clang's does once GlobalOpt resolved the alias.  Through the
  /// stub, `~StrPair` was called, not inlined, from tinyxml2's `~XMLNode`.
  /// Not when the linker may pick another definition of the alias or of F.
  void callAliasesDirectly() {
    for (GlobalAlias &GA : M.aliases()) {
      auto *Stub = dyn_cast<Function>(GA.getAliasee());
      Function *Impl = Stub ? ImplOfStub.lookup(Stub) : nullptr;
      if (!Impl || GA.isInterposable() || Stub->isInterposable())
        continue;
      GA.replaceUsesWithIf(Impl, [&](Use &U) {
        auto *CB = dyn_cast<CallBase>(U.getUser());
        return CB && CB->isCallee(&U) &&
               CB->getFunctionType() == Impl->getFunctionType();
      });
    }
  }

  /// main() and thread start routines usually loop for the life of the
  /// process or thread, so their frame never picks up new code: whatever
  /// the optimiser inlines into them, or hoists out of their loops because
  /// it inferred the callee pure, could never be patched.  Their direct
  /// calls therefore stay on the stubs, opaque to the optimiser
  /// (FinalizePass later turns them into slot loads).
  void keepLongRunningCallsPatchable() {
    SmallPtrSet<Function *, 4> Roots = longRunningRoots();
    for (const InstrumentedFunction &F : Instrumented) {
      if (!Roots.contains(F.Stub))
        continue;
      for (Instruction &I : instructions(*F.Impl))
        if (auto *CB = dyn_cast<CallBase>(&I))
          if (Function *Stub = StubOfImpl.lookup(CB->getCalledFunction()))
            CB->setCalledOperand(Stub);
    }
  }

  /// The stubs of main, of the functions handed to pthread_create,
  /// thrd_create or std::thread's constructor, and of what a std::thread
  /// runs: libstdc++'s std::thread::_State_impl<...>::_M_run reaches the
  /// callable (a lambda's call operator) down a chain of std:: templates,
  /// which are roots too, lest they inline it.  A start routine or
  /// callable without a loop only forwards to the thread's real body
  /// (`[this] { run(); }`), so the chain goes on to its callees.
  SmallPtrSet<Function *, 4> longRunningRoots() {
    SmallPtrSet<Function *, 4> Roots;
    if (Function *Main = M.getFunction("main"))
      Roots.insert(Main);
    auto IsSpawner = [](StringRef Name) {
      return Name == "pthread_create" || Name == "thrd_create" ||
             Name.starts_with("_ZNSt6threadC1I") ||
             Name.starts_with("_ZNSt6threadC2I");
    };
    SmallVector<Function *, 8> Chain;
    for (Function &F : M) {
      StringRef Name = F.getName();
      if (Name.starts_with("_ZNSt6thread11_State_implI") &&
          Name.ends_with("6_M_runEv") && ImplOfStub.count(&F))
        Chain.push_back(&F);
      if (!IsSpawner(Name))
        continue;
      for (User *U : F.users())
        if (auto *CB = dyn_cast<CallBase>(U))
          for (Value *Arg : CB->args())
            if (auto *Start = dyn_cast<Function>(Arg->stripPointerCasts()))
              Chain.push_back(Start); // its address: the stub
    }
    while (!Chain.empty()) {
      Function *Stub = Chain.pop_back_val();
      if (!Roots.insert(Stub).second)
        continue;
      Function *Impl = ImplOfStub.lookup(Stub);
      StringRef Name = Stub->getName();
      bool InStd = Name.starts_with("_ZNSt") || Name.starts_with("_ZNKSt") ||
                   Name.starts_with("_ZSt");
      if (!Impl || (!InStd && hasLoop(*Impl)))
        continue; // the thread's loop: its frame lives, its callees come and go
      for (Instruction &I : instructions(*Impl))
        if (auto *CB = dyn_cast<CallBase>(&I))
          if (Function *Callee = StubOfImpl.lookup(CB->getCalledFunction()))
            Chain.push_back(Callee);
    }
    return Roots;
  }

  static bool hasLoop(const Function &F) {
    SmallVector<std::pair<const BasicBlock *, const BasicBlock *>, 4> Back;
    FindFunctionBackedges(F, Back);
    return !Back.empty();
  }

  /// Mutable internal globals are state a later patch may read or write, so
  /// the optimiser must not reason from "only this module touches it":
  /// GlobalOpt would fold a never-written `static int debug = 0` into its
  /// readers, shrink a 0/1 int to a bool, or turn a global into a local.
  /// Except the static locals their function only reads, which become
  /// constants (readOnlyStaticLocal).
  void keepStaticStorage() {
    // Patch mode: what the process has.  A baseline that cannot be read
    // (FinalizePass reports it) keeps every static state.
    const Baseline *Running = nullptr;
    bool MayConstify = pluginConfig().ReadOnlyStatics;
    std::string ModuleId = moduleId(M);
    if (std::string Path = baselinePath(); !Path.empty()) {
      Expected<const Baseline &> B = Baseline::read(Path, ModuleId);
      if (B)
        Running = &*B;
      else
        consumeError(B.takeError());
      MayConstify &= Running != nullptr;
    }
    for (GlobalVariable &GV : M.globals()) {
      if (!GV.hasLocalLinkage() || GV.isConstant() || GV.isDeclaration() ||
          GV.getName().starts_with("llvm.") || GV.getName().contains(".hp."))
        continue;
      if (MayConstify && readOnlyStaticLocal(GV, Running, ModuleId))
        GV.setConstant(true);
      else
        Used.push_back(&GV);
    }
  }

  /// A static local that nothing writes and whose address goes nowhere but
  /// into loads (the pointer `static const char *name = "..."`, a lookup
  /// table its function forgot to make const) is a constant, as `const`
  /// would make it: the optimiser folds it as plain clang's does, and an
  /// edit of its initialiser patches its readers, whose hashes hold the
  /// content of the constants they read.  In C only its own function can
  /// name it, so an edit that starts writing it is an edit of that
  /// function; the patch then has storage of its own for it, initialised
  /// as written, i.e. with the value the process read (PatchModule.cpp).
  /// One the process (\p Running, in patch mode, whose ids name this unit
  /// \p ModuleId) has as mutable state
  /// stays state, written or not: it holds what the process wrote.
  static bool readOnlyStaticLocal(const GlobalVariable &GV,
                                  const Baseline *Running, StringRef ModuleId) {
    if (!GV.getMetadata(StaticLocalMetadataName) || GV.isThreadLocal() ||
        GV.hasSection() || GV.isExternallyInitialized())
      return false;
    GlobalStatus Status;
    if (GlobalStatus::analyzeGlobal(&GV, Status) ||
        Status.StoredType != GlobalStatus::NotStored ||
        Status.Ordering != AtomicOrdering::NotAtomic)
      return false;
    if (!Running)
      return true;
    auto It = Running->Data.find(stableId(GV, ModuleId));
    return It == Running->Data.end() ||
           It->second.Kind == hotpatch_data_kind_word(HOTPATCH_DATA_CONSTANT);
  }

  /// F itself becomes the impl (keeping its body, arguments, debug info and
  /// the label addresses of its blocks, which computed-goto tables hold);
  /// a new function takes over F's name, linkage and every use of F's
  /// address, and becomes the stub.
  void instrument(Function &F) {
    bool Interposable = F.isInterposable();
    Function *Stub = createStub(F);
    Function &Impl = F;
    GlobalVariable *Slot = createSlot(*Stub, Impl);
    followComdat(*Stub, Impl, *Slot);
    buildStub(*Stub, *Slot);
    Impl.replaceUsesWithIf(Stub, [&](Use &U) {
      if (U.getUser() == Slot || isa<BlockAddress>(U.getUser()))
        return false; // the slot's target; a label of the body
      auto *CB = dyn_cast<CallBase>(U.getUser());
      bool DirectCall = CB && CB->isCallee(&U) &&
                        CB->getFunctionType() == Impl.getFunctionType();
      // Direct calls reach the body, so the optimiser may inline, unless
      // the linker may pick another definition of an interposable F.
      return !DirectCall || Interposable;
    });
    record(*Stub, Impl, *Slot);
  }

  /// The stub: F's name, type, linkage, visibility and attributes; F turns
  /// into the internal impl.
  Function *createStub(Function &F) {
    Function *Stub = Function::Create(F.getFunctionType(), F.getLinkage(),
                                      F.getAddressSpace(), "", &M);
    Stub->copyAttributesFrom(&F);
    Stub->setComdat(F.getComdat());
    Stub->setDSOLocal(F.isDSOLocal());
    Stub->takeName(&F);
    F.setName(Stub->getName() + HOTPATCH_IMPL_SUFFIX);
    F.setLinkage(GlobalValue::InternalLinkage);
    F.setVisibility(GlobalValue::DefaultVisibility);
    F.setDSOLocal(true);
    F.setComdat(nullptr);
    F.setUnnamedAddr(GlobalValue::UnnamedAddr::Local);
    return Stub;
  }

  /// Everything emitted for a function in a COMDAT belongs to that COMDAT,
  /// kept or dropped with the stub, and shared by name: every unit's
  /// calls load the slot of the copy the linker kept (patches publish into
  /// it), and every module descriptor names that copy's impl.  Hidden: one
  /// per linked object, never interposed.  A local function keeps local
  /// parts: nothing outside its unit may name them.
  static void followComdat(Function &Stub, Function &Impl,
                           GlobalVariable &Slot) {
    Comdat *C = Stub.getComdat();
    if (!C || Stub.hasLocalLinkage())
      return;
    for (GlobalObject *Part : {static_cast<GlobalObject *>(&Impl),
                               static_cast<GlobalObject *>(&Slot)}) {
      Part->setLinkage(Stub.getLinkage());
      Part->setVisibility(GlobalValue::HiddenVisibility);
      Part->setComdat(C);
    }
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

  /// Makes F a thunk (buildStubBody) marked as a stub, which is not inlined.
  void buildStub(Function &F, GlobalVariable &Slot) {
    F.setPersonalityFn(nullptr);
    F.removeFnAttr(Attribute::AlwaysInline);
    F.removeFnAttr(Attribute::InlineHint);
    AttrBuilder StubAttrs(Ctx);
    StubAttrs.addAttribute(Attribute::NoInline)
        .addAttribute("thunk")
        .addAttribute(StubAttrName);
    F.addFnAttrs(StubAttrs); // one new attribute list, not three
    buildStubBody(F, Slot);
  }

  void record(Function &F, Function &Impl, GlobalVariable &Slot) {
    // The stub must stay even when nothing uses it now: a patch may take
    // its address, and the registry names the function by it.
    Used.push_back(&F);
    Instrumented.push_back({&F, &Impl, &Slot});
    StubOfImpl[&Impl] = &F;
    ImplOfStub[&F] = &Impl;
    NamedMDNode *List = M.getOrInsertNamedMetadata(FunctionsMetadataName);
    List->addOperand(
        MDNode::get(Ctx, {ValueAsMetadata::get(&F), ValueAsMetadata::get(&Impl),
                          ValueAsMetadata::get(&Slot)}));
  }
};

} // namespace

void buildStubBody(Function &Stub, GlobalVariable &Slot) {
  LLVMContext &Ctx = Stub.getContext();
  BasicBlock *Entry = BasicBlock::Create(Ctx, "entry", &Stub);
  IRBuilder<> B(Entry);
  LoadInst *Target = B.CreateAlignedLoad(Slot.getValueType(), &Slot,
                                         Slot.getAlign(), "target");
  Target->setAtomic(AtomicOrdering::Acquire);
  SmallVector<Value *, 8> Args(make_pointer_range(Stub.args()));
  CallInst *Call = B.CreateCall(Stub.getFunctionType(), Target, Args);
  Call->setCallingConv(Stub.getCallingConv());
  AttributeList Attrs = Stub.getAttributes();
  Call->setAttributes(
      AttributeList::get(Ctx, AttributeSet(), Attrs.getRetAttrs(), [&] {
        SmallVector<AttributeSet, 8> P;
        for (unsigned I = 0; I < Stub.arg_size(); ++I)
          P.push_back(Attrs.getParamAttrs(I));
        return P;
      }()));
  Call->setTailCallKind(CallInst::TCK_MustTail);
  if (Stub.getReturnType()->isVoidTy())
    B.CreateRetVoid();
  else
    B.CreateRet(Call);
}

PreservedAnalyses InstrumentPass::run(Module &M, ModuleAnalysisManager &) {
  if (M.getModuleFlag(InstrumentedFlagName))
    return PreservedAnalyses::all();
  prepareStaticInitialisers(M);
  recordStaticLocals(M);
  Instrumenter(M).run();
  recordDeclaredAlignments(M);
  return PreservedAnalyses::none();
}

} // namespace hotpatch
