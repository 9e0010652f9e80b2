//===- Baseline.h - What the running process has, as patch mode sees it ---===//
//
// A baseline file is the module info text (include/hotpatch_abi.h) of every
// module of the running process, with the hashes of the code it runs now.
// hcc asks the process for it and hands it to the plugin in patch mode.
//
//===----------------------------------------------------------------------===//
#ifndef HOTPATCH_PLUGIN_BASELINE_H
#define HOTPATCH_PLUGIN_BASELINE_H

#include "Hotpatch.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"

namespace hotpatch {

struct BaselineData {
  std::string Kind;
  uint64_t Size = 0;
  uint64_t LayoutHash = 0;
  std::string Type;
};

struct Baseline {
  /// Whether the module being patched appears at all.
  bool HasModule = false;
  /// Function ids of that module with their current hashes.
  llvm::StringMap<Hash128> ModuleFunctions;
  /// Every function id of the process (all modules).
  llvm::StringMap<bool> Functions;
  /// Every datum of the process (all modules).
  llvm::StringMap<BaselineData> Data;

  /// The baseline at \p Path for the module \p ModuleId, parsed once per
  /// process: half a dozen passes of a patch compile ask for it, and a big
  /// program's file lists every function and datum of every module.  hcc
  /// writes a baseline before the compile and never changes it during one;
  /// each patch compile is a process of its own.
  static llvm::Expected<const Baseline &> read(llvm::StringRef Path,
                                               llvm::StringRef ModuleId);
};

} // namespace hotpatch

#endif
