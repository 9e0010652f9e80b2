//===- PatchInit.cpp - Addresses the patch-init function stores -----------===//
//
// Data the patch defines (a new global or static local, a constant whose
// content changed) may be initialised with the address of something the
// process has: an existing function (its stub, so that the pointer equals
// the program's), a global or static, or a place inside one.  Such an
// address is known once the runtime has filled the import cells, so, as
// plugin/PatchModule.cpp's buildInit does for clang, each leaf of the
// initialiser that holds one becomes zero, and the patch-init function
// (hotpatch_patch's `init`, run after the imports are filled and before any
// patch code) stores the cell's value plus the offset there.
//
// A constant so split is made volatile: late passes then fold neither its
// zeros into readers (ctor_for_folding) nor keep it in read-only data
// (categorize_decl_for_section puts a decl with side effects in writable
// data), while it stays a constant for the facts and for importFor.
//
//===----------------------------------------------------------------------===//
#include "PatchMode.h"

#include "cgraph.h"
#include "tree-dfa.h"
#include "fold-const.h"

namespace hotpatch_gcc {
namespace {

std::vector<InitStore> &allStores() {
  static std::vector<InitStore> All;
  return All;
}

/// The decl whose address plus \p Addend the constant \p Value is, or null.
tree addressBase(tree Value, int64_t &Addend) {
  STRIP_NOPS(Value);
  if (TREE_CODE(Value) == POINTER_PLUS_EXPR &&
      TREE_CODE(TREE_OPERAND(Value, 1)) == INTEGER_CST) {
    // sizetype: a negative offset wraps, as the address arithmetic does
    Addend += static_cast<int64_t>(TREE_INT_CST_LOW(TREE_OPERAND(Value, 1)));
    return addressBase(TREE_OPERAND(Value, 0), Addend);
  }
  if (TREE_CODE(Value) != ADDR_EXPR)
    return NULL_TREE;
  poly_int64 Offset;
  tree Base = get_addr_base_and_unit_offset(TREE_OPERAND(Value, 0), &Offset);
  if (!Base || !DECL_P(Base) || !Offset.is_constant())
    return NULL_TREE;
  Addend += Offset.to_constant();
  return Base;
}

/// Splits the leaf \p Leaf at \p Offset bytes into \p Var; false when it
/// names something existing in a form no pointer store makes.
bool splitLeaf(tree Var, tree *Leaf, uint64_t Offset) {
  if (!importNamedIn(Leaf))
    return true;
  int64_t Addend = 0;
  tree Base = addressBase(*Leaf, Addend);
  Import *I = Base ? importOf(Base) : nullptr;
  tree Size = TYPE_SIZE_UNIT(TREE_TYPE(*Leaf));
  if (!I || I->Kind == HOTPATCH_IMPORT_TLS || !Size ||
      !tree_fits_uhwi_p(Size) || tree_to_uhwi(Size) != sizeof(void *))
    return false;
  allStores().push_back({Var, Offset, I, Addend});
  *Leaf = build_zero_cst(TREE_TYPE(*Leaf));
  return true;
}

bool split(tree Var, tree *Init, uint64_t Offset);

/// The elements of the array constructor \p Init, whose first is at
/// \p Offset.
bool splitArray(tree Var, tree Init, uint64_t Offset) {
  tree Type = TREE_TYPE(Init);
  uint64_t Element = tree_to_uhwi(TYPE_SIZE_UNIT(TREE_TYPE(Type)));
  tree Domain = TYPE_DOMAIN(Type);
  offset_int Low = 0;
  if (Domain && TYPE_MIN_VALUE(Domain))
    Low = wi::to_offset(TYPE_MIN_VALUE(Domain));
  offset_int Next = Low;
  unsigned I;
  constructor_elt *E;
  FOR_EACH_VEC_SAFE_ELT(CONSTRUCTOR_ELTS(Init), I, E) {
    offset_int First = Next, Last = Next;
    if (E->index && TREE_CODE(E->index) == RANGE_EXPR) {
      First = wi::to_offset(TREE_OPERAND(E->index, 0));
      Last = wi::to_offset(TREE_OPERAND(E->index, 1));
    } else if (E->index) {
      First = Last = wi::to_offset(E->index);
    }
    Next = Last + 1;
    size_t Before = allStores().size();
    if (!split(Var, &E->value, Offset + (First - Low).to_uhwi() * Element))
      return false;
    // [a ... b] = v: one value, stored at every index of the range.
    size_t After = allStores().size();
    for (offset_int K = First + 1; wi::les_p(K, Last); K += 1)
      for (size_t S = Before; S < After; ++S) {
        InitStore Copy = allStores()[S];
        Copy.Offset += (K - First).to_uhwi() * Element;
        allStores().push_back(Copy);
      }
  }
  return true;
}

/// The initialiser \p Init of the bytes at \p Offset into \p Var.
bool split(tree Var, tree *Init, uint64_t Offset) {
  if (TREE_CODE(*Init) != CONSTRUCTOR)
    return splitLeaf(Var, Init, Offset);
  switch (TREE_CODE(TREE_TYPE(*Init))) {
  case ARRAY_TYPE: return splitArray(Var, *Init, Offset);
  case RECORD_TYPE:
  case UNION_TYPE: {
    unsigned I;
    constructor_elt *E;
    FOR_EACH_VEC_SAFE_ELT(CONSTRUCTOR_ELTS(*Init), I, E) {
      if (!E->index || TREE_CODE(E->index) != FIELD_DECL)
        return false;
      if (!split(Var, &E->value, Offset + int_byte_position(E->index)))
        return false;
    }
    return true;
  }
  default: // vectors and complex numbers hold no addresses
    return !importNamedIn(Init);
  }
}

} // namespace

bool fillAtInit(tree D) {
  if (DECL_THREAD_LOCAL_P(D)) // one copy per thread: no single store
    return false;
  size_t Before = allStores().size();
  if (!split(D, &DECL_INITIAL(D), 0))
    return false;
  if (allStores().size() == Before)
    return true;
  if (TREE_READONLY(D)) {
    TREE_THIS_VOLATILE(D) = 1;
    TREE_SIDE_EFFECTS(D) = 1;
  }
  // The references gcc recorded still name what the leaves named.
  varpool_node *V = varpool_node::get(D);
  V->remove_all_references();
  record_references_in_initializer(D, false);
  return true;
}

const std::vector<InitStore> &initStores() {
  return allStores();
}

} // namespace hotpatch_gcc
