//===- SlotCalls.cpp - Calls through slots, content hashes (last GIMPLE) --===//
//
// Runs after every GIMPLE optimisation, inlining included, as FinalizePass
// does in the clang plugin: each direct call of an instrumented function
// that is left becomes
//
//   raw = F.hp.slot;          (a volatile load: a plain load on x86-64)
//   target = (fn type *) raw;
//   target (args...);
//
// On GIMPLE rather than RTL because here a call still knows its callee's
// decl and the call graph is still current; RTL would see only symbols.
//
// Then each impl gets its content hash: XXH3-128 of its final GIMPLE as
// gcc's dumper prints it without uids or source locations (and with its
// temporaries numbered within the function), so that it
// covers what gcc will expand (the statements, with whatever was inlined
// into them, and the names of the slots, globals and callees used, and
// the content of the constants read), and not the lines or comments
// around it (docs/design.md, "GCC").
//
// In patch mode an impl the process runs unchanged is dropped here, and a
// kept body reaches what the process has through import cells
// (PatchMode.h).
//
//===----------------------------------------------------------------------===//
#include "GccPlugin.h"
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
#include "dumpfile.h"
#include <cstdio>
#include <cstdlib>
#include "Hashing.h"
#include "ModuleFacts.h"
#include <algorithm>
#include <map>
#include <set>

