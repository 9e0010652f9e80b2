//===- ClangAction.cpp - Loading the plugin with clang -fplugin= ----------===//
//
// A PluginASTAction that runs before clang's main action only to push the
// passes onto the code generator's PassBuilderCallbacks (clang 18+), and to
// read its -fplugin-arg-hotpatch-KEY=VALUE arguments (module-id, root,
// baseline, target, closures, refusals, drop-inlined; see docs/design.md).
//
// It lives apart from the passes because it needs libclang-cpp, which cannot
// be loaded into opt (both define some of the same command-line options):
// hotpatch.so has this file, hotpatch-passes.so (for opt) does not.
//
//===----------------------------------------------------------------------===//
#include "Hotpatch.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/AST/Mangle.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "llvm/Passes/PassBuilder.h"

using namespace llvm;

namespace hotpatch {
namespace {

/// Records the source lines of every function definition, so that the
/// patch summary can say where the changed functions are (hcc shows the
/// warnings inside them and counts the others).
class FunctionLinesVisitor
    : public clang::RecursiveASTVisitor<FunctionLinesVisitor> {
public:
  explicit FunctionLinesVisitor(clang::ASTContext &Ctx)
      : SM(Ctx.getSourceManager()), Names(Ctx),
        CPlusPlus(Ctx.getLangOpts().CPlusPlus) {}

  /// Only C++ defines functions inside statements (lambdas, local
  /// classes): in C, walking every statement of every body only costs time.
  bool TraverseStmt(clang::Stmt *S, DataRecursionQueue *Queue = nullptr) {
    return !CPlusPlus || RecursiveASTVisitor::TraverseStmt(S, Queue);
  }

  bool VisitFunctionDecl(clang::FunctionDecl *FD) {
    if (!FD->doesThisDeclarationHaveABody() || FD->isDependentContext() ||
        isa<clang::CXXConstructorDecl, clang::CXXDestructorDecl>(FD))
      return true; // no symbol, or one name for several symbols
    clang::PresumedLoc First = SM.getPresumedLoc(SM.getExpansionLoc(FD->getBeginLoc()));
    clang::PresumedLoc Last = SM.getPresumedLoc(SM.getExpansionLoc(FD->getEndLoc()));
    if (First.isValid() && Last.isValid())
      pluginConfig().FunctionLines[Names.getName(FD)] =
          (Twine(First.getLine()) + " " + Twine(Last.getLine()) + " " +
           First.getFilename())
              .str();
    return true;
  }

private:
  const clang::SourceManager &SM;
  clang::ASTNameGenerator Names;
  bool CPlusPlus;
};

/// Runs before the code generator sees the translation unit.
class FunctionLinesConsumer : public clang::ASTConsumer {
  void HandleTranslationUnit(clang::ASTContext &Ctx) override {
    FunctionLinesVisitor(Ctx).TraverseDecl(Ctx.getTranslationUnitDecl());
  }
};

/// Runs before clang's main action to hook the code generator and to
/// record where the functions are.
class HotpatchAction : public clang::PluginASTAction {
protected:
  std::unique_ptr<clang::ASTConsumer>
  CreateASTConsumer(clang::CompilerInstance &CI, StringRef) override {
    CI.getCodeGenOpts().PassBuilderCallbacks.push_back(registerCallbacks);
    return std::make_unique<FunctionLinesConsumer>();
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
      } else {
        clang::DiagnosticsEngine &D = CI.getDiagnostics();
        D.Report(D.getCustomDiagID(
            clang::DiagnosticsEngine::Error,
            "hotpatch: unknown plugin argument '%0' (expected module-id=, root=, "
            "baseline=, target=, closures=, refusals= or drop-inlined=0|1)"))
            << Arg;
        return false;
      }
    }
    return true;
  }

  ActionType getActionType() override { return AddBeforeMainAction; }
};

} // namespace
} // namespace hotpatch

static clang::FrontendPluginRegistry::Add<hotpatch::HotpatchAction>
    RegisterAction("hotpatch", "instrument functions for hot patching");
