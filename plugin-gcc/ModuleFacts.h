//===- ModuleFacts.h - What a unit defines, as descriptors describe it ----===//
//
// The functions and data of the unit with their ids, hashes and layouts,
// the module hash and the module info text (include/hotpatch_abi.h): what
// the module descriptor (ModuleEmitter.cpp) and the patch descriptor
// (PatchEmitter.cpp) both say.
//
//===----------------------------------------------------------------------===//
#ifndef HOTPATCH_PLUGIN_GCC_MODULEFACTS_H
#define HOTPATCH_PLUGIN_GCC_MODULEFACTS_H

#include "GccPlugin.h"
#include "hotpatch_abi.h"
#include <optional>

namespace hotpatch_gcc {

struct DataFact {
  tree Var;
  std::string Id, Type;
  hotpatch_data_kind Kind;
  uint32_t Flags;
  uint64_t Size, LayoutHash;
};

/// Notes the content of \p D when it is a constant the unit defines (its
/// initialiser as gcc prints it, hashed), once its initialiser names stubs:
/// a constant's layout hash and the hash of every function reading it
/// include it.
void noteConstantContent(tree D);

/// Whether noteConstantContent() took \p D's content.
bool constantNoted(tree D);

/// The hash of the content of the constant \p D, with that of the
/// constants it points at, or 0.
uint64_t constantContent(tree D);

/// The fact of the global \p D, or none for what is not described
/// (artificial, unnamed, unsized, the plugin's own).
std::optional<DataFact> dataFact(tree D, const std::string &ModuleId);

/// Every datum gcc emitted.
std::vector<DataFact> collectData(const std::string &ModuleId);

/// A row of the function table: an instrumented function, or an alias of
/// one (__attribute__((alias))), which has its own id and linkage and the
/// aliasee's stub, slot, impl and hash, as in the clang plugin.
struct FunctionEntry {
  const Function *Of;
  std::string Name;
  uint32_t Flags;
  bool Alias;
};

/// A stable id: the name, or "<module-id>:name" when static.
std::string functionId(const FunctionEntry &E, const std::string &ModuleId);

/// Every compiled function, then every alias of one.
std::vector<FunctionEntry> functionEntries();

/// XXH3-128 over the lines the clang plugin hashes for its module.
Hash128 moduleHash(const std::string &ModuleId,
                   const std::vector<FunctionEntry> &Fns,
                   const std::vector<DataFact> &Data);

/// The HOTPATCH_INFO_SECTION block of hotpatch_abi.h.
std::string infoText(const std::string &ModuleId, Hash128 Hash,
                     const std::vector<FunctionEntry> &Fns,
                     const std::vector<DataFact> &Data);

std::string num(uint64_t V);
std::string hex(uint64_t V, int Digits);
std::string hex128(Hash128 H);

} // namespace hotpatch_gcc

#endif
