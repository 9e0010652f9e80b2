//===- DescriptorRows.h - Rows of the structs of hotpatch_abi.h -----------===//
//
// One assembler expression per field of a struct of include/hotpatch_abi.h,
// set by name; a field left empty is a plugin bug, caught when the row is
// written.  The module descriptor (ModuleEmitter.cpp) and the patch
// descriptor (PatchEmitter.cpp) are written from these.
//
//===----------------------------------------------------------------------===//
#ifndef HOTPATCH_PLUGIN_GCC_DESCRIPTORROWS_H
#define HOTPATCH_PLUGIN_GCC_DESCRIPTORROWS_H

#include "AsmWriter.h"
#include "ModuleFacts.h"
#include "hotpatch_abi.h"
#include <string>

namespace hotpatch_gcc {

#define HP_ROW_MEMBER(kind, type, name) std::string name;
struct FunctionRow {
  HOTPATCH_FUNCTION_FIELDS(HP_ROW_MEMBER)
};
struct DataRow {
  HOTPATCH_DATA_FIELDS(HP_ROW_MEMBER)
};
struct ModuleRow {
  HOTPATCH_MODULE_FIELDS(HP_ROW_MEMBER)
};
struct ImportRow {
  HOTPATCH_IMPORT_FIELDS(HP_ROW_MEMBER)
};
struct UpdateRow {
  HOTPATCH_UPDATE_FIELDS(HP_ROW_MEMBER)
};
struct PatchRow {
  HOTPATCH_PATCH_FIELDS(HP_ROW_MEMBER)
};
#undef HP_ROW_MEMBER

void writeRow(AsmWriter &W, const FunctionRow &Row);
void writeRow(AsmWriter &W, const DataRow &Row);
void writeRow(AsmWriter &W, const ModuleRow &Row);
void writeRow(AsmWriter &W, const ImportRow &Row);
void writeRow(AsmWriter &W, const UpdateRow &Row);
void writeRow(AsmWriter &W, const PatchRow &Row);

/// The row of \p E; its slot and stub are "0" unless \p WithSlotAndStub
/// (a patch's changed function uses the process's).
FunctionRow functionRow(AsmWriter &W, const FunctionEntry &E,
                        const std::string &ModuleId, bool WithSlotAndStub);

/// The row of \p D; \p TlsAccessor is the accessor of a thread-local.
DataRow dataRow(AsmWriter &W, const DataFact &D,
                const std::string &TlsAccessor);

/// How a stub is bound and seen, as AsmWriter::stub takes them.
std::string bindingOf(tree Stub);
std::string visibilityOf(tree Stub);

/// Emits the accessor of each thread-local of \p Data; its name, or "".
std::vector<std::string> tlsAccessors(AsmWriter &W,
                                      const std::vector<DataFact> &Data);

/// Writes \p Rows under \p Label (aligned for them); the label, or "0"
/// when there are none.
template <typename Row>
std::string table(AsmWriter &W, const std::string &Label,
                  const std::vector<Row> &Rows) {
  if (Rows.empty())
    return "0";
  W.align(8);
  W.label(Label);
  for (const Row &R : Rows)
    writeRow(W, R);
  return Label;
}

} // namespace hotpatch_gcc

#endif
