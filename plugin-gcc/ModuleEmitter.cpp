//===- ModuleEmitter.cpp - Stubs and the module's registration ------------===//
//
// At the end of the unit, when every function has been compiled and hashed
// (SlotCalls.cpp), appends to the assembly what plugin/ModuleDescriptor.cpp
// emits for clang, laid out by the field lists of include/hotpatch_abi.h
// (DescriptorRows.h), from the facts of ModuleFacts.h:
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
//===----------------------------------------------------------------------===//
#include "DescriptorRows.h"

#include "output.h"

namespace hotpatch_gcc {

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
             visibilityOf(E.Of->Stub), spreadsStub(*E.Of));
  std::vector<std::string> TlsAccessors = tlsAccessors(W, Data);

  // Strings first: rows may only hold their labels.
  std::vector<FunctionRow> FunctionRows;
  for (const FunctionEntry &E : Fns)
    FunctionRows.push_back(functionRow(W, E, ModuleId, true));
  std::vector<DataRow> DataRows;
  for (size_t I = 0; I < Data.size(); ++I)
    DataRows.push_back(dataRow(W, Data[I], TlsAccessors[I]));
  std::string IdLabel = W.stringLabel(ModuleId);

  W.section(HOTPATCH_INFO_SECTION);
  W.label(HOTPATCH_INFO_NAME);
  W.string(infoText(ModuleId, Hash, Fns, Data));

  W.relroSection();
  std::string Functions = table(W, "__hotpatch.functions", FunctionRows);
  std::string DataTable = table(W, "__hotpatch.data", DataRows);
  W.align(8);
  W.label(HOTPATCH_DESCRIPTOR_NAME);
  // The fields struct hotpatch_patch shares (PatchEmitter.cpp) are set
  // alike: a mirror of the ABI, field for field.
  writeRow(W, ModuleRow{.abi_version = num(HOTPATCH_ABI_VERSION),
                        .flags = "0",
                        .id = IdLabel,
                        .hash_lo = num(Hash.Lo),
                        .hash_hi = num(Hash.Hi),
                        .function_count = num(FunctionRows.size()),
                        .data_count = num(DataRows.size()),
                        .functions = Functions,
                        .data = DataTable,
                        .info = HOTPATCH_INFO_NAME});

  // Registration first (priority 0); the default-priority one runs after
  // every module of the executable or library has registered.
  W.constructor(HOTPATCH_CTOR_NAME, HOTPATCH_REGISTER_FN,
                HOTPATCH_DESCRIPTOR_NAME, 0);
  W.constructor(HOTPATCH_READY_CTOR_NAME, HOTPATCH_READY_FN, "", 65535);
}

} // namespace hotpatch_gcc
