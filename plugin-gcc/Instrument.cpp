//===- Instrument.cpp - Stubs, slots and impls (lowering) -----------------===//
//
// Once per unit, before the first body is lowered (the whole unit is parsed
// then), every defined function F becomes, as in plugin/Instrument.cpp:
//
//   F.hp.impl   F's own decl renamed and made local: its body, debug info
//               and label addresses stay
//   F.hp.slot   a local volatile pointer in hotpatch_slots, initially
//               &F.hp.impl, that the runtime repoints
//   F           an external decl with F's name, linkage and visibility that
//               takes over every use of F's address; ModuleEmitter.cpp
//               defines it as `jmp *F.hp.slot(%rip)`
//
// Then, in each body before the call graph reads it, and in every static
// initialiser, &F becomes &stub; a function's static locals, which gcc
// enters in its symbol table only once it has lowered that function, are
// prepared in the function's turn, as the unit's statics were (stubs in
// their initialisers, content noted, mutable ones kept, and in patch mode
// their layouts checked).  Direct calls stay on the impl, so gcc may
// inline; SlotCallsPass routes those left after inlining through the slot.
// Calls from main() and thread start routines, whose frames never return to
// pick up new code, and calls of an interposable F (another object's F may
// win at link or load time) go to the stub at once, opaque to the inliner.
//
// Not instrumented, as in the clang plugin: declarations, gnu_inline
// bodies, nested functions, naked functions, ifunc resolvers, functions
// annotated "no_hotpatch", aliases, unused static functions, and what the
// plugin itself creates.
//
//===----------------------------------------------------------------------===//
#include "GccPlugin.h"
#include "ModuleFacts.h"
#include "PatchMode.h"
#include "hotpatch_abi.h"

#include "context.h"
#include "tree-pass.h"
#include "function.h"
#include "basic-block.h"
#include "gimple.h"
#include "gimple-iterator.h"
#include "cgraph.h"
#include "stringpool.h"
#include "attribs.h"
#include "varasm.h"
#include "tree-iterator.h"
#include "fold-const.h"
#include "tree-nested.h"
#include <algorithm>
#include <cstring>
#include <set>
#include <unordered_map>

