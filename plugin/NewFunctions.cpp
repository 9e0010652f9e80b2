//===- NewFunctions.cpp - Functions the plugin adds to a module -----------===//
//
// The plugin adds small functions of its own (the registering constructors,
// thread-local accessors, a patch's init function, a C++ patch's function
// of new initialisers).  The code generator compiles each function for the
// subtarget its attributes name ("target-cpu", "target-features"...), and
// sets up a subtarget for every new combination.  clang gives every
// function of a unit the same ones; a function without them (the command
// line's defaults, spelt otherwise) cost a second subtarget, whose set-up
// was most of what the two constructors added to every compile.  So new
// functions take those of the unit's functions that have clang's defaults.
//
//===----------------------------------------------------------------------===//
#include "Hotpatch.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace hotpatch {

/// What x86-64's code generator keys its subtargets by (the vector widths
/// too), as clang sets them on every definition; the first three in the
/// order of PluginConfig::DefaultTarget.
static constexpr const char *SubtargetKinds[] = {
    "target-cpu", "tune-cpu", "target-features", "min-legal-vector-width",
    "prefer-vector-width"};

UnitTarget::UnitTarget(const Module &M) {
  static_assert(std::tuple_size_v<Attributes> == std::size(SubtargetKinds));
  // Only what clang gives a function without a target attribute: the
  // plugin's functions run whatever the process runs, and a unit whose
  // functions all carry __attribute__((target("avx2"))) must not lend them
  // its features.  Under opt nothing is known: no attributes, as before.
  const auto &Default = pluginConfig().DefaultTarget;
  if (!Default)
    return;
  auto IsDefault = [&](const Attributes &Of) {
    for (size_t I = 0; I < Default->size(); ++I)
      if (Of[I].getValueAsString() != (*Default)[I])
        return false;
    return true;
  };
  // Of those, the vector widths most definitions have.
  SmallVector<std::pair<Attributes, unsigned>, 2> Counts;
  for (const Function &F : M) {
    if (F.isDeclaration())
      continue;
    Attributes Of;
    for (size_t I = 0; I < Of.size(); ++I)
      Of[I] = F.getFnAttribute(SubtargetKinds[I]);
    if (!IsDefault(Of))
      continue;
    auto *It = find_if(Counts, [&](const auto &C) { return C.first == Of; });
    if (It == Counts.end())
      Counts.push_back({Of, 1});
    else
      ++It->second;
  }
  unsigned Most = 0;
  for (const auto &[Of, Count] : Counts)
    if (Count > Most)
      std::tie(Common, Most) = std::tie(Of, Count);
}

Function *UnitTarget::createFunction(Module &M, FunctionType *Ty,
                                     const Twine &Name) const {
  auto *F = Function::Create(Ty, GlobalValue::InternalLinkage, Name, M);
  for (Attribute A : Common)
    if (A.isValid())
      F->addFnAttr(A);
  return F;
}

} // namespace hotpatch
