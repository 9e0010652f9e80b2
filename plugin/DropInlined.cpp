//===- DropInlined.cpp - Drop static functions nothing can reach ----------===//
//
// Every instrumented function is kept alive by the plugin itself: its stub
// and slot are in llvm.compiler.used, and the slot's initial value is the
// impl.  For a static function that the optimiser inlined into every caller
// (or that nothing calls), and whose address nothing takes, that keeps an
// out-of-line body nothing in the program can reach, which plain clang
// deletes and hcc went on optimising and compiling: SQLite's amalgamation
// at -O2 had 2,400 functions instead of plain clang's 1,445.
//
// At the start of the optimizer (right after the inliner) this pass deletes
// the stub, slot and impl of every instrumented function with local linkage
// whose stub nothing uses, whose slot only its stub loads, and whose impl
// only its slot and the bodies of other such functions reference (a
// dropped body may hold the last call of another).  Until then the slot
// takes the impl's address, so that the optimiser inferred nothing about
// the impl from its callers (Closures.cpp relies on it), and its body went
// through the same simplification as in plain clang before being inlined.
//
// What it means for patches: a dropped function is not in the module info.
// When its body changes, the callers it was inlined into change and are
// patched; when a patch needs it out of line again (a changed caller no
// longer inlines it, or takes its address), the patch compile keeps it and
// ships it as a new function.  A patch compile never drops a function the
// process has: the bodies of unchanged functions that may call it or take
// its address were deleted before optimisation (Closures.cpp), so it is
// kept, and patched when it changed.  Its static locals stay in the program
// (Instrument.cpp pins mutable internal globals), so that the new function
// uses the program's, matched by owner like every static local.
//
// The switch: plugin argument drop-inlined=0 keeps them (hcc:
// HOTPATCH_DROP_INLINED=0), for before/after measurements.
//
//===----------------------------------------------------------------------===//
#include "Baseline.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"

using namespace llvm;

#define DEBUG_TYPE "hotpatch-drop-inlined"

namespace hotpatch {
namespace {

/// Whether every user of \p GV is \p Allowed (the llvm.compiler.used array)
/// or an instruction of \p Within.
bool usedOnlyBy(const GlobalValue &GV, const User *Allowed,
                const Function *Within) {
  return all_of(GV.users(), [&](const User *U) {
    if (U == Allowed)
      return true;
    auto *I = dyn_cast<Instruction>(U);
    return I && I->getFunction() == Within;
  });
}

/// A lambda's functions keep their rows even when inlined everywhere: a
/// patch finds which lambda is which by the functions the process has
/// (LambdaIds.cpp), and a dropped one would lose its number, and its
/// static locals to another lambda.
bool isLambda(const Function &F) {
  return F.getName().contains("$_");
}

} // namespace

const User *compilerUsedArray(const Module &M) {
  const GlobalVariable *Used = M.getGlobalVariable("llvm.compiler.used");
  return Used && Used->hasInitializer() ? Used->getInitializer() : nullptr;
}

bool mayBeDropped(const InstrumentedFunction &F, const User *UsedArray,
                  const StringMap<Hash128> &Running, StringRef ModuleId) {
  return F.Stub->hasLocalLinkage() && !F.Impl->isDeclaration() &&
         usedOnlyBy(*F.Stub, UsedArray, nullptr) &&
         usedOnlyBy(*F.Slot, UsedArray, F.Stub) &&
         !Running.contains(stableId(*F.Stub, ModuleId)) && !isLambda(*F.Stub) &&
         !F.Stub->hasFnAttribute(SourceUsedAttrName);
}

void eraseInstrumented(Module &M, ArrayRef<InstrumentedFunction> Dead) {
  SmallPtrSet<Constant *, 32> Pinned;
  for (const InstrumentedFunction &F : Dead) {
    Pinned.insert(F.Stub);
    Pinned.insert(F.Slot);
  }
  removeFromUsedLists(M, [&](Constant *C) { return Pinned.contains(C); });
  // Bodies first: dead impls may call each other.
  for (const InstrumentedFunction &F : Dead) {
    F.Stub->dropAllReferences();
    F.Slot->setInitializer(nullptr);
    F.Impl->dropAllReferences();
  }
  for (const InstrumentedFunction &F : Dead)
    for (GlobalValue *GV : {static_cast<GlobalValue *>(F.Stub),
                            static_cast<GlobalValue *>(F.Slot),
                            static_cast<GlobalValue *>(F.Impl)}) {
      GV->removeDeadConstantUsers(); // the old llvm.compiler.used array
      GV->eraseFromParent();
    }
}

namespace {

class Dropper {
public:
  Dropper(Module &M, const StringMap<Hash128> &Running)
      : M(M), Running(Running) {}

