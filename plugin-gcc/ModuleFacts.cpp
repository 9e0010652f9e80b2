//===- ModuleFacts.cpp - What a unit defines, as descriptors describe it --===//
//
// Data entries spell their type from gcc's tree in LLVM's words (i32, ptr,
// [4xi32], struct.point{i64,i64,}) and hash it with size and alignment; the
// spelling of records follows their fields, not clang's padding, so layouts
// compare like with like: gcc build with gcc build.  A constant's layout
// hash includes its content, as the clang plugin's does.
//
//===----------------------------------------------------------------------===//
#include "ModuleFacts.h"

#include "cgraph.h"
#include "stringpool.h"
#include "tree-pretty-print.h"
#include <cinttypes>
#include <cstdio>
#include <map>
#include <set>

#include "Hashing.h"

namespace hotpatch_gcc {
namespace {

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

/// Each noted constant's own initialiser, hashed.
std::map<tree, uint64_t> &contents() {
  static std::map<tree, uint64_t> Contents;
  return Contents;
}

/// What constantContent() found for constants whose walk met no cycle;
/// forgotten when a constant is noted, which may complete a walk.
std::map<tree, uint64_t> &closedContents() {
  static std::map<tree, uint64_t> Closed;
  return Closed;
}

tree noteReferencedConstant(tree *T, int *WalkSubtrees, void *Refs) {
  if (TYPE_P(*T)) {
    *WalkSubtrees = 0;
    return NULL_TREE;
  }
  if (VAR_P(*T) && TREE_STATIC(*T) && TREE_READONLY(*T))
    static_cast<std::vector<tree> *>(Refs)->push_back(*T);
  return NULL_TREE;
}

/// \p D's own content and, in the order its initialiser names them, that of
/// the constants it points at (`&ring_b`), as the clang plugin folds them
/// in: gcc prints a pointed-at constant by name, so an edit of `ring_b`
/// alone would leave unchanged a function that reaches it through `ring_a`.
uint64_t closedContent(tree D, std::set<tree> &InProgress, bool &MetCycle) {
  auto Own = contents().find(D);
  if (Own == contents().end())
    return 0;
  auto Known = closedContents().find(D);
  if (Known != closedContents().end())
    return Known->second;
  std::vector<tree> Refs;
  walk_tree(&DECL_INITIAL(D), noteReferencedConstant, &Refs, nullptr);
  if (Refs.empty())
    return Own->second; // what it always was: hashes of earlier builds hold
  std::string Key = hex(Own->second, 16);
  InProgress.insert(D);
  bool Cycle = false;
  for (tree R : Refs) {
    if (InProgress.count(R)) {
      Key += " cycle"; // depends on where the walk began: not kept
      Cycle = true;
      continue;
    }
    if (!contents().count(R))
      noteConstantContent(R);
    Key += " " + hex(closedContent(R, InProgress, Cycle), 16);
  }
  InProgress.erase(D);
  uint64_t Closed = hash64(Key) | 1;
  if (!Cycle)
    closedContents()[D] = Closed;
  MetCycle |= Cycle;
  return Closed;
}

} // namespace

void noteConstantContent(tree D) {
  if (!TREE_READONLY(D) || DECL_EXTERNAL(D) || !DECL_INITIAL(D) ||
      DECL_INITIAL(D) == error_mark_node)
    return;
  char *Text = nullptr;
  size_t Size = 0;
  FILE *Out = open_memstream(&Text, &Size);
  print_generic_expr(Out, DECL_INITIAL(D), TDF_NOUID);
  fclose(Out);
  contents()[D] = hash64(std::string(Text, Size)) | 1; // never 0
  closedContents().clear();
  free(Text);
}

bool constantNoted(tree D) {
  return contents().count(D) != 0;
}

uint64_t constantContent(tree D) {
  std::set<tree> InProgress;
  bool MetCycle = false;
  return closedContent(D, InProgress, MetCycle);
}

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

/// The alignment the source gave `D`: gcc raises a large object's alignment
/// when it emits it (DATA_ALIGNMENT), which a patch that only imports the
/// object never does, so the raised value would make every patch see a
/// changed layout.  A patch reaches such an object through its import cell,
/// a pointer, and assumes no more than this.
static unsigned declaredAlign(tree D) {
  return DECL_USER_ALIGN(D) ? DECL_ALIGN_UNIT(D)
                            : TYPE_ALIGN_UNIT(TREE_TYPE(D));
}

std::optional<DataFact> dataFact(tree D, const std::string &ModuleId) {
  if (DECL_ARTIFICIAL(D) || !DECL_NAME(D) || !DECL_SIZE_UNIT(D) ||
      !tree_fits_uhwi_p(DECL_SIZE_UNIT(D)))
    return std::nullopt;
  std::string Name = symbolName(D);
  if (Name.rfind("__hotpatch", 0) == 0 ||
      Name.find(".hp.") != std::string::npos)
    return std::nullopt;
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
  std::string Layout = F.Type + " " + num(F.Size) + " " + num(declaredAlign(D));
  if (uint64_t Content = constantContent(D)) // other units read it in place
    Layout += " " + hex(Content, 16);
  F.LayoutHash = hash64(Layout);
  return F;
}

std::vector<DataFact> collectData(const std::string &ModuleId) {
  std::vector<DataFact> Data;
  varpool_node *V;
  FOR_EACH_DEFINED_VARIABLE(V) {
    if (!TREE_ASM_WRITTEN(V->decl))
      continue;
    if (std::optional<DataFact> F = dataFact(V->decl, ModuleId))
      Data.push_back(std::move(*F));
  }
  return Data;
}

std::string functionId(const FunctionEntry &E, const std::string &ModuleId) {
  return E.Flags & HOTPATCH_SYM_INTERNAL ? ModuleId + ":" + E.Name : E.Name;
}

std::string functionId(const Function &F) {
  return functionId({&F, F.Name, F.Flags, false}, moduleId());
}

/// Every compiled function, then every alias of one.  gcc emitted an alias
/// as its aliasee's body; the emitters point it at the stub.
std::vector<FunctionEntry> functionEntries() {
  std::vector<FunctionEntry> Entries;
  for (const Function &F : functions()) // hashed: it went through gcc
    if (F.Hashed && TREE_ASM_WRITTEN(F.Impl))
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

} // namespace hotpatch_gcc
