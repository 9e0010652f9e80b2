//===- ModuleEmitter.cpp - Stubs and the module's registration ------------===//
//
// At the end of the unit, when every function has been compiled and hashed
// (SlotCalls.cpp), appends to the assembly what plugin/ModuleDescriptor.cpp
// emits for clang, laid out by the field lists of include/hotpatch_abi.h:
//
//   F                      each stub (AsmWriter::stub); aliases of F
//                          point at it instead of at F.hp.impl
//   __hotpatch.functions   one struct hotpatch_function per function
//   __hotpatch.data        one struct hotpatch_data per global, static,
//                          static local, thread-local and named constant
//                          gcc emitted; thread-locals get an accessor V.hp.tls
//   __hotpatch.info        the same facts as text, in section hotpatch_info
//   __hotpatch.module      the struct hotpatch_module
//   __hotpatch.ctor        registers it (priority 0), __hotpatch.ready
//                          opens the control channel (default priority)
//
// Data entries spell their type from gcc's tree in LLVM's words (i32, ptr,
// [4xi32], struct.point{i64,i64,}) and hash it with size and alignment; the
// spelling of records follows their fields, not clang's padding, so layouts
// compare like with like: gcc build with gcc build.
//
//===----------------------------------------------------------------------===//
#include "AsmWriter.h"
#include "GccPlugin.h"
#include "hotpatch_abi.h"

#include "cgraph.h"
#include "output.h"
#include "diagnostic-core.h"
#include "stringpool.h"
#include <cinttypes>

#include "Hashing.h"

