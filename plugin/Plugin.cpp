//===- Plugin.cpp - Registration with clang and the new pass manager ------===//
//
// The plugin is loadable three ways, all ending in registerCallbacks():
//   clang -fplugin=hotpatch.so       ClangAction.cpp
//   clang -fpass-plugin=hotpatch.so  llvmGetPassPluginInfo
//   opt -load-pass-plugin=hotpatch-passes.so -passes=hotpatch-instrument,...
//
//===----------------------------------------------------------------------===//
#include "Hotpatch.h"
#include "InlinedBodies.h"
#include "llvm/IR/Module.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Passes/PassPlugin.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using namespace llvm;

static cl::opt<std::string>
    ModuleIdOption("hotpatch-module-id",
                   cl::desc("Module id of the instrumented translation unit"),
                   cl::init(""));
static cl::opt<std::string> BaselineOption(
    "hotpatch-baseline",
    cl::desc("Patch mode: module info of the running process; keep only "
             "what differs from it"),
    cl::init(""));
static cl::opt<std::string>
    RootOption("hotpatch-root",
               cl::desc("Build root; the module id is the source path "
                        "relative to it"),
               cl::init(""));

namespace hotpatch {

PluginConfig &pluginConfig() {
  static PluginConfig Config;
  return Config;
}

/// Makes sure the front end's walk has seen the definition named \p Name
/// if the unit has one.
static void walkFor(StringRef Name) {
  PluginConfig &C = pluginConfig();
  if (C.WalkPreamble && !C.FunctionSignatures.contains(Name))
    std::exchange(C.WalkPreamble, nullptr)();
}

const std::string *functionLines(StringRef Name) {
  walkFor(Name);
  auto It = pluginConfig().FunctionLines.find(Name);
  return It == pluginConfig().FunctionLines.end() ? nullptr : &It->second;
}

std::string functionSignature(StringRef Name) {
  walkFor(Name);
  return pluginConfig().FunctionSignatures.lookup(Name);
}

/// Options given with -mllvm or to opt take effect unless plugin arguments
/// already set the field.  (Read field by field: these run per function,
/// and the configuration holds a map per function.)
static const std::string &argOrOption(const std::string &Arg,
                                      const cl::opt<std::string> &Option) {
  return Arg.empty() ? Option.getValue() : Arg;
}

std::string baselinePath() {
  return argOrOption(pluginConfig().Baseline, BaselineOption);
}

std::string targetBuildId() {
  return pluginConfig().Target;
}

std::string refusalsPath() {
  return pluginConfig().Refusals;
}

std::string moduleId(const Module &M) {
  return moduleIdOf(M.getSourceFileName());
}

std::string moduleIdOf(StringRef Source) {
  const std::string &Id = argOrOption(pluginConfig().ModuleId, ModuleIdOption);
  if (!Id.empty())
    return Id;
  const std::string &Root = argOrOption(pluginConfig().Root, RootOption);
  if (!Root.empty()) {
    // The source as typed is relative to the compile's directory.
    SmallString<256> Absolute(Source);
    if (sys::fs::make_absolute(Absolute))
      return Source.str(); // no current directory: keep the name as typed
    sys::path::remove_dots(Absolute, /*remove_dot_dot=*/true);
    std::string Prefix = Root;
    if (!StringRef(Prefix).ends_with("/"))
      Prefix += "/";
    if (Absolute.str().starts_with(Prefix))
      return Absolute.str().drop_front(Prefix.size()).str();
    return Absolute.str().str();
  }
  return Source.str();
}

void registerCallbacks(PassBuilder &PB) {
  registerOptimiserSkips(PB);
  registerInlineRecorder(PB);
  PB.registerPipelineStartEPCallback(
      [](ModulePassManager &MPM, OptimizationLevel Level) {
        MPM.addPass(InstrumentPass());
        // At -O0 nothing is optimised, so there is nothing to skip.
        if (Level != OptimizationLevel::O0) {
          MPM.addPass(ClosurePass(Level));
          MPM.addPass(StubsAsidePass());
        }
      });
  // Not at -O0, where no body is recorded: LLVM would walk the whole call
  // graph for it (56 ms of the SQLite amalgamation's 3.2 s compile).
  PB.registerCGSCCOptimizerLateEPCallback(
      [](CGSCCPassManager &CGPM, OptimizationLevel Level) {
        if (Level != OptimizationLevel::O0)
          CGPM.addPass(SettleBodiesPass());
      });
  PB.registerOptimizerEarlyEPCallback(
      [](ModulePassManager &MPM, OptimizationLevel) {
        MPM.addPass(InlinerDonePass());
        MPM.addPass(DropInlinedPass());
      });
  PB.registerOptimizerLastEPCallback(
      [](ModulePassManager &MPM, OptimizationLevel) {
        MPM.addPass(FinalizePass());
      });
  PB.registerPipelineParsingCallback(
      [](StringRef Name, ModulePassManager &MPM,
         ArrayRef<PassBuilder::PipelineElement>) {
        if (Name == "hotpatch-instrument") {
          MPM.addPass(InstrumentPass());
          return true;
        }
        if (Name == "hotpatch-drop-inlined") {
          MPM.addPass(DropInlinedPass());
          return true;
        }
        if (Name == "hotpatch-finalize") {
          MPM.addPass(FinalizePass());
          return true;
        }
        return false;
      });
}

} // namespace hotpatch

extern "C" LLVM_ATTRIBUTE_WEAK
    LLVM_ATTRIBUTE_VISIBILITY_DEFAULT ::llvm::PassPluginLibraryInfo
    llvmGetPassPluginInfo() {
  return {LLVM_PLUGIN_API_VERSION, "hotpatch", "0.1.0",
          hotpatch::registerCallbacks};
}
