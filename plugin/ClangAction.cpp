//===- ClangAction.cpp - Loading the plugin with clang -fplugin= ----------===//
//
// A PluginASTAction that runs before clang's main action only to push the
// passes onto the code generator's PassBuilderCallbacks (clang 18+), and to
// read its -fplugin-arg-hotpatch-KEY=VALUE arguments (module-id, root,
// baseline, target, closures, refusals, drop-inlined, skip-after-inliner,
// skip-dropped, stub-block, spread-stubs, skip-stubs, cross-unit-calls and
// more; see docs/design.md),
// and in build mode to capture the compile that the object carries
// (UnitCommand.cpp).
//
// It lives apart from the passes because it needs libclang-cpp, which cannot
// be loaded into opt (both define some of the same command-line options):
// hotpatch.so has this file, hotpatch-passes.so (for opt) does not.
//
//===----------------------------------------------------------------------===//
#include "CallSignature.h"
#include "FrontendSkip.h"
#include "Hotpatch.h"
#include "hotpatch_abi.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/AST/Mangle.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManagerInternals.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "clang/Frontend/MultiplexConsumer.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/FileSystem.h"
#include <dlfcn.h>

using namespace llvm;

namespace hotpatch {
namespace {

/// Records, of every function definition, its C signature, for hcc call
/// (CallSignature.cpp), and in a patch compile its source lines, so that
/// the patch summary can say where the changed functions are (hcc shows
/// the warnings inside them and counts the others).
class FunctionFactsVisitor
    : public clang::RecursiveASTVisitor<FunctionFactsVisitor> {
public:
  explicit FunctionFactsVisitor(clang::ASTContext &Ctx)
      : Ctx(Ctx), SM(Ctx.getSourceManager()), Names(Ctx),
        CPlusPlus(Ctx.getLangOpts().CPlusPlus),
        PatchCompile(!baselinePath().empty()) {}

  /// Only C++ defines functions inside statements (lambdas, local
  /// classes): in C, walking every statement of every body only costs time.
  bool TraverseStmt(clang::Stmt *S, DataRecursionQueue *Queue = nullptr) {
    return !CPlusPlus || RecursiveASTVisitor::TraverseStmt(S, Queue);
  }

  bool VisitFunctionDecl(clang::FunctionDecl *FD) {
    if (!FD->doesThisDeclarationHaveABody() || FD->isDependentContext() ||
        isa<clang::CXXConstructorDecl, clang::CXXDestructorDecl>(FD))
      return true; // no symbol, or one name for several symbols
    std::string Name = Names.getName(FD);
    if (PatchCompile)
      recordLines(*FD, Name);
    pluginConfig().FunctionSignatures[Name] = callSignature(*FD, Ctx);
    return true;
  }

private:
  /// Only the patch summary reads them (PatchModule.cpp, LambdaIds.cpp).
  void recordLines(const clang::FunctionDecl &FD, const std::string &Name) {
    clang::PresumedLoc First =
        SM.getPresumedLoc(SM.getExpansionLoc(FD.getBeginLoc()));
    clang::PresumedLoc Last =
        SM.getPresumedLoc(SM.getExpansionLoc(FD.getEndLoc()));
    if (First.isValid() && Last.isValid())
      pluginConfig().FunctionLines[Name] =
          (Twine(First.getLine()) + " " + Twine(Last.getLine()) + " " +
           First.getFilename())
              .str();
  }

  const clang::ASTContext &Ctx;
  const clang::SourceManager &SM;
  clang::ASTNameGenerator Names;
  bool CPlusPlus;
  bool PatchCompile;
};

/// The module id that the line markers of preprocessed text name
/// (HOTPATCH_UNIT_MARKER_DIR in hotpatch_abi.h), or empty.
std::string markedModuleId(clang::SourceManager &SM) {
  const clang::LineTableInfo &Lines = SM.getLineTable();
  for (unsigned I = 0, N = Lines.getNumFilenames(); I < N; ++I) {
    StringRef Name = Lines.getFilename(I);
    size_t At = Name.find(HOTPATCH_UNIT_MARKER_DIR);
    if (At != StringRef::npos && Name.ends_with(HOTPATCH_UNIT_MARKER_SUFFIX))
      return Name.drop_front(At + strlen(HOTPATCH_UNIT_MARKER_DIR))
          .drop_back(strlen(HOTPATCH_UNIT_MARKER_SUFFIX))
          .str();
  }
  return "";
}

/// Walks the unit's function definitions for their facts.  A C unit with
/// a precompiled preamble (hcc run's patch compiles) has its headers'
/// declarations read from the preamble on demand, and reading them all
/// cost more than parsing the file's own text (7 ms of a 300-line file's
/// patch compile): only what the file's own parse made is walked, and the
/// preamble's declarations when a function is asked for that the walk did
/// not see (PluginConfig::WalkPreamble).  C++ walks everything at once:
/// LambdaIds.cpp reads the whole map.
void walkFunctionFacts(clang::ASTContext &Ctx) {
  clang::TranslationUnitDecl *Unit = Ctx.getTranslationUnitDecl();
  if (!Ctx.getExternalSource() || Ctx.getLangOpts().CPlusPlus) {
    FunctionFactsVisitor(Ctx).TraverseDecl(Unit);
    return;
  }
  FunctionFactsVisitor Visitor(Ctx);
  for (clang::Decl *D : Unit->noload_decls())
    Visitor.TraverseDecl(D);
  // The AST outlives the passes that ask (clang's code generator runs them
  // inside its HandleTranslationUnit); visiting a definition again
  // records the same facts.
  pluginConfig().WalkPreamble = [&Ctx, Unit] {
    FunctionFactsVisitor(Ctx).TraverseDecl(Unit);
  };
}

/// Runs before the code generator sees the translation unit.
class FunctionFactsConsumer : public clang::ASTConsumer {
public:
  /// \p CodeGen is the compile's options, which the code generator reads
  /// at the end of the unit; \p ClearAST what the command line asked of
  /// ClearASTBeforeBackend.
  FunctionFactsConsumer(clang::CodeGenOptions &CodeGen, bool ClearAST)
      : CodeGen(CodeGen), ClearAST(ClearAST) {}

