//===- JumpStubs.cpp - Stubs as one jump, for the code generator ---------===//
//
// Through the optimiser a stub is IR: a musttail call of what its slot holds
// (Instrument.cpp), which every pass understands.  For the code generator
// that shape is expensive: a tail call makes the fast instruction selector
// give up, so every stub goes through SelectionDAG, and a module has as many
// stubs as functions (at -O0 the stubs were about a fifth of SQLite's whole
// compile).  Once the optimiser is done (FinalizePass, build mode), a stub on
// x86-64 ELF becomes what that call compiles to anyway, `jmpq
// *F.hp.slot(%rip)`, in one of two forms:
//
//   the stub block: one piece of module-level assembly defining every stub
//   of the module, each with F's name, binding, visibility, section (its
//   COMDAT group) and unwind entry; F itself becomes a declaration.  The
//   code generator then has no function to compile per stub, and the
//   assembler is set up once per module instead of once per stub.
//
//   a naked function, for the stubs the block cannot state exactly (an
//   alias or ifunc names the stub, an explicit section or partition,
//   `retain`, a local alias under -fPIC, names the assembler cannot read)
//   and for modules bound for LTO, whose link renames local symbols that
//   assembly text would name; or when the switch stub-block=0 says so:
//
//     define ... @F(...) naked {   ; same name, type, linkage, visibility
//       call void asm sideeffect "jmpq *${0:P}(%rip)", "i"(ptr @F.hp.slot)
//       unreachable
//     }
//
// A plain load is an acquire load on x86-64.  Stubs stay IR calls where that
// jump would not be what the user asked for: other targets and code models,
// indirect-branch hardening (retpoline, LVI, SLS), IBT or KCFI checks,
// sanitizers, and entry instrumentation (mcount, fentry, patchable entries,
// XRay).  Patch mode keeps IR stubs: it has few, and rewrites the module.
//
//===----------------------------------------------------------------------===//
#include "Hotpatch.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/Mangler.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/TargetParser/Triple.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"

using namespace llvm;

