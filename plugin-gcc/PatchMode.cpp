//===- PatchMode.cpp - Deciding what a patch keeps and imports ------------===//
//
// See PatchMode.h for the steps.  The decisions are the clang plugin's
// (plugin/PatchModule.cpp): a function is unchanged when the baseline has
// its id with the same hash, new when the process has no function of that
// id; what the process has (functions, their slots, globals, static locals,
// thread-locals, constants of unchanged content) is reached through import
// cells; literals and constants whose content changed are the patch's own
// copies; a mutable global whose layout changed is refused, since its value
// could not be kept.
//
//===----------------------------------------------------------------------===//
#include "PatchMode.h"
#include "ModuleFacts.h"

#include "cgraph.h"
#include "diagnostic-core.h"
#include "stringpool.h"
#include "varasm.h"
#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <optional>

namespace hotpatch_gcc {
namespace {

Baseline &theBaseline() {
  static Baseline B;
  return B;
}

std::deque<Import> &allImports() {
  static std::deque<Import> All;
  return All;
}

std::map<tree, Import *> &importIndex() {
  static std::map<tree, Import *> Index;
  return Index;
}

/// A change that cannot be applied live: the compile fails with
/// \p Message, and the refusals file (hotpatch_abi.h) says so, with
/// \p Kind, for hcc.
void refuse(const char *Kind, const std::string &Message) {
  error("hotpatch: %s", Message.c_str());
  const std::string &Path = config().Refusals;
  if (Path.empty())
    return;
  FILE *Out = fopen(Path.c_str(), "a");
  if (!Out) {
    error("hotpatch: cannot write %qs", Path.c_str());
    return;
  }
  fprintf(Out, "%s %s\n", Kind, Message.c_str());
  fclose(Out);
}

/// 'name', or 'function.name' for a static local, as clang's messages say.
std::string quoted(tree D) {
  std::string Name = IDENTIFIER_POINTER(DECL_NAME(D));
  tree Ctx = DECL_CONTEXT(D);
  if (Ctx && TREE_CODE(Ctx) == FUNCTION_DECL)
    Name = IDENTIFIER_POINTER(DECL_NAME(Ctx)) + ("." + Name);
  return "'" + Name + "'";
}

/// What importOf makes for \p D, or none.
std::optional<Import> importFor(tree D) {
  const Baseline &B = theBaseline();
  if (TREE_CODE(D) == FUNCTION_DECL) {
    if (Function *F = functionOf(D))
      return D == F->Stub && existing(*F)
                 ? std::optional<Import>(
                       {functionId(*F), HOTPATCH_IMPORT_FUNCTION, F->Flags})
                 : std::nullopt;
    if (DECL_EXTERNAL(D) && B.Functions.count(symbolName(D)))
      return Import{symbolName(D), HOTPATCH_IMPORT_FUNCTION};
    return std::nullopt;
  }
  if (!VAR_P(D) || !is_global_var(D))
    return std::nullopt;
  if (Function *F = functionOf(D)) // a slot
    return D == F->Slot && existing(*F)
               ? std::optional<Import>(
                     {functionId(*F), HOTPATCH_IMPORT_SLOT, F->Flags})
               : std::nullopt;
  hotpatch_import_kind Kind =
      DECL_THREAD_LOCAL_P(D) ? HOTPATCH_IMPORT_TLS : HOTPATCH_IMPORT_DATA;
  if (DECL_EXTERNAL(D)) // defined by another unit of the program, or libc
    return B.Data.count(symbolName(D))
               ? std::optional<Import>({symbolName(D), Kind})
               : std::nullopt;
  std::optional<DataFact> Fact = dataFact(D, moduleId());
  auto It = Fact ? B.Data.find(Fact->Id) : B.Data.end();
  if (It == B.Data.end() || (!TREE_READONLY(D) && !processHasState(Fact->Id)))
    return std::nullopt; // new: the patch defines it
  // A constant whose content changed: the patch's copy (PatchMode.h).
  if (TREE_READONLY(D) && It->second.LayoutHash != Fact->LayoutHash)
    return std::nullopt;
  return Import{Fact->Id, Kind, Fact->Flags, Fact->LayoutHash, Fact->Size};
}

std::vector<Update> &allUpdates() {
  static std::vector<Update> All;
  return All;
}

/// An external hidden declaration of the cell, which emitPatch defines:
/// code reaches it PC-relative, and nothing of it is exported.
tree makeCell() {
  std::string Name =
      HOTPATCH_IMPORT_PREFIX + std::to_string(allImports().size());
  tree Cell = build_decl(UNKNOWN_LOCATION, VAR_DECL,
                         get_identifier(Name.c_str()), ptr_type_node);
  SET_DECL_ASSEMBLER_NAME(Cell, DECL_NAME(Cell));
  DECL_EXTERNAL(Cell) = 1;
  TREE_PUBLIC(Cell) = 1;
  DECL_ARTIFICIAL(Cell) = 1;
  DECL_IGNORED_P(Cell) = 1;
  TREE_USED(Cell) = 1;
  DECL_VISIBILITY(Cell) = VISIBILITY_HIDDEN;
  DECL_VISIBILITY_SPECIFIED(Cell) = 1;
  keepTree(Cell);
  return Cell;
}

Import *addImport(tree Decl, Import I) {
  I.Cell = makeCell();
  allImports().push_back(I);
  return importIndex()[Decl] = &allImports().back();
}

std::set<std::string> &weakReferences() {
  static std::set<std::string> Names;
  return Names;
}

/// A symbol an unused copy of existing data names and the patch does not
/// define: an existing function's stub, another unit's function or data.
tree noteWeakReference(tree *Init, int *WalkSubtrees, void *) {
  if (TYPE_P(*Init)) {
    *WalkSubtrees = 0;
    return NULL_TREE;
  }
  if (DECL_P(*Init) && DECL_EXTERNAL(*Init) &&
      (!functionOf(*Init) || existing(*functionOf(*Init))))
    weakReferences().insert(symbolName(*Init));
  return NULL_TREE;
}

tree namesImport(tree *Init, int *WalkSubtrees, void *) {
  if (TYPE_P(*Init)) {
    *WalkSubtrees = 0;
    return NULL_TREE;
  }
  return DECL_P(*Init) && importFor(*Init) ? *Init : NULL_TREE;
}

} // namespace

void checkLayout(tree Var) {
  std::optional<DataFact> D = dataFact(Var, moduleId());
  if (!D || D->Kind == HOTPATCH_DATA_CONSTANT)
    return;
  auto It = theBaseline().Data.find(D->Id);
  if (!processHasState(D->Id) || It->second.LayoutHash == D->LayoutHash)
    return;
  refuse(HOTPATCH_REFUSAL_LAYOUT,
         "cannot patch " + std::string(hotpatch_data_kind_word(D->Kind)) + " " +
             quoted(Var) + " of " + main_input_filename +
             ": its type changed from " + It->second.Type + " (" +
             num(It->second.Size) + " bytes) to " + D->Type + " (" +
             num(D->Size) +
             " bytes) and its value could not be kept; restore its type, "
             "or restart the program to use the new one");
}

tree importNamedIn(tree *Init) {
  return walk_tree_without_duplicates(Init, namesImport, nullptr);
}

bool processHasState(const std::string &Id) {
  auto It = theBaseline().Data.find(Id);
  return It != theBaseline().Data.end() &&
         It->second.Kind != hotpatch_data_kind_word(HOTPATCH_DATA_CONSTANT);
}

bool patchMode() {
  return !config().Baseline.empty();
}

const Baseline &baseline() {
  return theBaseline();
}

bool existing(const Function &F) {
  std::string Id = functionId(F);
  return theBaseline().ModuleFunctions.count(Id) ||
         theBaseline().Functions.count(Id);
}

void planPatch() {
  std::string Error =
      readBaseline(config().Baseline, moduleId(), theBaseline());
  if (!Error.empty()) {
    error("hotpatch: %s", Error.c_str());
    return;
  }
  if (!theBaseline().HasModule) {
    refuse(HOTPATCH_REFUSAL_NEW_MODULE,
           "module '" + moduleId() +
               "' is not part of the running program; rebuild and restart it "
               "to add new source files");
    return;
  }
  varpool_node *V;
  FOR_EACH_DEFINED_VARIABLE(V) {
    checkLayout(V->decl);
  }
}

/// Other units read an external constant in place, as a fresh build would
/// read the new content: the runtime copies the patch's copy over the
/// process's storage, which must keep its size.
void updateExternalConstant(tree D) {
  std::optional<DataFact> Fact = dataFact(D, moduleId());
  auto It = Fact ? theBaseline().Data.find(Fact->Id) : theBaseline().Data.end();
  if (!TREE_PUBLIC(D) || It == theBaseline().Data.end() ||
      It->second.LayoutHash == Fact->LayoutHash)
    return;
  if (It->second.Size != Fact->Size) {
    refuse(HOTPATCH_REFUSAL_CONSTANT_SIZE,
           "cannot patch constant " + quoted(D) + " of " + main_input_filename +
               ": its size changed (was " + num(It->second.Size) +
               " bytes, now " + num(Fact->Size) +
               " bytes) and code in other files was built for the old size; "
               "restart the program to use it");
    return;
  }
  allUpdates().push_back({addImport(D, {Fact->Id, HOTPATCH_IMPORT_DATA,
                                        Fact->Flags, 0, Fact->Size}),
                          D});
}

void preparePatchOutput() {
  // Existing functions are called through the process's slots.
  for (Function &F : functions())
    if (existing(F))
      DECL_EXTERNAL(F.Slot) = 1;
  varpool_node *V;
  FOR_EACH_DEFINED_VARIABLE(V) {
    tree D = V->decl;
    if (!DECL_INITIAL(D) || DECL_INITIAL(D) == error_mark_node || functionOf(D))
      continue;
    if (importFor(D)) {
      // The patch's copy is unused: code reaches the process's storage.  Its
      // initialiser stays (late passes fold constants from it, as in the
      // build), and what it names of the program resolves weakly.
      walk_tree_without_duplicates(&DECL_INITIAL(D), noteWeakReference,
                                   nullptr);
      continue;
    }
    if (TREE_READONLY(D))
      updateExternalConstant(D);
    // What its initialiser holds of the process, the patch-init function
    // stores (PatchInit.cpp).
    tree Used = importNamedIn(&DECL_INITIAL(D));
    if (!Used || fillAtInit(D) || !DECL_NAME(D))
      continue;
    refuse(HOTPATCH_REFUSAL_INITIALISER,
           "cannot patch " + quoted(D) + " of " + main_input_filename +
               ": its initial value holds the address of " + quoted(Used) +
               ", which the running program has, and " +
               (DECL_THREAD_LOCAL_P(D)
                    ? "a patch cannot store it in every thread's copy of a "
                      "new thread-local"
                    : "a patch of a gcc build stores only a pointer-sized "
                      "address plus a constant") +
               "; restart the program to use this change");
  }
}

namespace {

/// The impls of new constructors, with their priorities.
std::map<tree, unsigned> &newConstructorPriorities() {
  static std::map<tree, unsigned> Priorities;
  return Priorities;
}

} // namespace

void takeConstructor(function *Fn) {
  tree D = Fn->decl;
  // Cleared only now, after hashing: gcc profiles a constructor as run
  // once, and its passes use that, so clearing earlier could change the
  // hash.  gcc reads the flags when it emits the body (final).
  DECL_STATIC_DESTRUCTOR(D) = 0;
  if (!DECL_STATIC_CONSTRUCTOR(D))
    return;
  DECL_STATIC_CONSTRUCTOR(D) = 0;
  // As clang's: one not instrumented (no_hotpatch) is neither new nor
  // existing, and does not run.
  Function *F = functionOf(D);
  if (F && F->Impl == D && !existing(*F))
    newConstructorPriorities()[D] = decl_init_priority_lookup(D);
}

std::vector<const Function *> newConstructors() {
  std::vector<const Function *> Ctors;
  for (const Function &F : functions())
    if (newConstructorPriorities().count(F.Impl))
      Ctors.push_back(&F);
  std::stable_sort(Ctors.begin(), Ctors.end(),
                   [](const Function *A, const Function *B) {
                     return newConstructorPriorities()[A->Impl] <
                            newConstructorPriorities()[B->Impl];
                   });
  return Ctors;
}

bool dropUnchanged(function *Fn) {
  Function *F = functionOf(Fn->decl);
  if (!F || F->Impl != Fn->decl)
    return false;
  auto It = theBaseline().ModuleFunctions.find(functionId(*F));
  if (It == theBaseline().ModuleFunctions.end() ||
      It->second.Lo != F->Hash.Lo || It->second.Hi != F->Hash.Hi)
    return false;
  // gcc would emit an alias as a second name of the body.
  if (cgraph_node::get(Fn->decl)->has_aliases_p())
    return false;
  TREE_ASM_WRITTEN(Fn->decl) = 1; // what cgraph_node::expand checks
  return true;
}

Import *importOf(tree Decl) {
  if (!patchMode() || !Decl)
    return nullptr;
  auto It = importIndex().find(Decl);
  if (It != importIndex().end())
    return It->second;
  std::optional<Import> I = importFor(Decl);
  return I ? addImport(Decl, *I) : nullptr;
}

const std::set<std::string> &unusedCopiesName() {
  return weakReferences();
}

const std::vector<Update> &updates() {
  return allUpdates();
}

const std::deque<Import> &imports() {
  return allImports();
}

} // namespace hotpatch_gcc
