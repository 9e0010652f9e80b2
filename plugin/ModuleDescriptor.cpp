//===- ModuleDescriptor.cpp - The module's registration with the runtime --===//
//
// Build mode emits what include/hotpatch_abi.h describes:
//   __hotpatch.functions   one struct hotpatch_function per instrumented
//                          function, with the content hash of its impl
//   __hotpatch.data        one struct hotpatch_data per global, static,
//                          static local, thread-local and named constant;
//                          thread-locals get an accessor V.hp.tls
//   __hotpatch.info        the same facts as text, in section hotpatch_info,
//                          for tools that read files (hcc inspect)
//   __hotpatch.module      the struct hotpatch_module tying them together
//   __hotpatch.ctor        a constructor passing it to the runtime, declared
//                          extern_weak so that objects link without it
//
//===----------------------------------------------------------------------===//
#include "DescriptorTables.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace hotpatch {

void emitModuleDescriptor(Module &M, const ModuleFacts &Facts) {
  DescriptorTables T(M);
  T.layOutStrings(Facts);
  std::vector<Constant *> Functions, Data;
  for (const auto *List : {&Facts.Functions, &Facts.Aliases})
    for (const FunctionFact &F : *List)
      Functions.push_back(T.functionRow(F, /*WithSlotAndStub=*/true));
  for (const DataFact &D : Facts.Data)
    Data.push_back(T.dataRow(D));

  // The fields struct hotpatch_patch shares (PatchModule.cpp) are set
  // alike: a mirror of the ABI, field for field.
  auto *Desc =
      T.descriptor(abi::Module{.abi_version = T.u32(HOTPATCH_ABI_VERSION),
                               .flags = T.u32(0),
                               .id = T.str(Facts.ModuleId),
                               .hash_lo = T.u64(Facts.ModuleHash.Lo),
                               .hash_hi = T.u64(Facts.ModuleHash.Hi),
                               .function_count = T.u32(Functions.size()),
                               .data_count = T.u32(Data.size()),
                               .functions = T.functionTable(Functions),
                               .data = T.dataTable(Data),
                               .info = T.info(Facts.infoText())}
                       .toConstant(M),
                   HOTPATCH_DESCRIPTOR_NAME);
  // Registration runs first (priority 0); the default-priority one runs
  // after every module of the executable or library has registered.
  T.constructor(HOTPATCH_CTOR_NAME, HOTPATCH_REGISTER_FN, Desc, /*Weak=*/true,
                /*Priority=*/0);
  T.constructor(HOTPATCH_READY_CTOR_NAME, HOTPATCH_READY_FN, nullptr,
                /*Weak=*/true, /*Priority=*/65535);
}

} // namespace hotpatch
