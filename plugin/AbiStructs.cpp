//===- AbiStructs.cpp - The structs of hotpatch_abi.h, as IR --------------===//
#include "AbiStructs.h"
#include "llvm/IR/DataLayout.h"
#include "llvm/Support/ErrorHandling.h"

using namespace llvm;

namespace hotpatch {
namespace abi {

Type *irType(LLVMContext &Ctx, Kind K) {
  switch (K) {
  case Kind::PTR: return PointerType::get(Ctx, 0);
  case Kind::U32: return Type::getInt32Ty(Ctx);
  case Kind::U64: return Type::getInt64Ty(Ctx);
  }
  llvm_unreachable("a kind of hotpatch_abi.h");
}

StructType *structType(llvm::Module &M, ArrayRef<Kind> Kinds,
                       ArrayRef<size_t> Offsets, size_t Size) {
  SmallVector<Type *, 16> Types;
  for (Kind K : Kinds)
    Types.push_back(irType(M.getContext(), K));
  auto *Ty = StructType::get(M.getContext(), Types);
  // The offsets are the host compiler's: they hold for targets with the
  // host's pointer size (the static_assert in AbiStructs.h covers the rest).
  const DataLayout &DL = M.getDataLayout();
  if (DL.getPointerSize() != sizeof(void *))
    return Ty;
  const StructLayout *Layout = DL.getStructLayout(Ty);
  bool Same = Layout->getSizeInBytes() == Size;
  for (size_t I = 0; I < Offsets.size(); ++I)
    Same &= Layout->getElementOffset(I) == Offsets[I];
  if (!Same)
    report_fatal_error("hotpatch: the target's layout of a struct of "
                       "hotpatch_abi.h differs from the runtime's");
  return Ty;
}

} // namespace abi
} // namespace hotpatch