namespace hotpatch_gcc {
namespace {

tree newValue(function *Fn, tree Type, const char *Name) {
  return gimple_in_ssa_p(Fn) ? make_ssa_name(Type) : create_tmp_var(Type, Name);
}

/// The call now loads F's slot; true when it changed.
bool callThroughSlot(function *Fn, gimple_stmt_iterator *I, gcall *Call) {
  tree Callee = gimple_call_fndecl(Call);
  Function *F = functionCalled(Callee);
  if (!F)
    return false;
  if (F->Interposable) { // the stub, which may lead to another object's F
    if (Callee == F->Stub)
      return false;
    gimple_call_set_fndecl(Call, F->Stub);
    update_stmt(Call);
    return true;
  }
  tree FnType = gimple_call_fntype(Call);
  tree Raw = newValue(Fn, ptr_type_node, "hp_raw");
  tree Target = newValue(Fn, build_pointer_type(FnType), "hp_target");
  gassign *Load = gimple_build_assign(Raw, F->Slot);
  gassign *Cast = gimple_build_assign(Target, NOP_EXPR, Raw);
  gimple_set_location(Load, gimple_location(Call));
  gimple_set_location(Cast, gimple_location(Call));
  gsi_insert_before(I, Load, GSI_SAME_STMT);
  gsi_insert_before(I, Cast, GSI_SAME_STMT);
  gimple_call_set_fn(Call, Target);
  update_stmt(Call);
  return true;
}

tree noteConstant(tree *T, int *WalkSubtrees, void *Constants) {
  if (TYPE_P(*T)) {
    *WalkSubtrees = 0;
    return NULL_TREE;
  }
  // gcc makes constants of its own after the unit's were noted: the
  // CSWTCH tables of switch conversion, which then hold the case values.
  if (VAR_P(*T) && TREE_STATIC(*T) && !constantNoted(*T))
    noteConstantContent(*T);
  if (uint64_t Content = VAR_P(*T) ? constantContent(*T) : 0)
    static_cast<std::set<std::string> *>(Constants)->insert(
        "constant " +
        std::string(DECL_NAME(*T) ? IDENTIFIER_POINTER(DECL_NAME(*T)) : "") +
        " " + std::to_string(Content) + "\n");
  return NULL_TREE;
}

/// The constants \p Fn reads, with their content, sorted: the dump names
/// them only.
std::string constantsRead(function *Fn) {
  std::set<std::string> Constants;
  basic_block BB;
  FOR_EACH_BB_FN(BB, Fn) {
    for (gimple_stmt_iterator I = gsi_start_bb(BB); !gsi_end_p(I); gsi_next(&I))
      for (unsigned Op = 0; Op < gimple_num_ops(gsi_stmt(I)); ++Op)
        if (gimple_op(gsi_stmt(I), Op))
          walk_tree(gimple_op_ptr(gsi_stmt(I), Op), noteConstant, &Constants,
                    nullptr);
    // PHI nodes are not among the statements: at -O2 a constant's address
    // may be only there (`PHI <start(3), &ring_b(2)>`).
    for (gphi_iterator I = gsi_start_phis(BB); !gsi_end_p(I); gsi_next(&I))
      for (unsigned Arg = 0; Arg < gimple_phi_num_args(I.phi()); ++Arg)
        walk_tree(gimple_phi_arg_def_ptr(I.phi(), Arg), noteConstant,
                  &Constants, nullptr);
  }
  std::string Text;
  for (const std::string &Line : Constants)
    Text += Line;
  return Text;
}

/// \p Dump with the numbers of gcc's temporaries (ivtmp.38, g.1, CSWTCH.4)
/// counted from 0 in the order of their first use: gcc numbers them across
/// the whole unit, so an edit of one function would renumber, and rehash,
/// every function compiled after it.  String literals stay as they are.
std::string renumberTemporaries(const std::string &Dump) {
  auto IsIdent = [](char C) { return ISALNUM(C) || C == '_'; };
  std::map<std::string, size_t> Numbers;
  std::string Out;
  size_t I = 0, N = Dump.size();
  while (I < N) {
    size_t J = I + 1;
    if (Dump[I] == '"') {
      while (J < N && Dump[J] != '"')
        J += Dump[J] == '\\' ? 2 : 1;
      J = std::min(J + 1, N);
    } else if (ISDIGIT(Dump[I])) { // a number: 1.5e+0, 0x1.8p+1
      while (J < N && (IsIdent(Dump[J]) || Dump[J] == '.'))
        ++J;
    } else if (IsIdent(Dump[I])) {
      while (J < N && IsIdent(Dump[J]))
        ++J;
      if (J + 1 < N && Dump[J] == '.' && ISDIGIT(Dump[J + 1])) {
        size_t End = J + 1;
        while (End < N && ISDIGIT(Dump[End]))
          ++End;
        auto It =
            Numbers.emplace(Dump.substr(I, End - I), Numbers.size()).first;
        Out.append(Dump, I, J + 1 - I);
        Out += std::to_string(It->second);
        I = End;
        continue;
      }
    }
    Out.append(Dump, I, J - I);
    I = J;
  }
  return Out;
}

Hash128 hashOfBody(function *Fn) {
  char *Text = nullptr;
  size_t Size = 0;
  FILE *Out = open_memstream(&Text, &Size);
  dump_function_to_file(Fn->decl, Out, TDF_NOUID);
  fclose(Out);
  Hash128 H =
      hash128(renumberTemporaries(std::string(Text, Size) + constantsRead(Fn)));
  free(Text);
  return H;
}

const pass_data SlotCallsPassData = {GIMPLE_PASS,
                                     "hotpatch-slot-calls",
                                     OPTGROUP_NONE,
                                     TV_NONE,
                                     PROP_cfg | PROP_ssa,
                                     0,
                                     0,
                                     0,
                                     0};

class SlotCallsPass : public gimple_opt_pass {
public:
  explicit SlotCallsPass(gcc::context *Ctx)
      : gimple_opt_pass(SlotCallsPassData, Ctx) {}

  unsigned int execute(function *Fn) override {
    bool Changed = false;
    basic_block BB;
    FOR_EACH_BB_FN(BB, Fn) {
      for (gimple_stmt_iterator I = gsi_start_bb(BB); !gsi_end_p(I);
           gsi_next(&I))
        if (gcall *Call = dyn_cast<gcall *>(gsi_stmt(I)))
          Changed |= callThroughSlot(Fn, &I, Call);
    }
    unsigned int Todo = 0;
    if (Changed) {
      cgraph_edge::rebuild_edges();
      // The loads read memory: they need the virtual operands threaded.
      mark_virtual_operands_for_renaming(Fn);
      Todo |= TODO_update_ssa_only_virtuals;
    }
    if (Function *F = functionOf(Fn->decl); F && F->Impl == Fn->decl) {
      F->Hash = hashOfBody(Fn);
      F->Hashed = true;
    }
    if (!patchMode())
      return Todo;
    takeConstructor(Fn);
    if (dropUnchanged(Fn))
      return TODO_discard_function;
    return Todo | rewriteImports(Fn);
  }
};

} // namespace

opt_pass *makeSlotCallsPass(gcc::context *Ctx) {
  return new SlotCallsPass(Ctx);
}

} // namespace hotpatch_gcc