namespace hotpatch_gcc {
namespace {

std::unordered_map<tree, size_t> &indexOfDecl() {
  static std::unordered_map<tree, size_t> Index;
  return Index;
}

/// Functions main() or pthread_create/thrd_create start: their frames live
/// as long as the process or thread.
std::set<tree> &longRunning() {
  static std::set<tree> Roots;
  return Roots;
}

tree noteThreadStart(tree *Node, int *, void *) {
  tree Call = *Node;
  if (TREE_CODE(Call) != CALL_EXPR)
    return NULL_TREE;
  tree Callee = get_callee_fndecl(Call);
  if (!Callee || !DECL_NAME(Callee))
    return NULL_TREE;
  const char *Name = IDENTIFIER_POINTER(DECL_NAME(Callee));
  if (std::strcmp(Name, "pthread_create") != 0 &&
      std::strcmp(Name, "thrd_create") != 0)
    return NULL_TREE;
  for (int I = 0; I < call_expr_nargs(Call); ++I) {
    tree Arg = CALL_EXPR_ARG(Call, I);
    STRIP_NOPS(Arg);
    if (TREE_CODE(Arg) == ADDR_EXPR &&
        TREE_CODE(TREE_OPERAND(Arg, 0)) == FUNCTION_DECL)
      longRunning().insert(TREE_OPERAND(Arg, 0));
  }
  return NULL_TREE;
}

/// Names of the ifunc resolvers of this unit: their address must be their
/// body.
std::set<std::string> ifuncResolvers() {
  std::set<std::string> Names;
  cgraph_node *Node;
  FOR_EACH_FUNCTION(Node) {
    tree A = lookup_attribute("ifunc", DECL_ATTRIBUTES(Node->decl));
    if (A && TREE_VALUE(A) &&
        TREE_CODE(TREE_VALUE(TREE_VALUE(A))) == STRING_CST)
      Names.insert(TREE_STRING_POINTER(TREE_VALUE(TREE_VALUE(A))));
  }
  return Names;
}

bool shouldInstrument(cgraph_node *Node,
                      const std::set<std::string> &Resolvers) {
  tree D = Node->decl;
  if (!Node->definition || Node->alias || DECL_EXTERNAL(D) ||
      (DECL_CONTEXT(D) && TREE_CODE(DECL_CONTEXT(D)) == FUNCTION_DECL) ||
      lookup_attribute("naked", DECL_ATTRIBUTES(D)) ||
      lookup_attribute("ifunc", DECL_ATTRIBUTES(D)) || optedOut(D))
    return false;
  // An unused static function is never emitted (clang does not emit it
  // either); its slot would keep it.
  if (!TREE_PUBLIC(D) && !TREE_USED(D) && !DECL_PRESERVE_P(D))
    return false;
  std::string Name = symbolName(D);
  return !Resolvers.count(Name) && Name.rfind("__hotpatch", 0) != 0 &&
         Name.find(".hp.") == std::string::npos;
}

tree createSlot(tree Impl, const std::string &Name) {
  tree Slot = build_decl(DECL_SOURCE_LOCATION(Impl), VAR_DECL,
                         get_identifier((Name + HOTPATCH_SLOT_SUFFIX).c_str()),
                         ptr_type_node);
  SET_DECL_ASSEMBLER_NAME(Slot, DECL_NAME(Slot));
  TREE_STATIC(Slot) = 1;
  TREE_PUBLIC(Slot) = 0;
  DECL_ARTIFICIAL(Slot) = 1;
  DECL_IGNORED_P(Slot) = 1;
  TREE_USED(Slot) = 1;
  DECL_PRESERVE_P(Slot) = 1;
  // The runtime stores to the slot: every read is a real load that no pass
  // may fold to the initial value.
  TREE_THIS_VOLATILE(Slot) = 1;
  TREE_SIDE_EFFECTS(Slot) = 1;
  SET_DECL_ALIGN(Slot, POINTER_SIZE);
  DECL_USER_ALIGN(Slot) = 1;
  DECL_INITIAL(Slot) = fold_convert(ptr_type_node, build_fold_addr_expr(Impl));
  set_decl_section_name(Slot, HOTPATCH_SLOT_SECTION);
  varpool_node::finalize_decl(Slot);
  return Slot;
}

tree createStub(tree Impl, const std::string &Name) {
  tree Stub = build_decl(DECL_SOURCE_LOCATION(Impl), FUNCTION_DECL,
                         DECL_NAME(Impl), TREE_TYPE(Impl));
  SET_DECL_ASSEMBLER_NAME(Stub, get_identifier(Name.c_str()));
  DECL_CONTEXT(Stub) = DECL_CONTEXT(Impl);
  TREE_PUBLIC(Stub) = TREE_PUBLIC(Impl);
  DECL_EXTERNAL(Stub) = 1;
  DECL_ARTIFICIAL(Stub) = 1; // no "used but never defined" for a static F
  DECL_WEAK(Stub) = DECL_WEAK(Impl);
  DECL_VISIBILITY(Stub) = DECL_VISIBILITY(Impl);
  DECL_VISIBILITY_SPECIFIED(Stub) = DECL_VISIBILITY_SPECIFIED(Impl);
  TREE_THIS_VOLATILE(Stub) = TREE_THIS_VOLATILE(Impl); // noreturn
  TREE_NOTHROW(Stub) = TREE_NOTHROW(Impl);
  keepTree(Stub);
  return Stub;
}

/// F's decl becomes the local F.hp.impl.
void makeImpl(cgraph_node *Node, const std::string &Name) {
  tree D = Node->decl;
  symtab->change_decl_assembler_name(
      D, get_identifier((Name + HOTPATCH_IMPL_SUFFIX).c_str()));
  TREE_PUBLIC(D) = 0;
  DECL_WEAK(D) = 0;
  DECL_COMDAT(D) = 0;
  DECL_VISIBILITY(D) = VISIBILITY_DEFAULT;
  DECL_VISIBILITY_SPECIFIED(D) = 0;
  Node->externally_visible = false;
  Node->forced_by_abi = false;
}

uint32_t flagsOf(tree D) {
  uint32_t Flags = 0;
  if (!TREE_PUBLIC(D))
    Flags |= HOTPATCH_SYM_INTERNAL;
  if (DECL_WEAK(D))
    Flags |= HOTPATCH_SYM_WEAK;
  if (stdarg_p(TREE_TYPE(D)))
    Flags |= HOTPATCH_SYM_VARARGS;
  return Flags;
}

/// &F (F instrumented) becomes &stub.
tree addressOfStub(tree *Node, int *WalkSubtrees, void *Changed) {
  if (TYPE_P(*Node)) {
    *WalkSubtrees = 0;
    return NULL_TREE;
  }
  if (TREE_CODE(*Node) != ADDR_EXPR)
    return NULL_TREE;
  Function *F = functionOf(TREE_OPERAND(*Node, 0));
  if (F && TREE_OPERAND(*Node, 0) == F->Impl) {
    *Node = build_fold_addr_expr_with_type(F->Stub, TREE_TYPE(*Node));
    *static_cast<bool *>(Changed) = true;
  }
  *WalkSubtrees = 0;
  return NULL_TREE;
}

/// Mutable statics are state a later patch may read or write: gcc must not
/// reason from "only this unit touches it" (fold a never-written static
/// into its readers, or drop it).
void keepStorage(tree D) {
  if (!TREE_STATIC(D) || TREE_PUBLIC(D) || TREE_READONLY(D) ||
      DECL_EXTERNAL(D) || DECL_ARTIFICIAL(D) || !DECL_NAME(D))
    return;
  DECL_PRESERVE_P(D) = 1; // what makes the node of a later static local kept
  if (varpool_node *V = varpool_node::get(D))
    V->force_output = 1;
}

void rewriteInitialiser(tree D) {
  if (!DECL_INITIAL(D) || DECL_INITIAL(D) == error_mark_node)
    return;
  bool Changed = false;
  walk_tree(&DECL_INITIAL(D), addressOfStub, &Changed, nullptr);
  varpool_node *V = varpool_node::get(D);
  if (Changed && V && V->analyzed) {
    V->remove_all_references();
    record_references_in_initializer(D, false);
  }
}

/// Before the slots exist: they keep the impls.
void prepareStatic(tree D) {
  rewriteInitialiser(D);
  noteConstantContent(D);
  keepStorage(D);
}

/// walk_tree's callback: stops at an address of (a part of) \p D.
tree addressOfDecl(tree *Node, int *WalkSubtrees, void *D) {
  if (TYPE_P(*Node)) {
    *WalkSubtrees = 0;
    return NULL_TREE;
  }
  return TREE_CODE(*Node) == ADDR_EXPR &&
                 get_base_address(TREE_OPERAND(*Node, 0)) == D
             ? *Node
             : NULL_TREE;
}

/// Whether a statement of \p Fn stores to \p D or takes its address.
bool writtenOrAddressed(function *Fn, tree D) {
  basic_block BB;
  FOR_EACH_BB_FN(BB, Fn) {
    for (gimple_stmt_iterator I = gsi_start_bb(BB); !gsi_end_p(I);
         gsi_next(&I)) {
      gimple *S = gsi_stmt(I);
      tree Lhs = gimple_get_lhs(S);
      if (Lhs && get_base_address(Lhs) == D)
        return true;
      if (gasm *Asm = dyn_cast<gasm *>(S))
        for (unsigned Out = 0; Out < gimple_asm_noutputs(Asm); ++Out)
          if (get_base_address(TREE_VALUE(gimple_asm_output_op(Asm, Out))) == D)
            return true;
      for (unsigned Op = 0; Op < gimple_num_ops(S); ++Op)
        if (gimple_op(S, Op) &&
            walk_tree(gimple_op_ptr(S, Op), addressOfDecl, D, nullptr))
          return true;
    }
  }
  return false;
}

/// A static local that its function only reads, and that no nested
/// function can name, is a constant, as plugin/Instrument.cpp makes it for
/// clang (docs/design.md, "Static locals only read are constants"); one
/// the process has as state stays state.
bool readOnlyStaticLocal(function *Fn, tree D) {
  if (!config().ReadOnlyStatics || TREE_READONLY(D) || TREE_ADDRESSABLE(D) ||
      TREE_THIS_VOLATILE(D) || DECL_THREAD_LOCAL_P(D) || DECL_SECTION_NAME(D) ||
      !DECL_NAME(D) || DECL_ARTIFICIAL(D) || !cgraph_node::get(Fn->decl) ||
      first_nested_function(cgraph_node::get(Fn->decl)) ||
      writtenOrAddressed(Fn, D))
    return false;
  if (!patchMode())
    return true;
  std::optional<DataFact> Fact = dataFact(D, moduleId());
  return Fact && !processHasState(Fact->Id);
}

/// gcc enters a function's static locals in the symbol table only when it
/// has lowered the function (build_cgraph_edges, after this pass), so
/// instrumentUnit never sees them: each is prepared in its function's turn.
void prepareStaticLocals(function *Fn) {
  unsigned Ix;
  tree D;
  FOR_EACH_LOCAL_DECL(Fn, Ix, D) {
    if (!VAR_P(D) || !TREE_STATIC(D) || DECL_EXTERNAL(D))
      continue;
    if (readOnlyStaticLocal(Fn, D))
      TREE_READONLY(D) = 1;
    prepareStatic(D);
    if (patchMode())
      checkLayout(D);
  }
}

void instrumentUnit() {
  std::set<std::string> Resolvers = ifuncResolvers();
  std::vector<cgraph_node *> Chosen;
  cgraph_node *Node;
  FOR_EACH_FUNCTION(Node) {
    if (shouldInstrument(Node, Resolvers))
      Chosen.push_back(Node);
  }
  // The symbol table lists the last definition first.
  std::reverse(Chosen.begin(), Chosen.end());
  for (cgraph_node *N : Chosen) {
    tree D = N->decl;
    std::string Name = symbolName(D);
    if (DECL_NAME(D) && MAIN_NAME_P(DECL_NAME(D)) && TREE_PUBLIC(D))
      longRunning().insert(D);
    bool Interposable =
        TREE_PUBLIC(D) &&
        decl_replaceable_p(D, opt_for_fn(D, flag_semantic_interposition));
    uint32_t Flags = flagsOf(D);
    tree Stub = createStub(D, Name); // before F's name moves to the impl
    makeImpl(N, Name);
    indexOfDecl()[D] = functions().size();
    indexOfDecl()[Stub] = functions().size();
    functions().push_back(
        {D, Stub, NULL_TREE, Name, Interposable, Flags, {}, false});
  }
  varpool_node *V;
  FOR_EACH_VARIABLE(V) {
    prepareStatic(V->decl);
  }
  for (size_t I = 0; I < functions().size(); ++I) {
    Function &F = functions()[I];
    F.Slot = createSlot(F.Impl, F.Name);
    indexOfDecl()[F.Slot] = I;
  }
}

/// One body: addresses to stubs; calls to stubs where they must stay
/// opaque to the inliner.
void rewriteBody(function *Fn) {
  bool LongRunning = longRunning().count(Fn->decl) != 0;
  basic_block BB;
  FOR_EACH_BB_FN(BB, Fn) {
    for (gimple_stmt_iterator I = gsi_start_bb(BB); !gsi_end_p(I);
         gsi_next(&I)) {
      gimple *S = gsi_stmt(I);
      bool Changed = false;
      gcall *Call = dyn_cast<gcall *>(S);
      for (unsigned Op = 0; Op < gimple_num_ops(S); ++Op)
        if (!(Call && Op == 1) && gimple_op(S, Op)) // 1: the callee
          walk_tree(gimple_op_ptr(S, Op), addressOfStub, &Changed, nullptr);
      if (Call) {
        Function *F = functionCalled(gimple_call_fndecl(Call));
        if (F && (LongRunning || F->Interposable))
          gimple_call_set_fndecl(Call, F->Stub);
      }
    }
  }
}

const pass_data InstrumentPassData = {GIMPLE_PASS,
                                      "hotpatch-instrument",
                                      OPTGROUP_NONE,
                                      TV_NONE,
                                      PROP_cfg,
                                      0,
                                      0,
                                      0,
                                      0};

class InstrumentPass : public gimple_opt_pass {
public:
  explicit InstrumentPass(gcc::context *Ctx)
      : gimple_opt_pass(InstrumentPassData, Ctx) {}

