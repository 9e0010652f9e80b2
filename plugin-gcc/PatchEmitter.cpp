//===- PatchEmitter.cpp - The patch descriptor (patch mode) ---------------===//
//
// At the end of a patch compile, instead of the module descriptor, appends
// what plugin/PatchModule.cpp's emitDescriptor emits for clang:
//
//   F                      stubs of new functions only (hidden: a patch
//                          exports nothing; .hidden for every definition;
//                          .weak for what unused copies of data name)
//   __hotpatch.import.N    the import cells, zero until the runtime fills them
//   __hotpatch.functions   changed functions (no slot or stub: the runtime
//                          publishes them into the process's) and new ones
//   __hotpatch.data        new globals, static locals and thread-locals
//   __hotpatch.imports     one struct hotpatch_import per cell
//   __hotpatch.updates     external constants whose content changed
//   __hotpatch.patch       the struct hotpatch_patch, with the module info
//                          text of the module as patched
//   __hotpatch.patch_init  stores what initialisers hold of the process
//                          (PatchInit.cpp), once the cells are filled, then
//                          calls the new constructors (takeConstructor)
//   __hotpatch.ctor        hands it to the runtime during dlopen
//   hotpatch_patch         the summary hcc reads (changed, new, new-data,
//                          update, removed); hotpatch_target: the program's
//                          build-id
//
//===----------------------------------------------------------------------===//
#include "DescriptorRows.h"
#include "PatchMode.h"

#include "cgraph.h"
#include "output.h"
#include <set>

