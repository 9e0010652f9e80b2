//===- InlineRecord.cpp - What the inliner inlined into what
//---------------===//
//
// LLVM's own inline advisor, wrapped (PluginInlineAdvisorAnalysis):
//
//   - it remembers every call it advised to inline, caller and callee by
//     name.  A build writes the list with each function's body after the
//     inliner (InlinedBodies.cpp, "hotpatch-inlined"): the transitive
//     closure of those pairs holds every function whose code may be inside
//     a recorded body (a superset: the inliner may still fail to inline a
//     call it was advised to), which is how a patch compile knows that a
//     function contains no changed code (Closures.cpp, "unaffected").
//   - it advises against inlining into a function whose recorded body is
//     pending: SettleBodiesPass replaces that body at the end of its call
//     graph SCC's passes, so inlining into it is work thrown away.  In a
//     build, and in any compile without recorded bodies, its advice is the
//     default advisor's, call for call.
//   - it gives a static function's only call LLVM's "last call to a
//     static" bonus (15,000 off the inline cost), which the impl's slot
//     denies it: the inliner only gives it to a local function with one
//     live use, and the slot's initial value is a second one.  The slot
//     holds the impl's address so that the optimiser infers nothing about
//     the impl from its callers until the inliner is done; the bonus only
//     lets its one caller inline it as plain clang does, after which
//     DropInlinedPass deletes it.  While the default advisor weighs such a
//     call, the slot's initial value is set aside (put back right after),
//     so the cost is LLVM's own, bonus included.  A build gives it to
//     every call that qualifies and records the calls; a patch compile
//     gives it only to recorded calls (claimLastCallBonus), since it sees
//     fewer callers (it deleted the unchanged ones), and a caller it
//     optimises again must inline as the build's did, or it would be
//     patched for nothing.
//
//===----------------------------------------------------------------------===//
#include "Hotpatch.h"
#include "InlinedBodies.h"
#include "llvm/Analysis/InlineAdvisor.h"
#include "llvm/IR/Constants.h"
#include "llvm/Passes/PassBuilder.h"

using namespace llvm;

namespace hotpatch {
namespace {

StringMap<StringSet<>> &inlined() {
  static StringMap<StringSet<>> Inlined;
  return Inlined;
}

/// The slot of \p CB's callee when \p CB is the one call of a static
/// function that only the plugin keeps alive besides (mayBeDropped): no
/// other call, no address taken, the impl referenced by its slot and \p CB
/// only.  Then plain clang's inliner would give \p CB the last-call bonus.
GlobalVariable *lastCallSlot(CallBase &CB) {
  Function *Callee = CB.getCalledFunction();
  if (!Callee || !Callee->hasLocalLinkage() || !Callee->hasNUses(2))
    return nullptr;
  GlobalVariable *Slot = nullptr;
  for (User *U : Callee->users())
    if (U != &CB)
      Slot = dyn_cast<GlobalVariable>(U);
  if (!Slot || !Slot->isExternallyInitialized() || !Slot->hasInitializer() ||
      Slot->getInitializer() != Callee)
    return nullptr;
  const User *Used = compilerUsedArray(*Callee->getParent());
  Function *Stub = nullptr;
  for (User *U : Slot->users()) {
    if (U == Used)
      continue;
    auto *Load = dyn_cast<LoadInst>(U);
    if (!Load || (Stub && Stub != Load->getFunction()))
      return nullptr;
    Stub = Load->getFunction();
  }
  if (!Stub || !mayBeDropped({Stub, Callee, Slot}, Used, {}, ""))
    return nullptr;
  return Slot;
}

class RecordingAdvisor : public InlineAdvisor {
public:
  RecordingAdvisor(Module &M, FunctionAnalysisManager &FAM, InlineParams Params,
                   InlineContext IC)
      : InlineAdvisor(M, FAM, IC), Default(M, FAM, Params, IC),
        ModuleId(moduleId(M)) {}

  void onPassEntry(LazyCallGraph::SCC *SCC) override {
    Default.onPassEntry(SCC);
  }
  void onPassExit(LazyCallGraph::SCC *SCC) override { Default.onPassExit(SCC); }

private:
  DefaultInlineAdvisor Default;
  std::string ModuleId;

  std::unique_ptr<InlineAdvice> getAdviceImpl(CallBase &CB) override {
    if (recordedBodyPending(*CB.getCaller()))
      return std::make_unique<InlineAdvice>(this, CB, getCallerORE(CB), false);
    GlobalVariable *Slot = lastCallSlot(CB);
    Function *Callee = CB.getCalledFunction();
    if (Slot && !claimLastCallBonus(ModuleId, Callee->getName(),
                                    CB.getCaller()->getName()))
      Slot = nullptr;
    if (Slot)
      Slot->setInitializer(PoisonValue::get(Slot->getValueType()));
    std::unique_ptr<InlineAdvice> Advice = Default.getAdvice(CB);
    if (Slot)
      Slot->setInitializer(Callee);
    if (Advice->isInliningRecommended())
      record(CB);
    return Advice;
  }

  std::unique_ptr<InlineAdvice> getMandatoryAdvice(CallBase &CB,
                                                   bool Advice) override {
    Advice &= !recordedBodyPending(*CB.getCaller());
    if (Advice)
      record(CB);
    return InlineAdvisor::getMandatoryAdvice(CB, Advice);
  }

  static void record(CallBase &CB) {
    if (Function *Callee = CB.getCalledFunction())
      inlined()[CB.getCaller()->getName()].insert(Callee->getName());
  }
};

InlineAdvisor *createAdvisor(Module &M, FunctionAnalysisManager &FAM,
                             InlineParams Params, InlineContext IC) {
  return new RecordingAdvisor(M, FAM, Params, IC);
}

} // namespace

void registerInlineRecorder(PassBuilder &PB) {
  PB.registerAnalysisRegistrationCallback([](ModuleAnalysisManager &MAM) {
    MAM.registerPass([] { return PluginInlineAdvisorAnalysis(createAdvisor); });
  });
}

const StringMap<StringSet<>> &inlinedCallees() {
  return inlined();
}

void forgetInlinedCallees() {
  inlined().clear();
}

} // namespace hotpatch
