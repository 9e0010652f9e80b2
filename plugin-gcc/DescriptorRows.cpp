//===- DescriptorRows.cpp - Rows of the structs of hotpatch_abi.h ---------===//
#include "DescriptorRows.h"

#include "diagnostic-core.h"

namespace hotpatch_gcc {
namespace {

// The natural layout of the kinds is the C layout of the structs.
constexpr size_t alignUp(size_t N, size_t A) {
  return (N + A - 1) / A * A;
}
#define HP_ADD_FIELD(kind, type, name)                                         \
  Size = alignUp(Size, HOTPATCH_KIND_SIZE_##kind) + HOTPATCH_KIND_SIZE_##kind;
#define HP_ROW_SIZE(FIELDS)                                                    \
  [] {                                                                         \
    size_t Size = 0;                                                           \
    FIELDS(HP_ADD_FIELD)                                                       \
    return alignUp(Size, 8);                                                   \
  }()
static_assert(HP_ROW_SIZE(HOTPATCH_FUNCTION_FIELDS) ==
              sizeof(hotpatch_function));
static_assert(HP_ROW_SIZE(HOTPATCH_DATA_FIELDS) == sizeof(hotpatch_data));
static_assert(HP_ROW_SIZE(HOTPATCH_MODULE_FIELDS) == sizeof(hotpatch_module));
static_assert(HP_ROW_SIZE(HOTPATCH_IMPORT_FIELDS) == sizeof(hotpatch_import));
static_assert(HP_ROW_SIZE(HOTPATCH_UPDATE_FIELDS) == sizeof(hotpatch_update));
static_assert(HP_ROW_SIZE(HOTPATCH_PATCH_FIELDS) == sizeof(hotpatch_patch));

} // namespace

#define HP_WRITE_FIELD(kind, type, name)                                       \
  if (Row.name.empty())                                                        \
    internal_error("hotpatch: field %qs of a row is not set", #name);          \
  W.field(HOTPATCH_KIND_SIZE_##kind, Row.name);
#define HP_DEFINE_WRITE_ROW(RowType, FIELDS)                                   \
  void writeRow(AsmWriter &W, const RowType &Row) {                            \
    FIELDS(HP_WRITE_FIELD)                                                     \
    W.align(8);                                                                \
  }
HP_DEFINE_WRITE_ROW(FunctionRow, HOTPATCH_FUNCTION_FIELDS)
HP_DEFINE_WRITE_ROW(DataRow, HOTPATCH_DATA_FIELDS)
HP_DEFINE_WRITE_ROW(ModuleRow, HOTPATCH_MODULE_FIELDS)
HP_DEFINE_WRITE_ROW(ImportRow, HOTPATCH_IMPORT_FIELDS)
HP_DEFINE_WRITE_ROW(UpdateRow, HOTPATCH_UPDATE_FIELDS)
HP_DEFINE_WRITE_ROW(PatchRow, HOTPATCH_PATCH_FIELDS)
#undef HP_DEFINE_WRITE_ROW
#undef HP_WRITE_FIELD

FunctionRow functionRow(AsmWriter &W, const FunctionEntry &E,
                        const std::string &ModuleId, bool WithSlotAndStub) {
  return {.id = W.stringLabel(functionId(E, ModuleId)),
          .slot = WithSlotAndStub ? symbolName(E.Of->Slot) : "0",
          .stub = WithSlotAndStub ? E.Of->Name : "0",
          .impl = symbolName(E.Of->Impl),
          .hash_lo = num(E.Of->Hash.Lo),
          .hash_hi = num(E.Of->Hash.Hi),
          .flags = num(E.Flags),
          .reserved = "0",
          // No C signature for hcc call yet: it refuses these functions,
          // saying so.
          .signature = "0"};
}

DataRow dataRow(AsmWriter &W, const DataFact &D,
                const std::string &TlsAccessor) {
  bool Tls = D.Kind == HOTPATCH_DATA_TLS;
  return {.id = W.stringLabel(D.Id),
          .address = Tls ? "0" : symbolName(D.Var),
          .tls_address = Tls ? TlsAccessor : "0",
          .size = num(D.Size),
          .layout_hash = num(D.LayoutHash),
          .kind = num(D.Kind),
          .flags = num(D.Flags),
          .type = W.stringLabel(D.Type)};
}

std::vector<std::string> tlsAccessors(AsmWriter &W,
                                      const std::vector<DataFact> &Data) {
  std::vector<std::string> Accessors;
  for (const DataFact &D : Data) {
    std::string Accessor;
    if (D.Kind == HOTPATCH_DATA_TLS) {
      Accessor = symbolName(D.Var) + HOTPATCH_TLS_SUFFIX;
      W.tlsAccessor(Accessor, symbolName(D.Var));
    }
    Accessors.push_back(Accessor);
  }
  return Accessors;
}

} // namespace hotpatch_gcc
