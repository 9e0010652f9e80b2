//===- StubsAside.cpp - Stubs as declarations through the optimiser -------===//
//
// The optimiser's passes skip the stubs (Closures.cpp, "skip-stubs"), but a
// skipped pass still costs its pass manager's bookkeeping: the instrumentation
// callbacks, each asking the pass's name, for every function pass on every
// stub.  Callgrind of Lua's `lapi.c -O2 -c` (81 external functions): 17 M of
// its 1,176 M instructions, with the same object to the byte.
//
// So from the end of the pipeline's start (after ClosurePass, which hashes
// the stubs' bodies) until FinalizePass, a stub that can be is a declaration:
// no function pass visits it, nothing is there to infer from it, and
// FinalizePass gives it its body back (buildStubBody) before anything looks
// at it again.  The optimiser learns nothing different: a stub's body is an
// indirect call that says nothing, its attributes are kept, and it is never
// inlined.  Only where a declaration means the same as that definition:
//
//   - external linkage, not interposable, no COMDAT, no prefix or prologue
//     data, no metadata (a declaration can have none of them, or deleting
//     the body would lose them);
//   - not a library function's name (InferFunctionAttrs gives declarations
//     of `malloc`, `strlen`... attributes from what the C library promises,
//     which a program's own definition need not keep);
//   - not sanitized (a sanitizer's pass instruments the stub's load).
//
// Static functions' stubs stay IR, skipped by the callback: a declaration
// cannot have local linkage, and their stable ids and the recorded bodies
// name them by it.
//
//===----------------------------------------------------------------------===//
#include "Hotpatch.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/IR/Module.h"
#include "llvm/TargetParser/Triple.h"

using namespace llvm;

namespace hotpatch {
namespace {

/// Whether a declaration can stand for \p Stub through the optimiser (the
/// list above; InstrumentPass gave no stub a personality).
bool canSetAside(const Function &Stub, const TargetLibraryInfo &TLI) {
  LibFunc Known;
  return Stub.hasExternalLinkage() && !Stub.isInterposable() &&
         !Stub.hasComdat() && !Stub.hasPrefixData() &&
         !Stub.hasPrologueData() && !Stub.hasMetadata() &&
         !Stub.isDeclaration() && !TLI.getLibFunc(Stub, Known) &&
         !isSanitized(Stub);
}

} // namespace

PreservedAnalyses StubsAsidePass::run(Module &M, ModuleAnalysisManager &) {
  if (!pluginConfig().SkipStubs)
    return PreservedAnalyses::all();
  TargetLibraryInfoImpl TLII(Triple(M.getTargetTriple()));
  TargetLibraryInfo TLI(TLII);
  bool Changed = false;
  for (const InstrumentedFunction &F : instrumentedFunctions(M))
    if (canSetAside(*F.Stub, TLI)) {
      F.Stub->deleteBody(); // its attributes and linkage stay
      Changed = true;
    }
  return Changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
}

void restoreStubBodies(const std::vector<InstrumentedFunction> &Functions) {
  for (const InstrumentedFunction &F : Functions)
    if (F.Stub->isDeclaration())
      buildStubBody(*F.Stub, *F.Slot);
}

} // namespace hotpatch
