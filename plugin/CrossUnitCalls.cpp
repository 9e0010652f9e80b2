//===- CrossUnitCalls.cpp - Calls of other units' functions via slots -----===//
//
// A call of a function that another unit defines reached that unit's stub,
// `call F` and then the stub's `jmpq *F.hp.slot(%rip)`: two taken branches
// and an instruction more per call than a call within the unit, which loads
// the slot itself (FinalizePass).  In build mode, once the content hashes
// are taken (a patch compile hashes the IR from before it too):
//   1. the slot of each function the unit defines with strong external
//      linkage becomes a hidden global, which other objects of the same
//      link can name (never the dynamic symbol table's);
//   2. each direct call of a function only declared here loads F.hp.slot
//      and calls what it holds, as calls within the unit do.  The unit
//      defines a weak hidden F.hp.slot holding F's address, which the
//      linker keeps when no object of the link defines the strong one: F
//      compiled without hcc (or with HOTPATCH_CROSS_UNIT_CALLS=0), defined
//      in a shared library or in assembly, weak or inline (their slots
//      stay local); such a call reaches F itself, through its stub when it
//      has one.  Nothing at link time has to cooperate: objects built so link
//      with any linker, and with objects of an older hcc.
// Left alone: intrinsics; extern_weak declarations (F may be null, and its
// slot would then be a null call); returns_twice functions (setjmp: the
// code generator must see the callee to treat the call so); calls with
// operand bundles; the C library's functions that LLVM knows by name
// (never ours, and a fallback slot would bind them when the program loads
// instead of at their first call); and in a shared library's compile (PIC,
// not PIE) every function of default visibility, which the program or
// another library may interpose: such a call must stay on the PLT.
// A patch compile routes the same calls (CrossUnitCallSites) through an
// import of the process's slot of the callee (PatchModule.cpp).
//
//===----------------------------------------------------------------------===//
#include "Hotpatch.h"
#include "hotpatch_abi.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/TargetParser/Triple.h"

using namespace llvm;

namespace hotpatch {
namespace {

/// Other objects of the link may name the slot of \p F.
void exportSlot(const InstrumentedFunction &F) {
  if (!F.Stub->hasExternalLinkage() || F.Stub->hasComdat() ||
      !F.Slot->hasLocalLinkage())
    return;
  F.Slot->setLinkage(GlobalValue::ExternalLinkage);
  F.Slot->setVisibility(GlobalValue::HiddenVisibility);
}

/// The weak hidden F.hp.slot holding &F, in a COMDAT of its own so that
/// the link keeps one of the units' copies.  Constant: nothing writes it
/// (a patch of F writes the strong slot, which replaces this one).
GlobalVariable &fallbackSlot(Module &M, Function &Callee,
                             const std::string &Name) {
  auto *Slot = new GlobalVariable(M, Callee.getType(), /*isConstant=*/true,
                                  GlobalValue::WeakAnyLinkage, &Callee, Name);
  Slot->setVisibility(GlobalValue::HiddenVisibility);
  Slot->setAlignment(M.getDataLayout().getPointerABIAlignment(0));
  Slot->setComdat(M.getOrInsertComdat(Slot->getName()));
  Slot->setExternallyInitialized(true);
  return *Slot;
}

} // namespace

CrossUnitCallSites::CrossUnitCallSites(Module &M)
    : M(M), Library(std::make_unique<TargetLibraryInfoImpl>(
                Triple(M.getTargetTriple()))),
      SharedLibrary(M.getPICLevel() != PICLevel::NotPIC &&
                    M.getPIELevel() == PIELevel::Default) {
}

CrossUnitCallSites::~CrossUnitCallSites() = default;

SmallVector<Use *, 8> CrossUnitCallSites::calls(Function &Callee) const {
  SmallVector<Use *, 8> Calls;
  LibFunc Known;
  if (!pluginConfig().CrossUnitCalls || !Callee.isDeclaration() ||
      !Callee.hasName() || Callee.isIntrinsic() ||
      !Callee.hasExternalLinkage() ||
      Callee.hasFnAttribute(Attribute::ReturnsTwice) ||
      Library->getLibFunc(Callee.getName(), Known) ||
      (SharedLibrary && Callee.hasDefaultVisibility()) ||
      M.getNamedValue((Callee.getName() + HOTPATCH_SLOT_SUFFIX).str()))
    return Calls; // not ours to route, or the slot's name is taken
  for (Use &U : Callee.uses()) {
    auto *CB = dyn_cast<CallBase>(U.getUser());
    if (CB && CB->isCallee(&U) && !CB->hasOperandBundles() &&
        !CB->hasFnAttr(Attribute::ReturnsTwice))
      Calls.push_back(&U);
  }
  return Calls;
}

void routeCrossUnitCalls(Module &M,
                         const std::vector<InstrumentedFunction> &Functions) {
  if (!pluginConfig().CrossUnitCalls ||
      !Triple(M.getTargetTriple()).isOSBinFormatELF())
    return;
  for (const InstrumentedFunction &F : Functions)
    exportSlot(F);
  CrossUnitCallSites Sites(M);
  for (Function &Callee : M) {
    SmallVector<Use *, 8> Calls = Sites.calls(Callee);
    if (Calls.empty())
      continue;
    GlobalVariable &Slot = fallbackSlot(
        M, Callee, (Callee.getName() + HOTPATCH_SLOT_SUFFIX).str());
    for (Use *U : Calls)
      callThroughSlot(*cast<CallBase>(U->getUser()), *U, Slot);
  }
}

} // namespace hotpatch
