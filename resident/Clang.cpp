//===- Clang.cpp - The clang executable's main, as a library call --------===//
//
// What clang-19's own main (clang/tools/driver/driver.cpp) does for a
// compile, minus what only matters to a long-lived or interactive process
// (crash reproducers, signal handlers, the clang-cl and flang modes): the
// driver turns the command line into jobs and runs the cc1 job in this
// process through Driver::CC1Main, like the executable with its default
// -fintegrated-cc1.  Same libraries, same options, same resource directory:
// the object file is byte for byte the one clang-19 writes
// (lit_tests/live/resident-toolchain.c checks that), also when the
// unit's precompiled preamble is used (Preamble.cpp, live/preamble.c).
//
//===----------------------------------------------------------------------===//
#include "Resident.h"

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/DiagnosticOptions.h"
#include "clang/Driver/Compilation.h"
#include "clang/Driver/Driver.h"
#include "clang/Driver/ToolChain.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/CompilerInvocation.h"
#include "clang/Frontend/TextDiagnosticBuffer.h"
#include "clang/Frontend/TextDiagnosticPrinter.h"
#include "clang/FrontendTool/Utils.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Allocator.h"
#include "llvm/Support/BuryPointer.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/TimeProfiler.h"
#include "llvm/Support/Timer.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/TargetParser/Host.h"

#include <cstdlib>
#include <unistd.h>

using namespace llvm;
using namespace clang;

