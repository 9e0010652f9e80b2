//===- AbiStructs.h - The structs of hotpatch_abi.h, as IR ----------------===//
//
// include/hotpatch_abi.h describes each struct once, as a field list
// X(kind, C type, name).  This file turns every list into
//
//   - a row type (abi::Function, abi::Data, ...) with one member per field,
//     of a type that says the field's kind; a member has no default, so a
//     row is written with designated initialisers that must name every
//     field with a value of its kind: a field added, removed, renamed or
//     of another kind in the header fails the plugin's build;
//   - the LLVM StructType of the kinds, in the header's order;
//   - a static_assert that the natural layout of those kinds is the C
//     compiler's layout of the struct (offsetof, sizeof).
//
// toConstant() checks the offsets once more against the module's
// DataLayout when its pointers are the host's size.
//
//===----------------------------------------------------------------------===//
#ifndef HOTPATCH_PLUGIN_ABISTRUCTS_H
#define HOTPATCH_PLUGIN_ABISTRUCTS_H

#include "hotpatch_abi.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/Module.h"
#include <cstddef>

namespace hotpatch {
namespace abi {

enum class Kind { PTR, U32, U64 };

/// The value of one field, of kind \p K.
template <Kind K> class Field {
public:
  explicit Field(llvm::Constant *C) : C(C) {}
  llvm::Constant *get() const { return C; }

private:
  llvm::Constant *C;
};
using Ptr = Field<Kind::PTR>;
using U32 = Field<Kind::U32>;
using U64 = Field<Kind::U64>;

llvm::Type *irType(llvm::LLVMContext &Ctx, Kind K);

/// True when the fields of \p Kinds laid out one after the other, each at
/// its natural alignment, sit at \p Offsets and fill \p Size bytes.
template <size_t N>
constexpr bool isNaturalLayout(const Kind (&Kinds)[N],
                               const size_t (&Offsets)[N], size_t Size) {
  size_t At = 0, Align = 1;
  for (size_t I = 0; I < N; ++I) {
    size_t S = Kinds[I] == Kind::PTR   ? sizeof(void *)
               : Kinds[I] == Kind::U32 ? 4
                                       : 8;
    At = (At + S - 1) / S * S;
    if (Offsets[I] != At)
      return false;
    At += S;
    Align = S > Align ? S : Align;
  }
  return (At + Align - 1) / Align * Align == Size;
}

/// The struct type of \p Kinds, checked against the C layout
/// (\p Offsets, \p Size) under \p M's DataLayout.
llvm::StructType *structType(llvm::Module &M, llvm::ArrayRef<Kind> Kinds,
                             llvm::ArrayRef<size_t> Offsets, size_t Size);

#define HOTPATCH_ROW_MEMBER(kind, type, name) Field<Kind::kind> name;
#define HOTPATCH_ROW_KIND(kind, type, name) Kind::kind,
#define HOTPATCH_ROW_OFFSET(kind, type, name) offsetof(CStruct, name),
#define HOTPATCH_ROW_VALUE(kind, type, name) name.get(),

/// Row type \p Row of the C struct \p S described by \p FIELDS.
#define HOTPATCH_ABI_ROW(Row, S, FIELDS)                                       \
  struct Row {                                                                 \
    using CStruct = ::S;                                                       \
    FIELDS(HOTPATCH_ROW_MEMBER)                                                \
    static constexpr Kind Kinds[] = {FIELDS(HOTPATCH_ROW_KIND)};               \
    static constexpr size_t Offsets[] = {FIELDS(HOTPATCH_ROW_OFFSET)};         \
    static llvm::StructType *structTy(llvm::Module &M) {                       \
      return structType(M, Kinds, Offsets, sizeof(CStruct));                   \
    }                                                                          \
    llvm::Constant *toConstant(llvm::Module &M) const {                        \
      return llvm::ConstantStruct::get(structTy(M),                            \
                                       {FIELDS(HOTPATCH_ROW_VALUE)});          \
    }                                                                          \
  };                                                                           \
  static_assert(isNaturalLayout(Row::Kinds, Row::Offsets, sizeof(::S)),        \
                #S ": the C layout is not the natural layout of its kinds")

HOTPATCH_ABI_ROW(Function, hotpatch_function, HOTPATCH_FUNCTION_FIELDS);
HOTPATCH_ABI_ROW(Data, hotpatch_data, HOTPATCH_DATA_FIELDS);
HOTPATCH_ABI_ROW(Module, hotpatch_module, HOTPATCH_MODULE_FIELDS);
HOTPATCH_ABI_ROW(Import, hotpatch_import, HOTPATCH_IMPORT_FIELDS);
HOTPATCH_ABI_ROW(Update, hotpatch_update, HOTPATCH_UPDATE_FIELDS);
HOTPATCH_ABI_ROW(Patch, hotpatch_patch, HOTPATCH_PATCH_FIELDS);

#undef HOTPATCH_ABI_ROW
#undef HOTPATCH_ROW_MEMBER
#undef HOTPATCH_ROW_KIND
#undef HOTPATCH_ROW_OFFSET
#undef HOTPATCH_ROW_VALUE

} // namespace abi
} // namespace hotpatch

#endif