  unsigned int execute(function *Fn) override {
    prepareUnit();
    prepareStaticLocals(Fn);
    rewriteBody(Fn);
    return 0;
  }
};

} // namespace

void prepareUnit() {
  static bool Done;
  if (Done)
    return;
  Done = true;
  instrumentUnit();
  if (patchMode())
    planPatch();
}

std::vector<Function> &functions() {
  static std::vector<Function> All;
  return All;
}

Function *functionOf(tree Decl) {
  if (!Decl)
    return nullptr;
  auto It = indexOfDecl().find(Decl);
  return It == indexOfDecl().end() ? nullptr : &functions()[It->second];
}

bool spreadsStub(const Function &F) {
  return config().SpreadStubs && !opt_for_fn(F.Impl, optimize_size);
}

Function *functionCalled(tree Decl) {
  cgraph_node *Node = Decl ? cgraph_node::get(Decl) : nullptr;
  // An alias is resolved once analysed; before, its target is a decl.
  while (Node && Node->alias) {
    if (Node->analyzed)
      Node = Node->get_alias_target();
    else if (Node->alias_target &&
             TREE_CODE(Node->alias_target) == FUNCTION_DECL)
      Node = cgraph_node::get(Node->alias_target);
    else
      break;
  }
  return functionOf(Node ? Node->decl : Decl);
}

std::string symbolName(tree Decl) {
  const char *Name = IDENTIFIER_POINTER(DECL_ASSEMBLER_NAME(Decl));
  return Name[0] == '*' ? Name + 1 : Name;
}

void noteThreadStarts(tree FnDecl) {
  if (DECL_SAVED_TREE(FnDecl))
    walk_tree_without_duplicates(&DECL_SAVED_TREE(FnDecl), noteThreadStart,
                                 nullptr);
}

opt_pass *makeInstrumentPass(gcc::context *Ctx) {
  return new InstrumentPass(Ctx);
}

} // namespace hotpatch_gcc
