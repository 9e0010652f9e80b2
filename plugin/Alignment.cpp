//===- Alignment.cpp - Declared alignment of globals, clamped in patches --===//
//
// The optimiser raises the alignment of a global it defines when that
// lets it vectorise (two 8-byte stores to a struct timespec become one
// 16-byte store, and the global goes from align 8 to align 16).  How far it
// raises it depends on which functions it optimised, so a patch compile
// that leaves unchanged functions alone (Closures.cpp) can see a lower
// alignment than the build did, and a patch that optimises a changed
// function more can see a higher one.
//
// Two rules follow.  A global's layout (ContentHash's layoutHash) counts
// the alignment the front end declared, recorded here at pipeline start
// before anything could raise it: the same in every compile of the same
// declaration.  And a patch uses the process's storage, which is only
// known to have that declared alignment (the build may have raised it, or
// not), so every access the patch makes to an existing global, through the
// import that replaces it, is clamped to the declared alignment: an
// aligned 16-byte vector store becomes an unaligned one rather than a
// fault on storage that is only 8-byte aligned.
//
//===----------------------------------------------------------------------===//
#include "Hotpatch.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Metadata.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace hotpatch {

void recordDeclaredAlignments(Module &M) {
  LLVMContext &Ctx = M.getContext();
  Type *I64 = Type::getInt64Ty(Ctx);
  for (GlobalVariable &GV : M.globals()) {
    if (GV.isDeclaration() || GV.getMetadata(DeclaredAlignMetadataName))
      continue;
    Align A = GV.getAlign().value_or(
        M.getDataLayout().getABITypeAlign(GV.getValueType()));
    GV.setMetadata(DeclaredAlignMetadataName,
                   MDNode::get(Ctx, ConstantAsMetadata::get(
                                        ConstantInt::get(I64, A.value()))));
  }
}

Align declaredAlignment(const GlobalVariable &GV) {
  if (MDNode *N = GV.getMetadata(DeclaredAlignMetadataName))
    if (auto *C = mdconst::dyn_extract<ConstantInt>(N->getOperand(0)))
      return Align(C->getZExtValue());
  return GV.getAlign().value_or(
      GV.getParent()->getDataLayout().getABITypeAlign(GV.getValueType()));
}

namespace {

/// Lowers every alignment that code derives from one pointer (the global,
/// and what is computed from it) to at most Limit.  min(assumed, Limit) is
/// never more than what the real storage gives: an access at offset O from
/// a base aligned to B is aligned to min(B, O's lowest set bit).
class Clamp {
public:
  explicit Clamp(Align Limit) : Limit(Limit) {}

  void from(Value *Root) {
    SmallVector<Value *, 16> Work{Root};
    SmallPtrSet<Value *, 16> Seen{Root};
    while (!Work.empty()) {
      Value *V = Work.pop_back_val();
      for (User *U : V->users())
        if (Value *Derived = visit(*U, V);
            Derived && Seen.insert(Derived).second)
          Work.push_back(Derived);
    }
  }

private:
  Align Limit;

  Align lower(Align A) const { return std::min(A, Limit); }

  /// Clamps what user U assumes of pointer P; returns a pointer derived
  /// from P to follow, or null.
  Value *visit(User &U, Value *P) {
    if (isa<GetElementPtrInst, PHINode, SelectInst, CastInst>(U))
      return &U;
    if (auto *L = dyn_cast<LoadInst>(&U)) {
      L->setAlignment(lower(L->getAlign()));
    } else if (auto *S = dyn_cast<StoreInst>(&U)) {
      if (S->getPointerOperand() == P)
        S->setAlignment(lower(S->getAlign()));
    } else if (auto *R = dyn_cast<AtomicRMWInst>(&U)) {
      R->setAlignment(lower(R->getAlign()));
    } else if (auto *X = dyn_cast<AtomicCmpXchgInst>(&U)) {
      X->setAlignment(lower(X->getAlign()));
    } else if (auto *CB = dyn_cast<CallBase>(&U)) {
      clampCall(*CB, P);
    }
    return nullptr;
  }

  /// Memory intrinsics and calls that pass P on with an `align` attribute.
  void clampCall(CallBase &CB, Value *P) {
    for (unsigned I = 0, E = CB.arg_size(); I != E; ++I) {
      if (CB.getArgOperand(I) != P)
        continue;
      if (MaybeAlign A = CB.getParamAlign(I); A && *A > Limit) {
        CB.removeParamAttr(I, Attribute::Alignment);
        CB.addParamAttr(I, Attribute::getWithAlignment(CB.getContext(), Limit));
      }
      // The callee's own parameter attribute, and what its body derived
      // from it, when the patch defines the callee.
      Function *Callee = CB.getCalledFunction();
      if (Callee && !Callee->isDeclaration() && I < Callee->arg_size()) {
        if (MaybeAlign A = Callee->getParamAlign(I); A && *A > Limit) {
          Callee->removeParamAttr(I, Attribute::Alignment);
          Callee->addParamAttr(
              I, Attribute::getWithAlignment(Callee->getContext(), Limit));
        }
        Clamp(Limit).from(Callee->getArg(I));
      }
    }
  }
};

} // namespace

void clampAccessAlignment(GlobalVariable &GV, Align Limit) {
  Clamp(Limit).from(&GV);
}

} // namespace hotpatch