  bool run() {
    findCandidates();
    markReachable();
    std::vector<InstrumentedFunction> Dead;
    for (const InstrumentedFunction &F : Candidates)
      if (!Reachable.contains(F.Impl))
        Dead.push_back(F);
    if (Dead.empty())
      return false;
    eraseInstrumented(M, Dead);
    return true;
  }

private:
  Module &M;
  /// Patch mode: the functions of this module the process has.
  const StringMap<Hash128> &Running;
  std::vector<InstrumentedFunction> Candidates;
  DenseMap<const Function *, const InstrumentedFunction *> CandidateOfImpl;
  SmallPtrSet<const Function *, 32> Reachable;

  /// Static functions whose stub and slot only the plugin uses, and that
  /// the process does not have.  A patch compile deleted the bodies of
  /// unchanged functions (Closures.cpp), and with them their references:
  /// a function the process has may still be called or pointed to by
  /// them, so it stays, and is patched when it changed.
  void findCandidates() {
    const User *UsedArray = compilerUsedArray(M);
    std::string ModuleId = moduleId(M);
    for (const InstrumentedFunction &F : instrumentedFunctions(M))
      if (mayBeDropped(F, UsedArray, Running, ModuleId))
        Candidates.push_back(F);
    for (const InstrumentedFunction &F : Candidates)
      CandidateOfImpl[F.Impl] = &F;
  }

  /// An impl is reachable when something other than its slot and the
  /// bodies of unreachable candidates references it.
  void markReachable() {
    SmallVector<const Function *, 32> Work;
    DenseMap<const Function *, SmallVector<const Function *, 2>> Referenced;
    for (const InstrumentedFunction &F : Candidates)
      for (const User *U : F.Impl->users()) {
        if (U == F.Slot)
          continue;
        auto *I = dyn_cast<Instruction>(U);
        if (I && CandidateOfImpl.count(I->getFunction()) &&
            I->getFunction() != F.Impl) {
          Referenced[I->getFunction()].push_back(F.Impl);
        } else if (!I || I->getFunction() != F.Impl) {
          if (Reachable.insert(F.Impl).second)
            Work.push_back(F.Impl);
        }
      }
    while (!Work.empty())
      for (const Function *Callee : Referenced.lookup(Work.pop_back_val()))
        if (Reachable.insert(Callee).second)
          Work.push_back(Callee);
  }
};

} // namespace

PreservedAnalyses DropInlinedPass::run(Module &M, ModuleAnalysisManager &) {
  if (!pluginConfig().DropInlined)
    return PreservedAnalyses::all();
  static const StringMap<Hash128> BuildMode; // no process runs anything
  const StringMap<Hash128> *Running = &BuildMode;
  if (std::string Path = baselinePath(); !Path.empty()) {
    Expected<const Baseline &> B = Baseline::read(Path, moduleId(M));
    if (!B) {
      consumeError(B.takeError()); // FinalizePass reports it
      return PreservedAnalyses::all();
    }
    Running = &B->ModuleFunctions;
  }
  return Dropper(M, *Running).run() ? PreservedAnalyses::none()
                                    : PreservedAnalyses::all();
}

} // namespace hotpatch