  void HandleTranslationUnit(clang::ASTContext &Ctx) override {
    walkFunctionFacts(Ctx);
    // Text preprocessed by hcc -E elsewhere is the unit it names, whatever
    // temporary file it was handed over in.
    std::string Marked = markedModuleId(Ctx.getSourceManager());
    if (!Marked.empty())
      pluginConfig().ModuleId = Marked;
    // clang keeps the AST through code generation when a plugin's consumer
    // comes after its own (ours gives hidden bodies back while parsing,
    // FrontendSkip.cpp), in case that consumer reads it at the end.  Ours
    // does not, and the passes only read it through WalkPreamble: without
    // that, the AST is freed before the optimiser as in a plain compile
    // (sqlite3.c -O0: a peak heap of 119 MB instead of 99 MB).
    if (!pluginConfig().WalkPreamble)
      CodeGen.ClearASTBeforeBackend = ClearAST;
  }

private:
  clang::CodeGenOptions &CodeGen;
  bool ClearAST;
};

/// The file this plugin was loaded from, to tell its -load from others.
std::string pluginFile() {
  Dl_info Info;
  if (dladdr(reinterpret_cast<void *>(&pluginConfig), &Info) && Info.dli_fname)
    return Info.dli_fname;
  return "";
}

/// The compile of this unit as `clang -cc1` arguments, for the object to
/// carry (format in hotpatch_abi.h): the invocation without its outputs,
/// this plugin and the terminal's settings, which hcc patch gives its own.
/// A copy is generated rather than the command line kept, so that what
/// names this particular run never enters the object: ccache hands the same
/// object to every compile with the same inputs.
void captureCompile(clang::CompilerInstance &CI) {
  const clang::FrontendOptions &Front = CI.getFrontendOpts();
  if (Front.Inputs.size() != 1 || !Front.Inputs[0].isFile() ||
      Front.Inputs[0].getFile() == "-")
    return; // nothing a later compile could read again
  clang::CompilerInvocation Copy(CI.getInvocation());
  clang::FrontendOptions &Opts = Copy.getFrontendOpts();
  std::string Mine = pluginFile();
  llvm::erase_if(Opts.Plugins, [&](const std::string &P) {
    return !Mine.empty() && llvm::sys::fs::equivalent(P, Mine);
  });
  Opts.PluginArgs.erase("hotpatch");
  llvm::erase(Opts.AddPluginActions, "hotpatch");
  Copy.getDependencyOutputOpts() = clang::DependencyOutputOptions();
  Copy.getDiagnosticOpts().ShowColors = false;
  Copy.getDiagnosticOpts().MessageLength = 0;

  PluginConfig &C = pluginConfig();
  // The output stays in the invocation while it is generated (options
  // such as -save-temps=obj are spelled by comparison with it) and only
  // its -o leaves the list.
  std::vector<std::string> Args = Copy.getCC1CommandLine();
  for (size_t I = Args.empty() || Args[0] != "-cc1" ? 0 : 1; I < Args.size();
       ++I) {
    if (Args[I] == "-o")
      ++I; // and its value
    else
      C.UnitArgs.push_back(std::move(Args[I]));
  }
  C.UnitSource = Front.Inputs[0].getFile().str();
  C.UnitCwd = CI.getFileSystemOpts().WorkingDir;
  SmallString<256> Cwd;
  if (C.UnitCwd.empty() && !llvm::sys::fs::current_path(Cwd))
    C.UnitCwd = Cwd.str().str();
}

/// What clang's code generator gives a function without a target
/// attribute (CodeGenModule::GetCPUAndFeaturesAttributes): the command
/// line's CPUs and its features, sorted, without the read-only ones.
static std::array<std::string, 3> defaultTarget(const clang::TargetInfo &T) {
  const clang::TargetOptions &Opts = T.getTargetOpts();
  std::vector<std::string> Features = Opts.Features;
  erase_if(Features, [&](const std::string &F) {
    return T.isReadOnlyFeature(StringRef(F).drop_front());
  });
  sort(Features);
  return {Opts.CPU, Opts.TuneCPU, join(Features, ",")};
}

/// Runs before clang's main action to hook the code generator and to
/// record where the functions are and their signatures.
class HotpatchAction : public clang::PluginASTAction {
protected:
  std::unique_ptr<clang::ASTConsumer>
  CreateASTConsumer(clang::CompilerInstance &CI, StringRef) override {
    const clang::CodeGenOptions &CodeGen = CI.getCodeGenOpts();
    pluginConfig().FunctionSections = CodeGen.FunctionSections;
    pluginConfig().UniqueSectionNames = CodeGen.UniqueSectionNames;
    pluginConfig().DefaultTarget = defaultTarget(CI.getTarget());
    CI.getCodeGenOpts().PassBuilderCallbacks.push_back(registerCallbacks);
    if (baselinePath().empty())
      captureCompile(CI);
    std::vector<std::unique_ptr<clang::ASTConsumer>> Consumers;
    // Facts first: its end of the unit settles the module id.
    Consumers.push_back(std::make_unique<FunctionFactsConsumer>(
        CI.getCodeGenOpts(), CodeGen.ClearASTBeforeBackend));
    if (auto Skip = createFrontendSkipConsumer(CI))
      Consumers.push_back(std::move(Skip));
    return std::make_unique<clang::MultiplexConsumer>(std::move(Consumers));
  }

