//===- PatchMode.h - Reducing a unit to a patch (patch mode) --------------===//
//
// With -fplugin-arg-hotpatch_gcc-baseline=FILE the unit goes through the
// build's passes (so its hashes compare with the baseline's), and then, as
// plugin/PatchModule.cpp does for clang:
//
//   after instrumenting   planPatch: the baseline is read; a module the
//                         process does not have and a global whose layout
//                         changed are refused (a static local: checkLayout,
//                         when its function is lowered)
//   after the IPA passes  preparePatchOutput: what the process has keeps its
//                         storage there, so the unit's own slots of existing
//                         functions are not emitted and what its unused
//                         copies of existing data name is weak; an
//                         external constant whose content changed is
//                         updated in place; where the initialiser of data
//                         the patch defines holds an address of something
//                         existing, the patch-init function stores it
//                         (PatchInit.cpp)
//   each final GIMPLE     takeConstructor: no constructor or destructor of
//                         the patch is listed in .init_array or .fini_array;
//                         a new constructor is the patch-init function's to
//                         call; dropUnchanged: an impl whose hash is the
//                         process's is not compiled; rewriteImports
//                         (ImportCells.cpp): what is kept reaches existing
//                         functions, slots, globals and thread-locals
//                         through import cells
//   unit end              emitPatch (PatchEmitter.cpp): the patch descriptor,
//                         import table, summary and target sections
//
//===----------------------------------------------------------------------===//
#ifndef HOTPATCH_PLUGIN_GCC_PATCHMODE_H
#define HOTPATCH_PLUGIN_GCC_PATCHMODE_H

#include "Baseline.h"
#include "GccPlugin.h"
#include "hotpatch_abi.h"
#include <deque>
#include <set>

struct function;

namespace hotpatch_gcc {

/// One existing function, slot, global or thread-local the patch uses.
struct Import {
  std::string Id;
  hotpatch_import_kind Kind;
  uint32_t Flags = 0;
  uint64_t LayoutHash = 0; ///< 0: any layout (a declaration says little)
  uint64_t Size = 0;
  tree Cell = NULL_TREE; ///< the pointer the runtime fills
};

/// An external constant whose content changed, copied over the process's
/// storage (the import) from the patch's copy (the var).
struct Update {
  const Import *Target;
  tree Content;
};

/// Whether hcc gave a baseline: the unit becomes a patch.
bool patchMode();

/// The process's modules, as read by planPatch.
const Baseline &baseline();

/// Whether the process has storage of its own for datum \p Id: not when it
/// has none, nor when it has a constant of that id (a static local its
/// function only read): a patch that writes it defines it, initialised as
/// written, which is the value the process read.
bool processHasState(const std::string &Id);

/// Whether the process has \p F (it is changed or unchanged, not new).
bool existing(const Function &F);

void planPatch();

/// Refuses the patch when \p Var is mutable state whose layout differs
/// from the process's: its storage and value are kept.  planPatch checks
/// the unit's globals; a static local is checked when its function is
/// lowered, as gcc enters it in the symbol table only then.
void checkLayout(tree Var);
void preparePatchOutput();

/// Keeps \p Fn, once hashed, out of the patch's .init_array and .fini_array
/// (gcc lists it there when it emits the body): existing constructors must
/// not run again and a patch's destructors never run.  A new constructor
/// is noted for the patch-init function instead.
void takeConstructor(function *Fn);

/// The new constructors, in the order a build runs them: by priority, then
/// in definition order.
std::vector<const Function *> newConstructors();

/// True when \p Fn is an impl the process runs unchanged: gcc then drops
/// it (TODO_discard_function).
bool dropUnchanged(function *Fn);

/// The import through which patch code reaches \p Decl, made on first use;
/// null when the patch defines or libc provides it.
Import *importOf(tree Decl);

/// Every import made, in the order made.
const std::deque<Import> &imports();

/// What the patch's unused copies of existing data name of the program;
/// emitPatch makes the references weak (never read, so 0 is as good).
const std::set<std::string> &unusedCopiesName();

/// The external constants to update in place.
const std::vector<Update> &updates();

/// A decl whose address the initialiser \p Init holds and the patch would
/// import, or null.
tree importNamedIn(tree *Init);

/// A store of the patch-init function: the address \p From imports, plus
/// \p Addend, written \p Offset bytes into \p Var.
struct InitStore {
  tree Var;
  uint64_t Offset;
  const Import *From;
  int64_t Addend;
};

/// Zeroes in the initialiser of \p D, which the patch defines, each address
/// of what the process has, for the patch-init function to store
/// (PatchInit.cpp); false when one is in a form it cannot store.
bool fillAtInit(tree D);

/// Every store of the patch-init function, in the order made.
const std::vector<InitStore> &initStores();

/// Rewrites \p Fn's uses of imported decls; returns the TODO flags.
unsigned rewriteImports(function *Fn);

void emitPatch();

} // namespace hotpatch_gcc

#endif
