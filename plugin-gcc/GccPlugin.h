//===- GccPlugin.h - The hotpatch GCC plugin's shared state
//----------------===//
//
// hotpatch_gcc.so gives a gcc-12 build what plugin/ gives a clang build
// (docs/design.md, "GCC"):
//
//   lowering    InstrumentPass (Instrument.cpp), once per unit before the
//               first body is lowered: every defined function F becomes the
//               local F.hp.impl, with a slot F.hp.slot and a stub F; then in
//               every body, uses of F's address name the stub
//   optimised   SlotCallsPass (SlotCalls.cpp), the last GIMPLE pass: direct
//               calls left after inlining load the slot; every impl gets the
//               content hash of its final GIMPLE
//   unit end    emitModule (ModuleEmitter.cpp): stubs, module descriptor,
//               info text and constructors, as x86-64 assembly
//               (AsmWriter.cpp, the one target-specific file)
//
// With a baseline (patch mode, PatchMode.cpp) the same passes run, so the
// hashes compare; then unchanged impls are dropped, references to what the
// process has become loads from import cells (ImportCells.cpp), and the
// unit ends with a patch descriptor instead (PatchEmitter.cpp).
//
//===----------------------------------------------------------------------===//
#ifndef HOTPATCH_PLUGIN_GCC_GCCPLUGIN_H
#define HOTPATCH_PLUGIN_GCC_GCCPLUGIN_H

#include "Hashing.h"
#include "gcc-plugin.h"
#include "tree.h"
#include <cstdint>
#include <string>
#include <vector>

namespace gcc {
class context;
}
class opt_pass;

namespace hotpatch_gcc {

/// The plugin arguments (-fplugin-arg-hotpatch_gcc-KEY=VALUE).
struct Config {
  std::string ModuleId;    ///< used verbatim when not empty
  std::string Root;        ///< else: the main source relative to this root
  std::string Baseline;    ///< patch mode: the process's module info text
  std::string Target;      ///< patch mode: build-id of the program patched
  std::string Refusals;    ///< patch mode: where refusals are listed
  bool SpreadStubs = true; ///< a 32-byte block per stub (AsmWriter.cpp)
  /// A static local its function only reads is a constant (Instrument.cpp)
  bool ReadOnlyStatics = true;
};
Config &config();

/// The module id of this compile, as plugin/Plugin.cpp computes it.
std::string moduleId();

/// One instrumented function.
struct Function {
  tree Impl;         ///< F's own decl, renamed F.hp.impl, local
  tree Stub;         ///< an external decl named F (the emitted jump)
  tree Slot;         ///< F.hp.slot in hotpatch_slots
  std::string Name;  ///< F's symbol
  bool Interposable; ///< calls stay on the stub (another F may win)
  uint32_t Flags;    ///< enum hotpatch_symbol_flags
  Hash128 Hash;      ///< of the final GIMPLE (SlotCalls.cpp)
  bool Hashed;       ///< its final GIMPLE was seen (it is compiled)
};

/// The instrumented functions of this unit, in definition order.
std::vector<Function> &functions();

/// The stable id of \p F: its name, or "<module-id>:name" when static.
std::string functionId(const Function &F);

/// The function whose impl, stub or slot \p Decl is, or null.
Function *functionOf(tree Decl);

/// Whether \p F's stub gets a 32-byte block of its own (AsmWriter::stub):
/// unless switched off or F asked to be small.
bool spreadsStub(const Function &F);

/// The function a call of \p Decl reaches: Decl's own, or that of the
/// function Decl is an alias of; null when not instrumented.
Function *functionCalled(tree Decl);

/// Keeps \p T alive across GCC's garbage collections.
void keepTree(tree T);

/// PLUGIN_PRE_GENERICIZE: notes the start routines \p FnDecl hands to
/// pthread_create or thrd_create.
void noteThreadStarts(tree FnDecl);

/// True for a function spelled "no_hotpatch" (annotate attribute).
bool optedOut(tree FnDecl);

/// Once per unit, when the first body is lowered, or after the IPA passes
/// for a unit without functions: instruments the unit and, in patch mode,
/// plans the patch.
void prepareUnit();

opt_pass *makeInstrumentPass(gcc::context *Ctx);
opt_pass *makeSlotCallsPass(gcc::context *Ctx);

/// PLUGIN_FINISH_UNIT: the stubs and the module's registration.
void emitModule();

/// F's symbol as the assembler sees it.
std::string symbolName(tree Decl);

} // namespace hotpatch_gcc

#endif