namespace hotpatch {
namespace {

bool moduleAllowsJumpStubs(const Module &M) {
  Triple T(M.getTargetTriple());
  if (T.getArch() != Triple::x86_64 || !T.isOSBinFormatELF())
    return false;
  if (std::optional<CodeModel::Model> CM = M.getCodeModel())
    if (*CM != CodeModel::Small)
      return false;
  for (StringRef Flag :
       {"cf-protection-branch", "kcfi", "indirect_branch_cs_prefix"})
    if (auto *V = mdconst::extract_or_null<ConstantInt>(M.getModuleFlag(Flag)))
      if (!V->isZero())
        return false;
  return true;
}

bool stubAllowsJump(const Function &Stub) {
  if (Stub.hasPrefixData() || Stub.hasPrologueData() ||
      Stub.hasPersonalityFn() || Stub.empty())
    return false;
  // Sanitizers see the slot load of an IR stub (TSan: the acquire) and
  // leave naked functions alone.
  if (isSanitized(Stub))
    return false;
  for (StringRef Attr :
       {"patchable-function-entry", "patchable-function-prefix",
        "patchable-function", "fentry-call", "instrument-function-entry",
        "instrument-function-entry-inlined", "instrument-function-exit",
        "instrument-function-exit-inlined", "function-instrument",
        "xray-instruction-threshold", "xray-log-args"})
    if (Stub.hasFnAttribute(Attr))
      return false;
  StringRef Features =
      Stub.getFnAttribute("target-features").getValueAsString();
  for (StringRef Hardening : {"+retpoline", "+lvi", "+harden-sls"})
    if (Features.contains(Hardening))
      return false;
  return true;
}

/// Where a stub starts.  Its 6 bytes would fit in 16, but with two stubs
/// to a 32-byte block a handler called through a table of function
/// pointers ran 1.17x the time of plain clang's build on an AMD Zen 3
/// (bench/micro/dispatch.c), with a block each 1.08x (64 bytes apart: the
/// same): the branch predictor apparently serves one taken jump per fetch
/// block well.  A function the user asked to be small, or the switch
/// spread-stubs=0, keeps them 16 bytes apart.
Align stubAlignment(const Function &Stub) {
  bool Spread = pluginConfig().SpreadStubs && !Stub.hasOptSize();
  Align Preferred = Spread ? Align(32) : Align(16);
  return std::max(Preferred, Stub.getAlign().valueOrOne());
}

void lowerStub(Function &Stub, GlobalVariable &Slot) {
  LLVMContext &Ctx = Stub.getContext();
  Stub.dropAllReferences(); // the body; linkage and attributes stay
  Stub.addFnAttr(Attribute::Naked);
  Stub.addFnAttr(Attribute::NoInline);
  Stub.setAlignment(stubAlignment(Stub));
  IRBuilder<> B(BasicBlock::Create(Ctx, "entry", &Stub));
  auto *AsmTy = FunctionType::get(Type::getVoidTy(Ctx), {Slot.getType()},
                                  /*isVarArg=*/false);
  B.CreateCall(InlineAsm::get(AsmTy, "jmpq *${0:P}(%rip)", "i",
                              /*hasSideEffects=*/true),
               {&Slot});
  B.CreateUnreachable();
}

/// clang -flto and -flto=thin mark the modules they hand to the linker.
bool moduleIsForLTO(const Module &M) {
  return M.getModuleFlag("ThinLTO") || M.getModuleFlag("EnableSplitLTOUnit");
}

/// Whether the assembler reads \p Name as one symbol without quotes (a
/// leading `$` would be an immediate, a digit a number).
bool isBareName(StringRef Name) {
  if (Name.empty() || isDigit(Name.front()) || Name.front() == '$')
    return false;
  return all_of(Name, [](char C) {
    return isAlnum(C) || C == '_' || C == '.' || C == '$';
  });
}

/// Whether \p Name can be written at all: the assembler takes a quoted
/// name verbatim, without escapes.
bool isWritableName(StringRef Name) {
  return !Name.empty() && all_of(Name, [](char C) {
    return isPrint(C) && C != '"' && C != '\\';
  });
}

/// The one piece of module-level assembly that defines the stubs.
class StubBlock {
public:
  explicit StubBlock(Module &M)
      : M(M), HasDebugInfo(!M.debug_compile_units().empty()), OS(Text) {
    for (const GlobalAlias &GA : M.aliases())
      Named.insert(GA.getAliaseeObject());
    for (const GlobalIFunc &GI : M.ifuncs())
      Named.insert(GI.getResolverFunction());
    SmallVector<GlobalValue *, 8> Retained;
    collectUsedGlobalVariables(M, Retained, /*CompilerUsed=*/false);
    Named.insert(Retained.begin(), Retained.end());
  }

  /// Whether the block states \p Stub exactly as the code generator would
  /// have emitted the function.
  bool fits(const Function &Stub, const GlobalVariable &Slot) const {
    if (Named.contains(&Stub) || Stub.hasSection() || Stub.hasPartition())
      return false;
    if (!Stub.hasExternalLinkage() && !Stub.hasLinkOnceLinkage() &&
        !Stub.hasWeakLinkage() && !Stub.hasInternalLinkage())
      return false;
    // A local COMDAT member: its group is not the stub's to state.
    if (Stub.hasComdat() && Stub.hasLocalLinkage())
      return false;
    // Under -fPIC the code generator refers to such a function through a
    // local alias (F$local), which a declaration does not get.
    if (Stub.canBenefitFromLocalAlias() &&
        M.getPICLevel() != PICLevel::NotPIC &&
        M.getPIELevel() == PIELevel::Default)
      return false;
    return isWritableName(symbol(Stub)) && isWritableName(symbol(Slot)) &&
           (!Stub.hasComdat() || isWritableName(Stub.getComdat()->getName()));
  }

