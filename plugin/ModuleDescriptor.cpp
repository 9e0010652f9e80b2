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
  std::vector<Constant *> Functions, Data;
  for (const auto *List : {&Facts.Functions, &Facts.Aliases})
    for (const FunctionFact &F : *List)
      Functions.push_back(T.functionRow(F, /*WithSlotAndStub=*/true));
  for (const DataFact &D : Facts.Data)
    Data.push_back(T.dataRow(D));

  PointerType *Ptr = T.ptrTy();
  IntegerType *I32 = T.i32Ty(), *I64 = T.i64Ty();
  // struct hotpatch_module
  auto *Ty = StructType::get(M.getContext(), {I32, I32, Ptr, I64, I64, I32,
                                              I32, Ptr, Ptr, Ptr});
  auto *Init = ConstantStruct::get(
      Ty, {ConstantInt::get(I32, HOTPATCH_ABI_VERSION), ConstantInt::get(I32, 0),
           T.cString(Facts.ModuleId), ConstantInt::get(I64, Facts.ModuleHash.Lo),
           ConstantInt::get(I64, Facts.ModuleHash.Hi),
           ConstantInt::get(I32, Functions.size()),
           ConstantInt::get(I32, Data.size()),
           T.table(Functions, T.functionRowTy(), "__hotpatch.functions"),
           T.table(Data, T.dataRowTy(), "__hotpatch.data"),
           T.info(Facts.infoText())});
  auto *Desc = new GlobalVariable(M, Ty, true, GlobalValue::InternalLinkage,
                                  Init, HOTPATCH_DESCRIPTOR_NAME);
  // Registration runs first (priority 0); the default-priority one runs
  // after every module of the executable or library has registered.
  T.constructor(HOTPATCH_CTOR_NAME, HOTPATCH_REGISTER_FN, Desc, /*Weak=*/true,
                /*Priority=*/0);
  T.constructor(HOTPATCH_READY_CTOR_NAME, HOTPATCH_READY_FN, nullptr,
                /*Weak=*/true, /*Priority=*/65535);
}

} // namespace hotpatch
