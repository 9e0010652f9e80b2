//===- Finalize.cpp - Route calls through slots, describe the module ------===//
//
// Runs last in the optimisation pipeline (also at -O0), when the IR is what
// the code generator will see, the stubs set aside given their bodies back
// (StubsAside.cpp):
//   1. every call to an F.hp.impl that the optimiser did not inline becomes
//      `load F.hp.slot; call`, so callers in this module reach new code too;
//   2. in patch mode, lambdas are renumbered as the process knows them
//      (LambdaIds.cpp);
//   3. the module descriptor with content hashes of this final IR is emitted
//      and registered by a constructor (ModuleDescriptor.cpp); in build
//      mode, calls of other units' functions load their slots first
//      (CrossUnitCalls.cpp);
//   4. in build mode, the object carries its compile (UnitCommand.cpp) and
//      stubs become single jumps for the code generator (JumpStubs.cpp).
// A patch compile refused with kind "retry", which hcc does again, keeps
// nothing but declarations instead.
//
//===----------------------------------------------------------------------===//
#include "ModuleFacts.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/TimeProfiler.h"

using namespace llvm;

#define DEBUG_TYPE "hotpatch-finalize"

namespace hotpatch {
namespace {

/// Replaces the callee of every direct call to \p F.Impl by a load of its
/// slot.  The loads that replace a direct call of the impl are marked for
/// the content hash, and added to \p Marked.
void routeCallsThroughSlot(const InstrumentedFunction &F,
                           SmallVectorImpl<LoadInst *> &Marked) {
  SmallVector<Use *, 16> Calls;
  for (Use &U : F.Impl->uses())
    Calls.push_back(&U);
  // A direct call of a stub is the same load and call, without the jump;
  // not for interposable functions, whose stub the linker may replace.
  if (!F.Stub->isInterposable())
    for (Use &U : F.Stub->uses())
      Calls.push_back(&U);
  for (Use *UP : Calls) {
    Use &U = *UP;
    auto *CB = dyn_cast<CallBase>(U.getUser());
    if (!CB || !CB->isCallee(&U) || CB->getFunction() == F.Stub)
      continue;
    bool WasImpl = U.get() == F.Impl;
    LoadInst *Target = callThroughSlot(*CB, U, *F.Slot);
    if (WasImpl) {
      Target->setMetadata(WasDirectCallMetadataName,
                          MDNode::get(CB->getContext(), {}));
      Marked.push_back(Target);
    }
  }
}

/// Makes every definition of \p M a declaration, for a compile whose
/// output is thrown away: the code generator then has nothing to do.
/// (Aliases and ifuncs, which must name a definition, and the `llvm.`
/// arrays, which must have their initialisers, go.)
void dropAllDefinitions(Module &M) {
  M.setModuleInlineAsm("");
  for (GlobalAlias &A : make_early_inc_range(M.aliases())) {
    A.replaceAllUsesWith(A.getAliasee());
    A.eraseFromParent();
  }
  for (GlobalIFunc &I : make_early_inc_range(M.ifuncs())) {
    I.replaceAllUsesWith(I.getResolver());
    I.eraseFromParent();
  }
  for (Function &F : M) {
    F.deleteBody();
    F.setComdat(nullptr);
  }
  for (GlobalVariable &V : make_early_inc_range(M.globals())) {
    if (V.getName().starts_with("llvm.")) {
      V.eraseFromParent();
      continue;
    }
    V.setInitializer(nullptr);
    V.setLinkage(GlobalValue::ExternalLinkage);
    V.setComdat(nullptr);
  }
}

} // namespace

/// The load is an acquire so that a thread calling new code also sees
/// everything the runtime wrote before publishing it (pairs with the
/// release store in runtime/slots.c).  Being atomic also keeps the code
/// generator from hoisting it out of loops.
LoadInst *callThroughSlot(CallBase &CB, Use &Callee, GlobalVariable &Slot) {
  IRBuilder<> B(&CB);
  LoadInst *Target = B.CreateAlignedLoad(Slot.getValueType(), &Slot,
                                         Slot.getAlign(), "hp.target");
  Target->setAtomic(AtomicOrdering::Acquire);
  Callee.set(Target);
  return Target;
}

PreservedAnalyses FinalizePass::run(Module &M, ModuleAnalysisManager &) {
  if (!M.getModuleFlag(InstrumentedFlagName) ||
      M.getModuleFlag(FinalizedFlagName))
    return PreservedAnalyses::all();
  if (pluginConfig().Retry) {
    // hcc compiles the unit again and throws this compile's output away.
    dropAllDefinitions(M);
    return PreservedAnalyses::none();
  }
  std::vector<InstrumentedFunction> Functions = instrumentedFunctions(M);
  restoreStubBodies(Functions);
  SmallVector<LoadInst *, 0> Marked;
  {
    TimeTraceScope Scope("hotpatch: calls through slots");
    for (const InstrumentedFunction &F : Functions)
      routeCallsThroughSlot(F, Marked);
  }
  std::string Baseline = baselinePath();
  if (!Baseline.empty())
    matchLambdaNumbers(M, moduleId(M), Functions, Baseline);
  ModuleFacts Facts = [&] {
    TimeTraceScope Scope("hotpatch: module facts");
    return ModuleFacts::collect(M, moduleId(M), Functions);
  }();
  if (Baseline.empty()) {
    TimeTraceScope Scope("hotpatch: descriptor and stubs");
    routeCrossUnitCalls(M, Functions);
    emitModuleDescriptor(M, Facts);
    emitUnitCommand(M, Facts.ModuleId);
    lowerStubsToJumps(M, Functions);
  } else if (placeholdersSettled(M, Facts.ModuleId, Functions)) {
    buildPatchModule(M, Facts, Baseline);
  }
  // After the patch module, whose refusals it must know of.
  writeClosures(Facts);
  // The marks were for the hashes, all taken now.  Left on, they made the
  // code generator look up each slot load's metadata in the context's map
  // (the fast instruction selector asks for several kinds per load: 5 ms
  // of SQLite's amalgamation at -O0).  A build keeps every body the loads
  // are in; a patch module may have dropped some, and has few loads.
  if (Baseline.empty()) {
    unsigned WasDirect = M.getContext().getMDKindID(WasDirectCallMetadataName);
    for (LoadInst *Load : Marked)
      Load->setMetadata(WasDirect, nullptr);
  }
  M.addModuleFlag(Module::Max, FinalizedFlagName, 1);
  return PreservedAnalyses::none();
}

} // namespace hotpatch
