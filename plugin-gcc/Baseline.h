//===- Baseline.h - What the running process has (patch mode) -------------===//
//
// The baseline is the module info text (include/hotpatch_abi.h) of every
// module of the running process, with the hashes of the code it runs now,
// as hcc passes it with -fplugin-arg-hotpatch_gcc-baseline=FILE: what
// plugin/Baseline.h reads for the clang plugin.  Without gcc headers (they
// poison what <fstream> uses).
//
//===----------------------------------------------------------------------===//
#ifndef HOTPATCH_PLUGIN_GCC_BASELINE_H
#define HOTPATCH_PLUGIN_GCC_BASELINE_H

#include "Hashing.h"
#include <cstdint>
#include <map>
#include <set>
#include <string>

namespace hotpatch_gcc {

struct BaselineData {
  std::string Kind; ///< the data-kind word
  uint64_t Size = 0;
  uint64_t LayoutHash = 0;
  std::string Type;
};

struct Baseline {
  /// Whether the module being patched appears at all.
  bool HasModule = false;
  /// Function ids of that module with their current hashes.
  std::map<std::string, Hash128> ModuleFunctions;
  /// Every function id of the process (all modules).
  std::set<std::string> Functions;
  /// Every datum of the process (all modules).
  std::map<std::string, BaselineData> Data;
};

/// Reads \p Path for module \p ModuleId into \p B; empty, or what is wrong.
std::string readBaseline(const std::string &Path, const std::string &ModuleId,
                         Baseline &B);

} // namespace hotpatch_gcc

#endif