namespace hotpatch_gcc {
namespace {

bool changed(const Function &F) {
  auto It = baseline().ModuleFunctions.find(functionId(F));
  return existing(F) &&
         (It == baseline().ModuleFunctions.end() ||
          It->second.Lo != F.Hash.Lo || It->second.Hi != F.Hash.Hi);
}

/// A patch exports nothing: what it defines is reached through its
/// descriptor, and must not interpose on the program's symbols.
void hideDefinitions(AsmWriter &W) {
  cgraph_node *Fn;
  FOR_EACH_DEFINED_FUNCTION(Fn)
  if (TREE_PUBLIC(Fn->decl) && TREE_ASM_WRITTEN(Fn->decl) &&
      !functionOf(Fn->decl))
    W.hide(symbolName(Fn->decl));
  varpool_node *V;
  FOR_EACH_DEFINED_VARIABLE(V)
  if (TREE_PUBLIC(V->decl) && TREE_ASM_WRITTEN(V->decl))
    W.hide(symbolName(V->decl));
}

std::string summary(const std::string &ModuleId,
                    const std::vector<FunctionEntry> &Fns,
                    const std::vector<DataFact> &NewData) {
  std::string Text = std::string(HOTPATCH_PATCH_MAGIC) + " " +
                     num(HOTPATCH_ABI_VERSION) + " " + ModuleId + "\n";
  std::set<std::string> Defined;
  for (const FunctionEntry &E : Fns) {
    Defined.insert(functionId(E, ModuleId));
    if (!E.Alias && changed(*E.Of))
      Text += "changed " + functionId(E, ModuleId) + "\n";
  }
  for (const FunctionEntry &E : Fns)
    if (!E.Alias && !existing(*E.Of))
      Text += "new " + functionId(E, ModuleId) + "\n";
  for (const DataFact &D : NewData)
    Text += "new-data " + D.Id + "\n";
  for (const Update &U : updates())
    Text += "update " + U.Target->Id + "\n";
  for (const auto &[Id, Hash] : baseline().ModuleFunctions) // sorted
    if (!Defined.count(Id))
      Text += "removed " + Id + "\n";
  return Text + "end\n";
}

} // namespace

void emitPatch() {
  std::string ModuleId = moduleId();
  std::vector<FunctionEntry> Fns = functionEntries();
  std::vector<DataFact> Data = collectData(ModuleId);
  Hash128 Hash = moduleHash(ModuleId, Fns, Data);
  std::vector<DataFact> NewData;
  for (const DataFact &D : Data)
    if (D.Kind != HOTPATCH_DATA_CONSTANT && !processHasState(D.Id))
      NewData.push_back(D);

  AsmWriter W(asm_out_file);
  for (const FunctionEntry &E : Fns) {
    if (existing(*E.Of))
      continue;
    if (E.Alias)
      W.redirectAlias(E.Name, E.Of->Name);
    else
      W.stub(E.Name, symbolName(E.Of->Slot), bindingOf(E.Of->Stub),
             TREE_PUBLIC(E.Of->Stub) ? "hidden" : "", spreadsStub(*E.Of));
  }
  hideDefinitions(W);
  for (const std::string &Name : unusedCopiesName())
    W.weak(Name);
  std::vector<std::string> TlsAccessors = tlsAccessors(W, NewData);
  std::string Init = "0";
  std::vector<std::string> Constructors;
  for (const Function *F : newConstructors())
    Constructors.push_back(symbolName(F->Stub));
  if (!initStores().empty() || !Constructors.empty()) {
    std::vector<AsmWriter::AddressStore> Stores;
    for (const InitStore &S : initStores())
      if (TREE_ASM_WRITTEN(S.Var)) // else no code of the patch reads it
        Stores.push_back(
            {symbolName(S.Var), S.Offset, symbolName(S.From->Cell), S.Addend});
    Init = HOTPATCH_PATCH_INIT_NAME;
    W.initFunction(Init, Stores, Constructors);
  }
  W.importSection();
  W.align(8);
  for (const Import &I : imports()) {
    W.label(symbolName(I.Cell));
    W.field(8, "0");
  }

  // Strings first: rows may only hold their labels.
  std::vector<FunctionRow> FunctionRows;
  for (const FunctionEntry &E : Fns)
    if (changed(*E.Of) || !existing(*E.Of))
      FunctionRows.push_back(functionRow(W, E, ModuleId, !existing(*E.Of)));
  std::vector<DataRow> DataRows;
  for (size_t I = 0; I < NewData.size(); ++I)
    DataRows.push_back(dataRow(W, NewData[I], TlsAccessors[I]));
  std::vector<ImportRow> ImportRows;
  for (const Import &I : imports())
    ImportRows.push_back({.id = W.stringLabel(I.Id),
                          .cell = symbolName(I.Cell),
                          .layout_hash = num(I.LayoutHash),
                          .size = num(I.Size),
                          .kind = num(I.Kind),
                          .flags = num(I.Flags)});
  std::vector<UpdateRow> UpdateRows;
  for (const Update &U : updates())
    UpdateRows.push_back(
        {.target_cell = symbolName(U.Target->Cell),
         .content = symbolName(U.Content),
         .size = num(tree_to_uhwi(DECL_SIZE_UNIT(U.Content)))});
  std::string IdLabel = W.stringLabel(ModuleId);

  W.section(HOTPATCH_INFO_SECTION);
  W.label(HOTPATCH_INFO_NAME);
  W.string(infoText(ModuleId, Hash, Fns, Data));
  W.section(HOTPATCH_PATCH_SECTION);
  W.string(summary(ModuleId, Fns, NewData));
  if (!config().Target.empty()) {
    W.section(HOTPATCH_TARGET_SECTION);
    W.string(config().Target + "\n");
  }

  W.relroSection();
  std::string Functions = table(W, "__hotpatch.functions", FunctionRows);
  std::string DataTable = table(W, "__hotpatch.data", DataRows);
  std::string Imports = table(W, "__hotpatch.imports", ImportRows);
  std::string Updates = table(W, "__hotpatch.updates", UpdateRows);
  W.align(8);
  W.label(HOTPATCH_PATCH_NAME);
  // The fields struct hotpatch_module shares (ModuleEmitter.cpp) are set
  // alike: a mirror of the ABI, field for field.
  writeRow(W, PatchRow{.abi_version = num(HOTPATCH_ABI_VERSION),
                       .flags = "0",
                       .module_id = IdLabel,
                       .hash_lo = num(Hash.Lo),
                       .hash_hi = num(Hash.Hi),
                       .function_count = num(FunctionRows.size()),
                       .data_count = num(DataRows.size()),
                       .import_count = num(ImportRows.size()),
                       .reserved = "0",
                       .functions = Functions,
                       .data = DataTable,
                       .imports = Imports,
                       .init = Init,
                       .info = HOTPATCH_INFO_NAME,
                       .update_count = num(UpdateRows.size()),
                       .reserved2 = "0",
                       .updates = Updates});
  W.constructor(HOTPATCH_CTOR_NAME, HOTPATCH_REGISTER_PATCH_FN,
                HOTPATCH_PATCH_NAME, 0);
}

} // namespace hotpatch_gcc
