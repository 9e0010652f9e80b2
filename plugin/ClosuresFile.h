//===- ClosuresFile.h - What the last compile of a unit recorded ----------===//
//
// The closures file of a unit (Closures.cpp): for each function, its
// closure hash, its final hash and the hash of its body's tokens
// (FrontendSkip.cpp), plus the hash of every token outside function bodies
// and the compile's context, the calls the build's inliner gave LLVM's
// last-call bonus (InlineRecord.cpp), and what the front end needs to know
// before parsing: the file's bodies as its text shows them, what each
// function references, and which start threads (FrontendSkip.cpp).  Written by
// every compile at -O1 and above, read by the next patch compile of the unit:
// by the front end to leave out the IR of what the patch does not need, by
// ClosurePass to skip optimising what cannot have changed.
//
//===----------------------------------------------------------------------===//
#ifndef HOTPATCH_PLUGIN_CLOSURESFILE_H
#define HOTPATCH_PLUGIN_CLOSURESFILE_H

#include "BodyScan.h"
#include "Hotpatch.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include <optional>
#include <string>
#include <vector>

namespace hotpatch {

struct ClosuresFile {
  std::string Context; ///< hex: optimisation level, target, LLVM version
  std::optional<Hash128> Outside; ///< tokens outside function bodies
  llvm::StringMap<RecordedFunction> Functions; ///< by stable id
  /// "<callee> <caller>" by their impls' names: the calls a build's
  /// inliner gave the last-call bonus; patch compiles carry them over.
  llvm::StringSet<> LastCalls;
  /// The function bodies of the unit's file as its text shows them
  /// (BodyScan.cpp), when the compile scanned it.
  std::optional<BodyScan> Scan;
  /// By function name: the unit's functions its IR references, directly or
  /// through constants (ClosurePass's graph).
  llvm::StringMap<std::vector<std::string>> References;
  /// Functions whose bodies name pthread_create or thrd_create.
  llvm::StringSet<> ThreadStarters;
  /// The last patch compile found that every function needs its IR.
  bool UnitUnsafe = false;

  /// The file at \p Path as this process first read it; empty (no
  /// functions) when it is missing or in another format.  Read once: the
  /// front end and ClosurePass then decide on the same record even if a
  /// concurrent compile of the unit replaces the file meanwhile, and a big
  /// unit's record (2,400 lines for SQLite's amalgamation) is parsed once.
  static const ClosuresFile &recorded(llvm::StringRef Path);
  /// Written aside and renamed: a concurrent compile of the same unit (make
  /// -j, or hcc patch beside hcc run) reads a whole file or none.  A file
  /// that cannot be written only makes the next patch compile do more.
  /// Forgets what recorded() read of \p Path.
  void write(llvm::StringRef Path) const;
};

/// The closures file of the module \p ModuleId in the closures directory
/// hcc named (plugin argument closures=), or empty when it named none.
std::string closuresFilePath(llvm::StringRef ModuleId);

} // namespace hotpatch

#endif
