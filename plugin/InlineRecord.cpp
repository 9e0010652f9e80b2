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
//
//===----------------------------------------------------------------------===//
#include "Hotpatch.h"
#include "InlinedBodies.h"
#include "llvm/Analysis/InlineAdvisor.h"
#include "llvm/Passes/PassBuilder.h"

using namespace llvm;

namespace hotpatch {
namespace {

StringMap<StringSet<>> &inlined() {
  static StringMap<StringSet<>> Inlined;
  return Inlined;
}

class RecordingAdvisor : public InlineAdvisor {
public:
  RecordingAdvisor(Module &M, FunctionAnalysisManager &FAM, InlineParams Params,
                   InlineContext IC)
      : InlineAdvisor(M, FAM, IC), Default(M, FAM, Params, IC) {}

  void onPassEntry(LazyCallGraph::SCC *SCC) override {
    Default.onPassEntry(SCC);
  }
  void onPassExit(LazyCallGraph::SCC *SCC) override { Default.onPassExit(SCC); }

private:
  DefaultInlineAdvisor Default;

  std::unique_ptr<InlineAdvice> getAdviceImpl(CallBase &CB) override {
    if (recordedBodyPending(*CB.getCaller()))
      return std::make_unique<InlineAdvice>(this, CB, getCallerORE(CB), false);
    std::unique_ptr<InlineAdvice> Advice = Default.getAdvice(CB);
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
