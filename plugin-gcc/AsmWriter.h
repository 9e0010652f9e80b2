//===- AsmWriter.h - The assembly the GCC plugin appends to a unit --------===//
//
// Everything target-specific of hotpatch_gcc.so lives in AsmWriter.cpp:
// x86-64 ELF directives, the stub jump (the text plugin/JumpStubs.cpp has
// clang emit), the constructors' call of a weak symbol, and the
// thread-local accessors.  ModuleEmitter.cpp says what to emit.
//
//===----------------------------------------------------------------------===//
#ifndef HOTPATCH_PLUGIN_GCC_ASMWRITER_H
#define HOTPATCH_PLUGIN_GCC_ASMWRITER_H

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace hotpatch_gcc {

class AsmWriter {
public:
  explicit AsmWriter(FILE *Out);
  ~AsmWriter();

  /// The stub `Name`: one jump through `Slot`; Binding is "globl", "weak"
  /// or "" (local), Visibility "hidden", "protected", "internal" or "";
  /// Spread: in a 32-byte block of its own, else 16-byte aligned.
  void stub(const std::string &Name, const std::string &Slot,
            const std::string &Binding, const std::string &Visibility,
            bool Spread);

  /// Points the alias `Alias`, which gcc already defined, at `Target`.
  void redirectAlias(const std::string &Alias, const std::string &Target);

  /// A local function `Name` returning the calling thread's address of the
  /// thread-local `Var`.
  void tlsAccessor(const std::string &Name, const std::string &Var);

  /// A local function `Name` that calls `Callee` (a weak symbol: nothing
  /// when it is absent) with `Arg`'s address, or no argument when Arg is
  /// empty; listed among the constructors of `Priority`.
  void constructor(const std::string &Name, const std::string &Callee,
                   const std::string &Arg, unsigned Priority);

  /// One store of a patch-init function: `Cell`'s value plus `Addend`,
  /// written `Offset` bytes into `Target`.
  struct AddressStore {
    std::string Target;
    uint64_t Offset;
    std::string Cell;
    int64_t Addend;
  };
  /// A local function `Name` making the stores, in order, then calling
  /// each of `Calls` (functions of this unit), in order.
  void initFunction(const std::string &Name,
                    const std::vector<AddressStore> &Stores,
                    const std::vector<std::string> &Calls);

  /// Makes the symbol `Name` weak (undefined: 0 when nothing defines it).
  void weak(const std::string &Name);

  /// Gives the symbol `Name`, defined in this unit, hidden visibility.
  void hide(const std::string &Name);

  /// Starts read-only data that holds addresses.
  void relroSection();
  /// Starts the import cells: written by the runtime at load, then
  /// read-only with the relocated data (HOTPATCH_IMPORT_SECTION).
  void importSection();
  /// A named section of read-only data.
  void section(const std::string &Name);
  void label(const std::string &Name);
  /// A field of `Bytes` (4 or 8) holding an assembler expression, aligned
  /// naturally.
  void field(size_t Bytes, const std::string &Value);
  void align(unsigned Bytes);
  /// The bytes of `Text` and a NUL.
  void string(const std::string &Text);
  /// A new local label for a string of `Text`, in the read-only strings.
  std::string stringLabel(const std::string &Text);

private:
  FILE *Out;
  /// The label of a local function `Name` that may be called indirectly.
  void beginFunction(const std::string &Name);
  unsigned NextLabel = 0;
};

} // namespace hotpatch_gcc

#endif
