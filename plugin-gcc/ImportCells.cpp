//===- ImportCells.cpp - What a patch uses of the process, through cells --===//
//
// In patch mode, after a kept function's final GIMPLE is hashed, every use
// of something the process has (importOf) becomes a use of the address its
// import cell holds, as plugin/PatchModule.cpp's replaceInstructionUses does
// for clang:
//
//   v  (a global, static or static local)   MEM[cell]
//   v  (a thread-local)                     MEM[((void *(*)(void)) cell) ()]
//   F.hp.slot (an existing F's slot)        MEM[cell], a volatile load
//   &F (an existing F's stub, or another    (type) cell
//       unit's function)
//
// The cell's load, and whatever address arithmetic the use needed, go just
// before the statement (for a PHI argument: on its edge), so that every
// operand stays valid GIMPLE.  A debug statement that named one loses its
// value rather than describing the patch's own copy.
//
//===----------------------------------------------------------------------===//
#include "PatchMode.h"

#include "context.h"
#include "tree-pass.h"
#include "function.h"
#include "basic-block.h"
#include "gimple.h"
#include "gimple-iterator.h"
#include "gimple-ssa.h"
#include "ssa.h"
#include "cgraph.h"
#include "tree-cfg.h"
#include "tree-into-ssa.h"
#include "gimplify.h"
#include "gimplify-me.h"
#include "fold-const.h"
#include "alias.h"

namespace hotpatch_gcc {
namespace {

class CellUses {
public:
  /// Rewrites the operand at \p Op; true when it changed.
  bool operand(tree *Op) {
    switch (TREE_CODE(*Op)) {
    case ADDR_EXPR:
      if (tree V = address(*Op)) {
        *Op = V;
        return true;
      }
      return false;
    case TREE_LIST: // an asm operand
      return TREE_VALUE(*Op) && operand(&TREE_VALUE(*Op));
    case CONSTRUCTOR: {
      bool Changed = false;
      unsigned I;
      constructor_elt *E;
      FOR_EACH_VEC_SAFE_ELT(CONSTRUCTOR_ELTS(*Op), I, E)
      Changed |= operand(&E->value);
      return Changed;
    }
    default: return reference(Op);
    }
  }

  /// A gimple value for the ADDR_EXPR \p A whose base is imported, or null
  /// when it names nothing imported.
  tree address(tree A) {
    tree Base = TREE_OPERAND(A, 0);
    if (TREE_CODE(Base) == FUNCTION_DECL) {
      Import *I = importOf(Base);
      return I ? value(fold_convert(TREE_TYPE(A), cellValue(*I))) : NULL_TREE;
    }
    tree Copy = unshare_expr(Base); // invariant addresses may be shared
    if (!reference(&Copy))
      return NULL_TREE;
    return value(build_fold_addr_expr_with_type(Copy, TREE_TYPE(A)));
  }

  /// The statements that compute what the rewritten operands use.
  gimple_seq take() {
    gimple_seq S = Seq;
    Seq = nullptr;
    return S;
  }

private:
  gimple_seq Seq = nullptr;

  tree value(tree Expr) {
    gimple_seq Stmts = nullptr;
    tree V = force_gimple_operand(Expr, &Stmts, true, NULL_TREE);
    gimple_seq_add_seq(&Seq, Stmts);
    return V;
  }

  tree cellValue(const Import &I) { return value(I.Cell); }

  /// The address of what \p I imports: a thread-local's comes from its
  /// accessor, for the calling thread.
  tree storage(const Import &I) {
    tree Raw = cellValue(I);
    if (I.Kind != HOTPATCH_IMPORT_TLS)
      return Raw;
    tree AccessorType = build_function_type_list(ptr_type_node, NULL_TREE);
    tree Accessor = fold_convert(build_pointer_type(AccessorType), Raw);
    return value(build_call_array_loc(UNKNOWN_LOCATION, ptr_type_node,
                                      value(Accessor), 0, nullptr));
  }