  /// Defines \p Stub in the block and leaves the IR only its declaration.
  void add(Function &Stub, const GlobalVariable &Slot) {
    std::string Name = asmName(symbol(Stub));
    std::string Section = section(Stub);
    // Subsection 1: after the module's functions in .text, where the
    // naked stubs were (debuggers number a breakpoint's locations by
    // address: the body's comes first).
    if (Section != LastSection)
      OS << "\t.section " << Section << "\n\t.subsection 1\n";
    LastSection = std::move(Section);
    OS << "\t.p2align " << Log2(stubAlignment(Stub)) << "\n";
    if (Stub.hasExternalLinkage())
      OS << "\t.globl " << Name << "\n";
    else if (!Stub.hasLocalLinkage())
      OS << "\t.weak " << Name << "\n";
    if (Stub.hasHiddenVisibility())
      OS << "\t.hidden " << Name << "\n";
    else if (Stub.hasProtectedVisibility())
      OS << "\t.protected " << Name << "\n";
    OS << "\t.type " << Name << ",@function\n" << Name << ":\n";
    // The unwind entry the code generator gives every function: in
    // .eh_frame, or in .debug_frame for debug information.
    bool Unwind = Stub.needsUnwindTableEntry() || HasDebugInfo;
    if (Unwind)
      OS << "\t.cfi_startproc\n";
    OS << "\tjmpq *" << asmName(symbol(Slot)) << "(%rip)\n";
    if (Unwind)
      OS << "\t.cfi_endproc\n";
    OS << "\t.size " << Name << ", .-" << Name << "\n";
    Stub.deleteBody(); // external linkage; visibility and dso_local stay
    Stub.setComdat(nullptr);
  }

  /// Appends the block to the module's assembly.
  void emit() {
    if (Text.empty())
      return;
    M.appendModuleInlineAsm("\t.pushsection .text\n" + Text + "\t.popsection");
  }

private:
  std::string symbol(const GlobalValue &GV) const {
    std::string Name;
    raw_string_ostream NameOS(Name);
    Mang.getNameWithPrefix(NameOS, &GV, /*CannotUsePrivateLabel=*/false);
    return Name;
  }

  static std::string asmName(StringRef Name) {
    return isBareName(Name) ? Name.str() : ("\"" + Name + "\"").str();
  }

  /// The section the code generator gives a function: its own under
  /// -ffunction-sections, and in its COMDAT's group.  (Under
  /// -fno-unique-section-names the code generator numbers sections apart
  /// that share a name; the stubs then share .text.)
  std::string section(const Function &Stub) const {
    const PluginConfig &Config = pluginConfig();
    const Comdat *C = Stub.getComdat();
    if (!C && !(Config.FunctionSections && Config.UniqueSectionNames))
      return ".text";
    std::string Section =
        Config.UniqueSectionNames ? asmName(".text." + symbol(Stub)) : ".text";
    if (!C)
      return Section + ",\"ax\",@progbits";
    return Section + ",\"axG\",@progbits," + asmName(C->getName()) + ",comdat";
  }

  Module &M;
  bool HasDebugInfo;
  Mangler Mang;
  SmallPtrSet<const GlobalValue *, 8> Named; ///< by an alias, ifunc or retain
  std::string LastSection;                   ///< of the stub added last
  std::string Text;
  raw_string_ostream OS;
};

} // namespace

bool isSanitized(const Function &F) {
  return any_of(
      ArrayRef<Attribute::AttrKind>{
          Attribute::SanitizeAddress, Attribute::SanitizeHWAddress,
          Attribute::SanitizeMemory, Attribute::SanitizeThread,
          Attribute::SanitizeMemTag},
      [&](Attribute::AttrKind Kind) { return F.hasFnAttribute(Kind); });
}

void lowerStubsToJumps(Module &M,
                       const std::vector<InstrumentedFunction> &Functions) {
  if (!moduleAllowsJumpStubs(M))
    return;
  bool UseBlock = pluginConfig().StubBlock && !moduleIsForLTO(M);
  StubBlock Block(M);
  for (const InstrumentedFunction &F : Functions) {
    if (!stubAllowsJump(*F.Stub))
      continue;
    if (UseBlock && Block.fits(*F.Stub, *F.Slot))
      Block.add(*F.Stub, *F.Slot);
    else
      lowerStub(*F.Stub, *F.Slot);
  }
  Block.emit();
}

} // namespace hotpatch
