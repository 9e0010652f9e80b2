//===- StableIds.cpp - Names that survive recompilation -------------------===//
//
// A stable id names a function or global the same way in the running program
// and in every later patch: external symbols by their name, local ones
// (static functions, static globals, function-local statics, which clang
// names "function.variable") by module id and name.
//
//===----------------------------------------------------------------------===//
#include "Hotpatch.h"
#include "hotpatch_abi.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace hotpatch {

std::string stableId(const GlobalValue &GV, StringRef ModuleId) {
  if (!GV.hasLocalLinkage())
    return GV.getName().str();
  return (ModuleId + ":" + GV.getName()).str();
}

StringRef sourceName(StringRef Name) {
  Name.consume_back(HOTPATCH_IMPL_SUFFIX);
  return Name;
}

std::vector<InstrumentedFunction> instrumentedFunctions(Module &M) {
  std::vector<InstrumentedFunction> Result;
  NamedMDNode *List = M.getNamedMetadata(FunctionsMetadataName);
  if (!List)
    return Result;
  for (MDNode *Entry : List->operands()) {
    auto Part = [&](unsigned I) -> GlobalValue * {
      if (Entry->getNumOperands() <= I)
        return nullptr;
      auto *V = dyn_cast_or_null<ValueAsMetadata>(Entry->getOperand(I).get());
      return V ? dyn_cast<GlobalValue>(V->getValue()) : nullptr;
    };
    auto *Stub = dyn_cast_or_null<Function>(Part(0));
    auto *Impl = dyn_cast_or_null<Function>(Part(1));
    auto *Slot = dyn_cast_or_null<GlobalVariable>(Part(2));
    if (Stub && Impl && Slot)
      Result.push_back({Stub, Impl, Slot});
  }
  return Result;
}

} // namespace hotpatch
