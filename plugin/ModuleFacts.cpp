//===- ModuleFacts.cpp - Collect and spell a module's functions and data --===//
#include "ModuleFacts.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

using namespace llvm;

namespace hotpatch {

std::string hex128(Hash128 H) {
  std::string S;
  raw_string_ostream(S) << format_hex_no_prefix(H.Hi, 16)
                        << format_hex_no_prefix(H.Lo, 16);
  return S;
}

bool parseHash128(StringRef Hex, Hash128 &H) {
  return Hex.size() == 32 && !Hex.take_front(16).getAsInteger(16, H.Hi) &&
         !Hex.drop_front(16).getAsInteger(16, H.Lo);
}

uint32_t linkageFlags(const GlobalValue &GV) {
  uint32_t Flags = 0;
  if (GV.hasLocalLinkage())
    Flags |= HOTPATCH_SYM_INTERNAL;
  if (GV.isWeakForLinker())
    Flags |= HOTPATCH_SYM_WEAK;
  if (GV.hasCommonLinkage())
    Flags |= HOTPATCH_SYM_COMMON;
  return Flags;
}

bool isHotpatchOrLLVMGlobal(const GlobalValue &GV) {
  StringRef Name = GV.getName();
  return Name.starts_with("llvm.") || Name.starts_with("__hotpatch") ||
         Name.contains(".hp.");
}

/// clang names a function-local static "function.variable" in C, and
/// mangles it as a local entity ("_ZZ<function>E<variable>") in C++.
/// Recorded at pipeline start: the owner may be deleted later
/// (DropInlined.cpp) while its statics stay.
void recordStaticLocals(Module &M) {
  MDNode *Mark = MDNode::get(M.getContext(), {});
  for (GlobalVariable &GV : M.globals()) {
    if (!GV.hasLocalLinkage() || GV.isDeclaration())
      continue;
    auto [Owner, Rest] = GV.getName().split('.');
    const Function *F = M.getFunction(Owner);
    if (GV.getName().starts_with("_ZZ") ||
        (!Rest.empty() && F && !F->isDeclaration()))
      GV.setMetadata(StaticLocalMetadataName, Mark);
  }
}

namespace {

hotpatch_data_kind dataKind(const GlobalVariable &GV) {
  if (GV.isThreadLocal())
    return HOTPATCH_DATA_TLS;
  if (GV.isConstant())
    return HOTPATCH_DATA_CONSTANT;
  if (!GV.hasLocalLinkage())
    return HOTPATCH_DATA_GLOBAL;
  return GV.getMetadata(StaticLocalMetadataName) ? HOTPATCH_DATA_STATIC_LOCAL
                                                 : HOTPATCH_DATA_STATIC;
}

Hash128 hashOfFacts(const ModuleFacts &Facts) {
  XXH3_state_t S;
  XXH3_128bits_reset(&S);
  auto Add = [&](const std::string &Line) {
    XXH3_128bits_update(&S, Line.data(), Line.size());
    XXH3_128bits_update(&S, "\n", 1);
  };
  Add(Facts.ModuleId);
  for (const auto *List : {&Facts.Functions, &Facts.Aliases})
    for (const FunctionFact &E : *List)
      Add(E.Id + " " + hex128(E.Hash));
  for (const DataFact &E : Facts.Data)
    Add(E.Id + " " + hotpatch_data_kind_word(E.Kind) + " " + utostr(E.Size) +
        " " + utohexstr(E.LayoutHash));
  XXH128_hash_t H = XXH3_128bits_digest(&S);
  return {H.low64, H.high64};
}

} // namespace

ModuleFacts ModuleFacts::collect(Module &M, StringRef ModuleId,
                                 const std::vector<InstrumentedFunction> &Fns) {
  ModuleFacts Facts;
  Facts.ModuleId = ModuleId.str();
  ContentHasher Hasher(M, ModuleId.str(), Fns);
  for (const InstrumentedFunction &F : Fns) {
    uint32_t Flags = linkageFlags(*F.Stub);
    if (F.Stub->isVarArg())
      Flags |= HOTPATCH_SYM_VARARGS;
    std::string Id = stableId(*F.Stub, ModuleId);
    // A function ClosurePass found unchanged has no body, or one not
    // optimised to the end: it is what it was.
    std::optional<Hash128> Carried = carriedFunctionHash(ModuleId, Id);
    Hash128 H = Carried ? *Carried : Hasher.hashFunction(*F.Impl);
    Facts.Functions.push_back(
        {F, std::move(Id), Flags, H, functionSignature(F.Stub->getName())});
  }
  DenseMap<const Function *, const FunctionFact *> FactOfStub;
  for (const FunctionFact &F : Facts.Functions)
    FactOfStub[F.F.Stub] = &F;
  for (GlobalAlias &GA : M.aliases()) {
    auto *Target = dyn_cast<Function>(GA.getAliasee()->stripPointerCasts());
    const FunctionFact *Of = Target ? FactOfStub.lookup(Target) : nullptr;
    if (Of && !isHotpatchOrLLVMGlobal(GA))
      Facts.Aliases.push_back(
          {Of->F, stableId(GA, ModuleId),
           linkageFlags(GA) | (Of->Flags & HOTPATCH_SYM_VARARGS), Of->Hash,
           Of->Signature});
  }
  for (GlobalVariable &GV : M.globals()) {
    // Private globals are anonymous literals: code carries them by content.
    if (GV.isDeclaration() || GV.hasPrivateLinkage() ||
        GV.hasAvailableExternallyLinkage() || isHotpatchOrLLVMGlobal(GV))
      continue;
    Facts.Data.push_back(
        {&GV, stableId(GV, ModuleId), dataKind(GV), linkageFlags(GV),
         M.getDataLayout().getTypeAllocSize(GV.getValueType()),
         Hasher.layoutHash(GV), typeSpelling(GV.getValueType())});
  }
  Facts.ModuleHash = hashOfFacts(Facts);
  return Facts;
}

std::string ModuleFacts::infoText() const {
  std::string Text;
  raw_string_ostream OS(Text);
  OS << HOTPATCH_INFO_MAGIC << ' ' << HOTPATCH_ABI_VERSION << ' '
     << hex128(ModuleHash) << ' ' << ModuleId << '\n';
  for (const auto *List : {&Functions, &Aliases})
    for (const FunctionFact &E : *List)
      OS << "function " << hex128(E.Hash) << ' ' << utohexstr(E.Flags, true)
         << ' ' << E.Id << '\n';
  for (const DataFact &E : Data)
    OS << "data " << hotpatch_data_kind_word(E.Kind) << ' ' << E.Size << ' '
       << format_hex_no_prefix(E.LayoutHash, 16) << ' '
       << utohexstr(E.Flags, true) << ' ' << E.Type << ' ' << E.Id << '\n';
  OS << "end\n";
  return Text;
}

} // namespace hotpatch