  bool ParseArgs(const clang::CompilerInstance &CI,
                 const std::vector<std::string> &Args) override {
    for (StringRef Arg : Args) {
      auto [Key, Value] = Arg.split('=');
      if (Key == "module-id") {
        pluginConfig().ModuleId = Value.str();
      } else if (Key == "root") {
        pluginConfig().Root = Value.str();
      } else if (Key == "baseline") {
        pluginConfig().Baseline = Value.str();
      } else if (Key == "target") {
        pluginConfig().Target = Value.str();
      } else if (Key == "closures") {
        pluginConfig().Closures = Value.str();
      } else if (Key == "refusals") {
        pluginConfig().Refusals = Value.str();
      } else if (Key == "drop-inlined" && (Value == "0" || Value == "1")) {
        pluginConfig().DropInlined = Value == "1";
      } else if (Key == "skip-after-inliner" &&
                 (Value == "0" || Value == "1")) {
        pluginConfig().SkipAfterInliner = Value == "1";
      } else if (Key == "skip-dropped" && (Value == "0" || Value == "1")) {
        pluginConfig().SkipDropped = Value == "1";
      } else if (Key == "stub-block" && (Value == "0" || Value == "1")) {
        pluginConfig().StubBlock = Value == "1";
      } else if (Key == "spread-stubs" && (Value == "0" || Value == "1")) {
        pluginConfig().SpreadStubs = Value == "1";
      } else if (Key == "skip-stubs" && (Value == "0" || Value == "1")) {
        pluginConfig().SkipStubs = Value == "1";
      } else if (Key == "inlined-bodies" && (Value == "0" || Value == "1")) {
        pluginConfig().InlinedBodies = Value == "1";
      } else if (Key == "skip-frontend" && (Value == "0" || Value == "1")) {
        pluginConfig().SkipFrontend = Value == "1";
      } else if (Key == "skip-parse" && (Value == "0" || Value == "1")) {
        pluginConfig().SkipParse = Value == "1";
      } else if (Key == "keep-unaffected" && (Value == "0" || Value == "1")) {
        pluginConfig().KeepUnaffected = Value == "1";
      } else if (Key == "last-call-bonus" && (Value == "0" || Value == "1")) {
        pluginConfig().LastCallBonus = Value == "1";
      } else if (Key == "cross-unit-calls" && (Value == "0" || Value == "1")) {
        pluginConfig().CrossUnitCalls = Value == "1";
      } else if (Key == "read-only-statics" && (Value == "0" || Value == "1")) {
        pluginConfig().ReadOnlyStatics = Value == "1";
      } else {
        clang::DiagnosticsEngine &D = CI.getDiagnostics();
        D.Report(D.getCustomDiagID(
            clang::DiagnosticsEngine::Error,
            "hotpatch: unknown plugin argument '%0' (expected module-id=, root=, "
            "baseline=, target=, closures=, refusals=, drop-inlined=0|1, "
            "skip-after-inliner=0|1, skip-dropped=0|1, stub-block=0|1, "
            "spread-stubs=0|1, skip-stubs=0|1, inlined-bodies=0|1, skip-frontend=0|1, "
            "keep-unaffected=0|1, last-call-bonus=0|1, cross-unit-calls=0|1 "
            "or read-only-statics=0|1)"))
            << Arg;
        return false;
      }
    }
    return true;
  }

  ActionType getActionType() override { return AddBeforeMainAction; }
};

/// Runs after clang's main action: the consumer that gives the code
/// generator's hidden bodies back (FrontendSkip.cpp).  Its arguments are
/// HotpatchAction's.
class RestoreAction : public clang::PluginASTAction {
protected:
  std::unique_ptr<clang::ASTConsumer>
  CreateASTConsumer(clang::CompilerInstance &, StringRef) override {
    if (auto Restore = createBodyRestoreConsumer())
      return Restore;
    return std::make_unique<clang::ASTConsumer>();
  }
  bool ParseArgs(const clang::CompilerInstance &,
                 const std::vector<std::string> &) override {
    return true;
  }
  ActionType getActionType() override { return AddAfterMainAction; }
};

} // namespace
} // namespace hotpatch

// Registered in this order, so created in it (the restore consumer takes
// what the first one made).
static clang::FrontendPluginRegistry::Add<hotpatch::HotpatchAction>
    RegisterAction("hotpatch", "instrument functions for hot patching");
static clang::FrontendPluginRegistry::Add<hotpatch::RestoreAction>
    RegisterRestore("hotpatch-restore",
                    "give the bodies hidden from the code generator back");
