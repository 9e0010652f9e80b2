//===- JumpStubs.cpp - Stubs as one jump, for the code generator ---------===//
//
// Through the optimiser a stub is IR: a musttail call of what its slot holds
// (Instrument.cpp), which every pass understands.  For the code generator
// that shape is expensive: a tail call makes the fast instruction selector
// give up, so every stub goes through SelectionDAG, and a module has as many
// stubs as functions (at -O0 the stubs were about a fifth of SQLite's whole
// compile).  Once the optimiser is done (FinalizePass, build mode), a stub on
// x86-64 ELF becomes what that call compiles to anyway:
//
//   define ... @F(...) naked {   ; same name, type, linkage, visibility
//     call void asm sideeffect "jmpq *${0:P}(%rip)", "i"(ptr @F.hp.slot)
//     unreachable
//   }
//
// The slot is an operand, not a name in the asm text, so the reference
// follows the slot whatever a later link of bitcode renames.  A plain load
// is an acquire load on x86-64.  Stubs stay IR calls where that jump would
// not be what the user asked for: other targets and code models,
// indirect-branch hardening (retpoline, LVI, SLS), IBT or KCFI checks,
// sanitizers, and entry instrumentation (mcount, fentry, patchable entries,
// XRay).  Patch mode keeps IR stubs: it has few, and rewrites the module.
//
//===----------------------------------------------------------------------===//
#include "Hotpatch.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/Module.h"
#include "llvm/TargetParser/Triple.h"

using namespace llvm;

namespace hotpatch {
namespace {

bool moduleAllowsJumpStubs(const Module &M) {
  Triple T(M.getTargetTriple());
  if (T.getArch() != Triple::x86_64 || !T.isOSBinFormatELF())
    return false;
  if (std::optional<CodeModel::Model> CM = M.getCodeModel())
    if (*CM != CodeModel::Small)
      return false;
  for (StringRef Flag :
       {"cf-protection-branch", "kcfi", "indirect_branch_cs_prefix"})
    if (auto *V = mdconst::extract_or_null<ConstantInt>(M.getModuleFlag(Flag)))
      if (!V->isZero())
        return false;
  return true;
}

bool stubAllowsJump(const Function &Stub) {
  if (Stub.hasPrefixData() || Stub.hasPrologueData() ||
      Stub.hasPersonalityFn() || Stub.empty())
    return false;
  // Sanitizers see the slot load of an IR stub (TSan: the acquire) and
  // leave naked functions alone.
  for (Attribute::AttrKind Kind :
       {Attribute::SanitizeAddress, Attribute::SanitizeHWAddress,
        Attribute::SanitizeMemory, Attribute::SanitizeThread,
        Attribute::SanitizeMemTag})
    if (Stub.hasFnAttribute(Kind))
      return false;
  for (StringRef Attr :
       {"patchable-function-entry", "patchable-function-prefix",
        "patchable-function", "fentry-call", "instrument-function-entry",
        "instrument-function-entry-inlined", "instrument-function-exit",
        "instrument-function-exit-inlined", "function-instrument",
        "xray-instruction-threshold", "xray-log-args"})
    if (Stub.hasFnAttribute(Attr))
      return false;
  StringRef Features =
      Stub.getFnAttribute("target-features").getValueAsString();
  for (StringRef Hardening : {"+retpoline", "+lvi", "+harden-sls"})
    if (Features.contains(Hardening))
      return false;
  return true;
}

void lowerStub(Function &Stub, GlobalVariable &Slot) {
  LLVMContext &Ctx = Stub.getContext();
  Stub.dropAllReferences(); // the body; linkage and attributes stay
  Stub.addFnAttr(Attribute::Naked);
  Stub.addFnAttr(Attribute::NoInline);
  IRBuilder<> B(BasicBlock::Create(Ctx, "entry", &Stub));
  auto *AsmTy = FunctionType::get(Type::getVoidTy(Ctx), {Slot.getType()},
                                  /*isVarArg=*/false);
  B.CreateCall(InlineAsm::get(AsmTy, "jmpq *${0:P}(%rip)", "i",
                              /*hasSideEffects=*/true),
               {&Slot});
  B.CreateUnreachable();
}

} // namespace

void lowerStubsToJumps(Module &M,
                       const std::vector<InstrumentedFunction> &Functions) {
  if (!moduleAllowsJumpStubs(M))
    return;
  for (const InstrumentedFunction &F : Functions)
    if (stubAllowsJump(*F.Stub))
      lowerStub(*F.Stub, *F.Slot);
}

} // namespace hotpatch