namespace hotpatch::resident {
namespace {

/// The cc1 part of clang's main (cc1_main.cpp): parse the -cc1 arguments
/// the driver made and run the frontend action, plugins included.
int runCC1(ArrayRef<const char *> Argv, const char *Argv0) {
  auto Clang = std::make_unique<CompilerInstance>();
  IntrusiveRefCntPtr<DiagnosticIDs> DiagID(new DiagnosticIDs());
  IntrusiveRefCntPtr<DiagnosticOptions> DiagOpts = new DiagnosticOptions();
  // Argument errors are buffered and shown with the real printer, which
  // the parsed options configure.
  auto *DiagsBuffer = new TextDiagnosticBuffer;
  DiagnosticsEngine Diags(DiagID, &*DiagOpts, DiagsBuffer);
  bool Success = CompilerInvocation::CreateFromArgs(Clang->getInvocation(),
                                                    Argv, Diags, Argv0);
  Clang->createDiagnostics();
  DiagsBuffer->FlushDiagnostics(Clang->getDiagnostics());
  if (!Success)
    return 1;
  if (IntrusiveRefCntPtr<vfs::FileSystem> FS =
          usePreamble(Clang->getInvocation()))
    Clang->createFileManager(FS);
  const FrontendOptions &FrontendOpts = Clang->getFrontendOpts();
  if (!FrontendOpts.TimeTracePath.empty())
    timeTraceProfilerInitialize(FrontendOpts.TimeTraceGranularity, Argv0,
                                FrontendOpts.TimeTraceVerbose);
  bool TimePasses = Clang->getCodeGenOpts().TimePasses;
  if (TimePasses)
    Clang->createFrontendTimer();
  {
    TimeRegion Timer(TimePasses ? &Clang->getFrontendTimer() : nullptr);
    Success = ExecuteCompilerInvocation(Clang.get());
  }
  // -ftime-report: the executable prints the timers before exiting.
  TimerGroup::printAll(errs());
  TimerGroup::clearAll();
  // -ftime-trace: written where the driver said, as cc1_main does.
  if (timeTraceProfilerEnabled()) {
    if (auto Out = Clang->createOutputFile(FrontendOpts.TimeTracePath,
                                           /*Binary=*/false,
                                           /*RemoveFileOnSignal=*/false,
                                           /*UseTemporary=*/false)) {
      timeTraceProfilerWrite(*Out);
      Out.reset();
      timeTraceProfilerCleanup();
      Clang->clearOutputFiles(false);
    }
  }
  // -disable-free (which the driver passes): the process exits next, so,
  // like cc1_main, skip tearing down the AST and the module.  The outputs
  // were closed by the action.
  if (Clang->getFrontendOpts().DisableFree) {
    Clang->getDiagnosticClient().finish();
    BuryPointer(std::move(Clang));
    return !Success;
  }
  Clang->getDiagnosticClient().finish();
  return !Success;
}

/// Driver::CC1Main: the in-process tools of the clang executable.
int runIntegratedTool(SmallVectorImpl<const char *> &ArgV) {
  cl::ResetAllOptionOccurrences();
  BumpPtrAllocator A;
  cl::ExpansionContext ECtx(A, cl::TokenizeGNUCommandLine);
  if (Error Err = ECtx.expandResponseFiles(ArgV)) {
    errs() << toString(std::move(Err)) << '\n';
    return 1;
  }
  if (StringRef(ArgV[1]) == "-cc1")
    return runCC1(ArrayRef(ArgV).slice(1), ArgV[0]);
  // -cc1as (assembler sources) and the rest: the executable itself.
  SmallVector<const char *, 64> Exec(ArgV.begin(), ArgV.end());
  Exec.push_back(nullptr);
  outs().flush();
  errs().flush();
  execv(Exec[0], const_cast<char *const *>(Exec.data()));
  errs() << "error: cannot run " << Exec[0] << ": " << std::strerror(errno)
         << '\n';
  return 1;
}

/// argv[0] as the clang executable finds itself: searched in PATH, made
/// absolute and, unless -no-canonical-prefixes, with links resolved (the
/// driver derives the resource directory and the toolchain from it).
std::string executablePath(ArrayRef<const char *> Args) {
  bool Canonical = true;
  for (const char *A : Args.drop_front()) {
    if (StringRef(A) == "-canonical-prefixes")
      Canonical = true;
    else if (StringRef(A) == "-no-canonical-prefixes")
      Canonical = false;
  }
  SmallString<256> Path(Args[0]);
  if (sys::path::filename(Path) == Path)
    if (ErrorOr<std::string> Found = sys::findProgramByName(Path))
      Path = *Found;
  // A path that cannot be made absolute stays as it is, as in clang.
  if (std::error_code EC = sys::fs::make_absolute(Path))
    return std::string(Path);
  if (Canonical) {
    SmallString<256> Real;
    if (!sys::fs::real_path(Path, Real))
      return std::string(Real);
  }
  return std::string(Path);
}

} // namespace

int runClang(ArrayRef<const char *> Argv) {
  SmallVector<const char *, 256> Args(Argv.begin(), Argv.end());
  // `clang -cc1 ...`, a unit rebuilt from the compile its object carries:
  // the front end itself, as the clang executable's main dispatches it.
  if (Args.size() > 1 && StringRef(Args[1]) == "-cc1")
    return runIntegratedTool(Args);
  BumpPtrAllocator Alloc;
  if (Error Err = clang::driver::expandResponseFiles(
          Args, /*ClangCLMode=*/false, Alloc)) {
    errs() << toString(std::move(Err)) << '\n';
    return 1;
  }
  StringSet<> SavedStrings;
  if (const char *Override = std::getenv("CCC_OVERRIDE_OPTIONS"))
    clang::driver::applyOverrideOptions(Args, Override, SavedStrings, &errs());

  std::string Path = executablePath(Args);
  IntrusiveRefCntPtr<DiagnosticOptions> DiagOpts =
      CreateAndPopulateDiagOpts(Args);
  auto *DiagClient = new TextDiagnosticPrinter(errs(), &*DiagOpts);
  DiagClient->setPrefix(sys::path::stem(Args[0]).str());
  IntrusiveRefCntPtr<DiagnosticIDs> DiagID(new DiagnosticIDs());
  DiagnosticsEngine Diags(DiagID, &*DiagOpts, DiagClient);
  ProcessWarningOptions(Diags, *DiagOpts, /*ReportDiags=*/false);

  clang::driver::Driver TheDriver(Path, sys::getDefaultTargetTriple(), Diags);
  TheDriver.setTargetAndMode(
      clang::driver::ToolChain::getTargetAndModeFromProgramName(Args[0]));
  TheDriver.CC1Main = runIntegratedTool;
  std::unique_ptr<clang::driver::Compilation> C(
      TheDriver.BuildCompilation(Args));
  int Res = 1;
  if (C && !C->containsError()) {
    SmallVector<std::pair<int, const clang::driver::Command *>, 4> Failing;
    Res = TheDriver.ExecuteCompilation(*C, Failing);
    for (const auto &[Status, Cmd] : Failing) {
      (void)Cmd;
      if (!Res)
        Res = Status;
    }
  }
  Diags.getClient()->finish();
  outs().flush();
  errs().flush();
  // A negative status is a crashed tool; the executable exits with 1 then.
  return Res < 0 ? 1 : Res;
}

void registerTargets() {
  InitializeAllTargets();
  InitializeAllTargetMCs();
  InitializeAllAsmPrinters();
  InitializeAllAsmParsers();
}

} // namespace hotpatch::resident
