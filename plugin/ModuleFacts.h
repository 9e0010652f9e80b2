//===- ModuleFacts.h - What a module tells the runtime about itself -------===//
//
// The functions (with content hashes) and data of one translation unit, as
// both the build-mode descriptor and a patch describe them, plus the module
// info text of include/hotpatch_abi.h.
//
//===----------------------------------------------------------------------===//
#ifndef HOTPATCH_PLUGIN_MODULEFACTS_H
#define HOTPATCH_PLUGIN_MODULEFACTS_H

#include "Hotpatch.h"
#include "hotpatch_abi.h"

namespace hotpatch {

struct FunctionFact {
  InstrumentedFunction F;
  std::string Id;
  uint32_t Flags;
  Hash128 Hash;
  std::string Signature; ///< hotpatch_abi.h; empty when not recorded
};

struct DataFact {
  llvm::GlobalVariable *Var;
  std::string Id;
  hotpatch_data_kind Kind;
  uint32_t Flags;
  uint64_t Size;
  uint64_t LayoutHash;
  std::string Type; ///< typeSpelling()
};

struct ModuleFacts {
  std::string ModuleId;
  std::vector<FunctionFact> Functions;
  /// Aliases of instrumented functions (C++ complete-object constructors
  /// and destructors, __attribute__((alias))): their own ids for the
  /// aliasee's stub, slot, impl and hash, so that a patch referring to an
  /// alias finds it.  Patches never change them: they follow the aliasee.
  std::vector<FunctionFact> Aliases;
  std::vector<DataFact> Data;
  Hash128 ModuleHash;

  /// Hashes every instrumented function and lists every describable
  /// global of \p M; call on final IR, before anything is removed.
  static ModuleFacts collect(llvm::Module &M, llvm::StringRef ModuleId,
                             const std::vector<InstrumentedFunction> &Fns);

  /// The HOTPATCH_INFO_SECTION text block (without the final NUL).
  std::string infoText() const;
};

/// Flags of enum hotpatch_symbol_flags for a global's linkage.
uint32_t linkageFlags(const llvm::GlobalValue &GV);

/// 32 lower-case hex digits: Hi then Lo.
std::string hex128(Hash128 H);

/// The inverse of hex128; false when \p Hex is not 32 hex digits.
bool parseHash128(llvm::StringRef Hex, Hash128 &H);

/// After FinalizePass hashed the module: the closures file of this compile
/// (Closures.cpp), when hcc asked for one.
void writeClosures(const ModuleFacts &Facts);

/// True for what the plugin itself created or LLVM owns.
bool isHotpatchOrLLVMGlobal(const llvm::GlobalValue &GV);

} // namespace hotpatch

#endif