namespace hotpatch_gcc {
namespace {

// Rows with one assembler expression per field of hotpatch_abi.h, set by
// name; a field left empty is a plugin bug, caught when the row is written.
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
#undef HP_ROW_MEMBER

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

#define HP_WRITE_FIELD(kind, type, name)                                       \
  if (Row.name.empty())                                                        \
    internal_error("hotpatch: field %qs of a row is not set", #name);          \
  W.field(HOTPATCH_KIND_SIZE_##kind, Row.name);
void writeRow(AsmWriter &W, const FunctionRow &Row) {
  HOTPATCH_FUNCTION_FIELDS(HP_WRITE_FIELD)
  W.align(8);
}
void writeRow(AsmWriter &W, const DataRow &Row) {
  HOTPATCH_DATA_FIELDS(HP_WRITE_FIELD)
  W.align(8);
}
void writeRow(AsmWriter &W, const ModuleRow &Row) {
  HOTPATCH_MODULE_FIELDS(HP_WRITE_FIELD)
  W.align(8);
}
#undef HP_WRITE_FIELD

std::string num(uint64_t V) {
  return std::to_string(V);
}

std::string hex(uint64_t V, int Digits) {
  char Buf[17];
  snprintf(Buf, sizeof Buf, "%0*" PRIx64, Digits, V);
  return Buf;
}

std::string hex128(Hash128 H) {
  return hex(H.Hi, 16) + hex(H.Lo, 16);
}

std::string hexFlags(uint32_t Flags) {
  char Buf[9];
  snprintf(Buf, sizeof Buf, "%x", Flags);
  return Buf;
}

/// A type in LLVM's words, without spaces.
std::string typeSpelling(tree T) {
  switch (TREE_CODE(T)) {
  case INTEGER_TYPE:
  case ENUMERAL_TYPE:
  case BOOLEAN_TYPE: return "i" + num(tree_to_uhwi(TYPE_SIZE(T)));
  case REAL_TYPE:
    switch (TYPE_PRECISION(T)) {
    case 32: return "float";
    case 64: return "double";
    case 80: return "x86_fp80";
    default: return "fp" + num(TYPE_PRECISION(T));
    }
  case POINTER_TYPE:
  case REFERENCE_TYPE: return "ptr";
  case ARRAY_TYPE: {
    tree Elt = TREE_TYPE(T);
    uint64_t N = 0;
    if (TYPE_SIZE_UNIT(T) && tree_fits_uhwi_p(TYPE_SIZE_UNIT(T)) &&
        tree_to_uhwi(TYPE_SIZE_UNIT(Elt)) != 0)
      N = tree_to_uhwi(TYPE_SIZE_UNIT(T)) / tree_to_uhwi(TYPE_SIZE_UNIT(Elt));
    return "[" + num(N) + "x" + typeSpelling(Elt) + "]";
  }
  case RECORD_TYPE:
  case UNION_TYPE: {
    std::string S = TREE_CODE(T) == RECORD_TYPE ? "struct." : "union.";
    tree Name = TYPE_NAME(T);
    if (Name && TREE_CODE(Name) == TYPE_DECL)
      Name = DECL_NAME(Name);
    S += Name ? IDENTIFIER_POINTER(Name) : "anon";
    S += "{";
    for (tree F = TYPE_FIELDS(T); F; F = DECL_CHAIN(F))
      if (TREE_CODE(F) == FIELD_DECL)
        S += typeSpelling(TREE_TYPE(F)) + ",";
    return S + "}";
  }
  default: return get_tree_code_name(TREE_CODE(T));
  }
}

struct DataFact {
  tree Var;
  std::string Id, Type;
  hotpatch_data_kind Kind;
  uint32_t Flags;
  uint64_t Size, LayoutHash;
};

hotpatch_data_kind dataKind(tree D) {
  if (DECL_THREAD_LOCAL_P(D))
    return HOTPATCH_DATA_TLS;
  if (TREE_READONLY(D))
    return HOTPATCH_DATA_CONSTANT;
  if (TREE_PUBLIC(D))
    return HOTPATCH_DATA_GLOBAL;
  return DECL_CONTEXT(D) && TREE_CODE(DECL_CONTEXT(D)) == FUNCTION_DECL
             ? HOTPATCH_DATA_STATIC_LOCAL
             : HOTPATCH_DATA_STATIC;
}

/// Ids as the clang plugin spells them: a static local is
/// "<module-id>:function.variable".
std::string dataId(tree D, const std::string &ModuleId) {
  if (TREE_PUBLIC(D))
    return symbolName(D);
  std::string Name = IDENTIFIER_POINTER(DECL_NAME(D));
  tree Ctx = DECL_CONTEXT(D);
  if (Ctx && TREE_CODE(Ctx) == FUNCTION_DECL)
    Name = IDENTIFIER_POINTER(DECL_NAME(Ctx)) + ("." + Name);
  return ModuleId + ":" + Name;
}

std::vector<DataFact> collectData(const std::string &ModuleId) {
  std::vector<DataFact> Data;
  varpool_node *V;
  FOR_EACH_DEFINED_VARIABLE(V) {
    tree D = V->decl;
    if (!TREE_ASM_WRITTEN(D) || DECL_ARTIFICIAL(D) || !DECL_NAME(D) ||
        !DECL_SIZE_UNIT(D) || !tree_fits_uhwi_p(DECL_SIZE_UNIT(D)))
      continue;
    std::string Name = symbolName(D);
    if (Name.rfind("__hotpatch", 0) == 0 ||
        Name.find(".hp.") != std::string::npos)
      continue;
    DataFact F{D,
               dataId(D, ModuleId),
               typeSpelling(TREE_TYPE(D)),
               dataKind(D),
               0,
               tree_to_uhwi(DECL_SIZE_UNIT(D)),
               0};
    if (!TREE_PUBLIC(D))
      F.Flags |= HOTPATCH_SYM_INTERNAL;
    if (DECL_WEAK(D))
      F.Flags |= HOTPATCH_SYM_WEAK;
    if (DECL_COMMON(D))
      F.Flags |= HOTPATCH_SYM_COMMON;
    std::string Layout =
        F.Type + " " + num(F.Size) + " " + num(DECL_ALIGN_UNIT(D));
    F.LayoutHash = hash64(Layout);
    Data.push_back(std::move(F));
  }
  return Data;
}

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
std::string functionId(const FunctionEntry &E, const std::string &ModuleId) {
  return E.Flags & HOTPATCH_SYM_INTERNAL ? ModuleId + ":" + E.Name : E.Name;
}

/// Every emitted function, then every alias of one.  gcc emitted an alias
/// as its aliasee's body; emitModule points it at the stub.
std::vector<FunctionEntry> functionEntries() {
  std::vector<FunctionEntry> Entries;
  for (const Function &F : functions()) // an impl is emitted: its slot keeps it
    if (TREE_ASM_WRITTEN(F.Impl) && TREE_ASM_WRITTEN(F.Slot))
      Entries.push_back({&F, F.Name, F.Flags, false});
  size_t Functions = Entries.size();
  cgraph_node *Node;
  FOR_EACH_FUNCTION(Node) {
    if (!Node->alias || !TREE_ASM_WRITTEN(Node->decl))
      continue;
    const Function *Of = functionOf(Node->ultimate_alias_target()->decl);
    bool Emitted = false;
    for (size_t I = 0; I < Functions; ++I)
      Emitted |= Entries[I].Of == Of;
    if (!Of || !Emitted || Of->Impl != Node->ultimate_alias_target()->decl)
      continue;
    uint32_t Flags = Of->Flags & HOTPATCH_SYM_VARARGS;
    if (!TREE_PUBLIC(Node->decl))
      Flags |= HOTPATCH_SYM_INTERNAL;
    if (DECL_WEAK(Node->decl))
      Flags |= HOTPATCH_SYM_WEAK;
    Entries.push_back({Of, symbolName(Node->decl), Flags, true});
  }
  return Entries;
}

/// XXH3-128 over the lines the clang plugin hashes for its module.
Hash128 moduleHash(const std::string &ModuleId,
                   const std::vector<FunctionEntry> &Fns,
                   const std::vector<DataFact> &Data) {
  std::string Lines;
  auto Add = [&](const std::string &Line) { Lines += Line + "\n"; };
  Add(ModuleId);
  for (const FunctionEntry &E : Fns)
    Add(functionId(E, ModuleId) + " " + hex128(E.Of->Hash));
  for (const DataFact &D : Data)
    Add(D.Id + " " + hotpatch_data_kind_word(D.Kind) + " " + num(D.Size) + " " +
        hex(D.LayoutHash, 16));
  return hash128(Lines);
}

/// The HOTPATCH_INFO_SECTION block of hotpatch_abi.h.
std::string infoText(const std::string &ModuleId, Hash128 Hash,
                     const std::vector<FunctionEntry> &Fns,
                     const std::vector<DataFact> &Data) {
  std::string Text = std::string(HOTPATCH_INFO_MAGIC) + " " +
                     num(HOTPATCH_ABI_VERSION) + " " + hex128(Hash) + " " +
                     ModuleId + "\n";
  for (const FunctionEntry &E : Fns)
    Text += "function " + hex128(E.Of->Hash) + " " + hexFlags(E.Flags) + " " +
            functionId(E, ModuleId) + "\n";
  for (const DataFact &D : Data)
    Text += std::string("data ") + hotpatch_data_kind_word(D.Kind) + " " +
            num(D.Size) + " " + hex(D.LayoutHash, 16) + " " +
            hexFlags(D.Flags) + " " + D.Type + " " + D.Id + "\n";
  return Text + "end\n";
}

std::string bindingOf(tree Stub) {
  if (!TREE_PUBLIC(Stub))
    return "";
  return DECL_WEAK(Stub) ? "weak" : "globl";
}

std::string visibilityOf(tree Stub) {
  if (!TREE_PUBLIC(Stub))
    return "";
  switch (DECL_VISIBILITY(Stub)) {
  case VISIBILITY_HIDDEN: return "hidden";
  case VISIBILITY_PROTECTED: return "protected";
  case VISIBILITY_INTERNAL: return "internal";
  default: return "";
  }
}

} // namespace

void emitModule() {
  std::string ModuleId = moduleId();
  std::vector<FunctionEntry> Fns = functionEntries();
  std::vector<DataFact> Data = collectData(ModuleId);
  Hash128 Hash = moduleHash(ModuleId, Fns, Data);

  AsmWriter W(asm_out_file);
  for (const FunctionEntry &E : Fns)
    if (E.Alias)
      W.redirectAlias(E.Name, E.Of->Name);
    else
      W.stub(E.Name, symbolName(E.Of->Slot), bindingOf(E.Of->Stub),
             visibilityOf(E.Of->Stub));
  std::vector<std::string> TlsAccessors;
  for (const DataFact &D : Data) {
    std::string Accessor;
    if (D.Kind == HOTPATCH_DATA_TLS) {
      Accessor = symbolName(D.Var) + HOTPATCH_TLS_SUFFIX;
      W.tlsAccessor(Accessor, symbolName(D.Var));
    }
    TlsAccessors.push_back(Accessor);
  }

  // Strings first: rows may only hold their labels.
  std::vector<FunctionRow> FunctionRows;
  for (const FunctionEntry &E : Fns)
    FunctionRows.push_back({.id = W.stringLabel(functionId(E, ModuleId)),
                            .slot = symbolName(E.Of->Slot),
                            .stub = E.Of->Name,
                            .impl = symbolName(E.Of->Impl),
                            .hash_lo = num(E.Of->Hash.Lo),
                            .hash_hi = num(E.Of->Hash.Hi),
                            .flags = num(E.Flags),
                            .reserved = "0",
                            // No C signature for hcc call yet: it refuses
                            // these functions, saying so.
                            .signature = "0"});
  std::vector<DataRow> DataRows;
  for (size_t I = 0; I < Data.size(); ++I) {
    const DataFact &D = Data[I];
    bool Tls = D.Kind == HOTPATCH_DATA_TLS;
    DataRows.push_back({.id = W.stringLabel(D.Id),
                        .address = Tls ? "0" : symbolName(D.Var),
                        .tls_address = Tls ? TlsAccessors[I] : "0",
                        .size = num(D.Size),
                        .layout_hash = num(D.LayoutHash),
                        .kind = num(D.Kind),
                        .flags = num(D.Flags),
                        .type = W.stringLabel(D.Type)});
  }
  std::string IdLabel = W.stringLabel(ModuleId);

  W.section(HOTPATCH_INFO_SECTION);
  W.label(HOTPATCH_INFO_NAME);
  W.string(infoText(ModuleId, Hash, Fns, Data));

  W.relroSection();
  W.align(8);
  W.label("__hotpatch.functions");
  for (const FunctionRow &R : FunctionRows)
    writeRow(W, R);
  W.label("__hotpatch.data");
  for (const DataRow &R : DataRows)
    writeRow(W, R);
  W.label(HOTPATCH_DESCRIPTOR_NAME);
  writeRow(W, ModuleRow{.abi_version = num(HOTPATCH_ABI_VERSION),
                        .flags = "0",
                        .id = IdLabel,
                        .hash_lo = num(Hash.Lo),
                        .hash_hi = num(Hash.Hi),
                        .function_count = num(FunctionRows.size()),
                        .data_count = num(DataRows.size()),
                        .functions =
                            FunctionRows.empty() ? "0" : "__hotpatch.functions",
                        .data = DataRows.empty() ? "0" : "__hotpatch.data",
                        .info = HOTPATCH_INFO_NAME});

  // Registration first (priority 0); the default-priority one runs after
  // every module of the executable or library has registered.
  W.constructor(HOTPATCH_CTOR_NAME, HOTPATCH_REGISTER_FN,
                HOTPATCH_DESCRIPTOR_NAME, 0);
  W.constructor(HOTPATCH_READY_CTOR_NAME, HOTPATCH_READY_FN, "", 65535);
}

} // namespace hotpatch_gcc