  /// The reference at \p Ref: an imported decl at its base becomes MEM[addr].
  bool reference(tree *Ref) {
    tree *Base = Ref;
    while (handled_component_p(*Base))
      Base = &TREE_OPERAND(*Base, 0);
    if (TREE_CODE(*Base) == MEM_REF || TREE_CODE(*Base) == TARGET_MEM_REF) {
      tree *Pointer = &TREE_OPERAND(*Base, 0);
      if (TREE_CODE(*Pointer) != ADDR_EXPR)
        return false;
      tree V = address(*Pointer);
      if (V)
        *Pointer = V;
      return V != NULL_TREE;
    }
    if (!VAR_P(*Base))
      return false;
    Import *I = importOf(*Base);
    if (!I)
      return false;
    tree Var = *Base;
    tree Mem = build2(MEM_REF, TREE_TYPE(Var), storage(*I),
                      build_int_cst(reference_alias_ptr_type(Var), 0));
    TREE_THIS_VOLATILE(Mem) = TREE_THIS_VOLATILE(Var); // slots
    TREE_SIDE_EFFECTS(Mem) = TREE_SIDE_EFFECTS(Var);
    *Base = Mem;
    return true;
  }
};

tree namesImport(tree *T, int *WalkSubtrees, void *) {
  if (TYPE_P(*T)) {
    *WalkSubtrees = 0;
    return NULL_TREE;
  }
  return DECL_P(*T) && importOf(*T) ? *T : NULL_TREE;
}

bool rewritePhis(basic_block BB, CellUses &Uses) {
  bool Changed = false;
  for (gphi_iterator P = gsi_start_phis(BB); !gsi_end_p(P); gsi_next(&P)) {
    gphi *Phi = P.phi();
    if (virtual_operand_p(gimple_phi_result(Phi)))
      continue;
    for (unsigned I = 0; I < gimple_phi_num_args(Phi); ++I) {
      tree Arg = gimple_phi_arg_def(Phi, I);
      if (TREE_CODE(Arg) != ADDR_EXPR)
        continue;
      tree V = Uses.address(Arg);
      if (!V)
        continue;
      gsi_insert_seq_on_edge(gimple_phi_arg_edge(Phi, I), Uses.take());
      SET_PHI_ARG_DEF(Phi, I, V);
      Changed = true;
    }
  }
  return Changed;
}

bool rewriteStatements(basic_block BB, CellUses &Uses) {
  bool Changed = false;
  for (gimple_stmt_iterator I = gsi_start_bb(BB); !gsi_end_p(I); gsi_next(&I)) {
    gimple *S = gsi_stmt(I);
    if (is_gimple_debug(S)) {
      if (gimple_debug_bind_p(S) && gimple_debug_bind_has_value_p(S) &&
          walk_tree(gimple_debug_bind_get_value_ptr(S), namesImport, nullptr,
                    nullptr)) {
        gimple_debug_bind_reset_value(S);
        update_stmt(S);
      }
      continue;
    }
    bool Used = false;
    for (unsigned Op = 0; Op < gimple_num_ops(S); ++Op)
      if (gimple_op(S, Op))
        Used |= Uses.operand(gimple_op_ptr(S, Op));
    if (!Used)
      continue;
    gsi_insert_seq_before(&I, Uses.take(), GSI_SAME_STMT);
    update_stmt(S);
    Changed = true;
  }
  return Changed;
}

} // namespace

unsigned rewriteImports(function *Fn) {
  CellUses Uses;
  bool Changed = false;
  basic_block BB;
  FOR_EACH_BB_FN(BB, Fn) {
    Changed |= rewritePhis(BB, Uses);
    Changed |= rewriteStatements(BB, Uses);
  }
  if (!Changed)
    return 0;
  gsi_commit_edge_inserts();
  cgraph_edge::rebuild_edges();
  // The cells' loads read memory: they need the virtual operands threaded.
  mark_virtual_operands_for_renaming(Fn);
  return TODO_update_ssa_only_virtuals;
}

} // namespace hotpatch_gcc
