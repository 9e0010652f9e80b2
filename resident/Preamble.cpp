//===- Preamble.cpp - Precompiled preambles kept for the units being edited
//===//
//
// A patch compile of a small file spends a good part of its front end on
// the #include lines at its top, which an edit almost never touches.  As
// clangd does, hcc keeps a precompiled preamble per unit (clang's
// PrecompiledPreamble: the AST of the main file's leading preprocessor
// block, in memory) and the next compile of the unit parses only the rest
// of the file.
//
// Who does what: the long-lived hcc process (hcc run) builds or refreshes
// the preamble of each unit it has just compiled (buildPreamble, after the
// patch is applied, off the path of the save being patched); every compile
// is a forked child that inherits the preambles and uses the one of its
// unit (usePreamble) when it still fits: clang's own check (the same
// leading bytes of the main file, every file it read unchanged in size and
// modification time) and, since that time has a resolution of a second and
// an edit that keeps a header's size within that second would pass it,
// the content of every file the preamble included, by hash.  A unit is
// identified by its working directory and its cc1 options with the outputs left
// out (the options are what the preamble was parsed under; PrecompiledPreamble
// itself does not compare them).
//
// The object is the one a compile without the preamble writes
// (lit_tests/live/preamble.c compares them); what differs is that warnings
// inside the headers are not reported again.
//
//===----------------------------------------------------------------------===//
#include "Resident.h"

#include "clang/Basic/DiagnosticOptions.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/CompilerInvocation.h"
#include "clang/Frontend/PrecompiledPreamble.h"
#include "clang/Frontend/Utils.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Serialization/PCHContainerOperations.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/xxhash.h"

using namespace llvm;
using namespace clang;

namespace hotpatch::resident {
namespace {

/// At most this many units keep a preamble (a few MB each for libc
/// headers); the least recently built or used goes first.
constexpr size_t MaxPreambles = 8;

/// A file the preamble included, by the name the compile looks it up by
/// (relative ones are relative to the unit's directory), and its content.
struct IncludedFile {
  std::string Name;
  uint64_t Hash;
};

struct Kept {
  PrecompiledPreamble Preamble;
  std::vector<IncludedFile> Files;
  unsigned long LastUse;
};

/// Collects the files the preamble's parse includes.
class IncludeCollector : public PreambleCallbacks {
public:
  std::vector<std::string> Names;

private:
  class Directives : public PPCallbacks {
  public:
    explicit Directives(std::vector<std::string> &Names) : Names(Names) {}
    void InclusionDirective(SourceLocation, const Token &, StringRef, bool,
                            CharSourceRange, OptionalFileEntryRef File,
                            StringRef, StringRef, const Module *, bool,
                            SrcMgr::CharacteristicKind) override {
      if (File)
        Names.push_back(File->getName().str());
    }

  private:
    std::vector<std::string> &Names;
  };

  std::unique_ptr<PPCallbacks> createPPCallbacks() override {
    return std::make_unique<Directives>(Names);
  }
};

std::optional<uint64_t> contentHash(vfs::FileSystem &FS, StringRef Name) {
  auto Buffer = FS.getBufferForFile(Name);
  if (!Buffer)
    return std::nullopt;
  return xxh3_64bits((*Buffer)->getBuffer());
}

/// Whether every file the preamble included still has its content.
bool sameIncludes(const Kept &K, vfs::FileSystem &FS) {
  for (const IncludedFile &F : K.Files)
    if (contentHash(FS, F.Name) != F.Hash)
      return false;
  return true;
}

bool fits(const Kept &K, const CompilerInvocation &Invocation,
          const MemoryBuffer &Main, PreambleBounds Bounds,
          vfs::FileSystem &FS) {
  return K.Preamble.CanReuse(Invocation, Main, Bounds, FS) &&
         sameIncludes(K, FS);
}

StringMap<Kept> &preambles() {
  static StringMap<Kept> Map;
  return Map;
}

unsigned long Clock;

/// What a preamble was parsed under: the working directory and the cc1
/// options, without the outputs, plugins and code generation options
/// that differ from one patch compile of the unit to the next and do not
/// change how its headers parse.
std::string unitKey(const CompilerInvocation &Invocation, StringRef Dir) {
  CompilerInvocation Parse(Invocation);
  FrontendOptions &Front = Parse.getFrontendOpts();
  Front.OutputFile.clear();
  Front.TimeTracePath.clear(); // -ftime-trace: an output, and how it samples
  Front.TimeTraceGranularity = FrontendOptions().TimeTraceGranularity;
  Front.TimeTraceVerbose = false;
  Front.Plugins.clear();
  Front.AddPluginActions.clear();
  Front.PluginArgs.clear();
  Front.ActionName.clear();
  Front.ProgramAction = frontend::EmitObj;
  Parse.getDependencyOutputOpts() = DependencyOutputOptions();
  Parse.getCodeGenOpts() = CodeGenOptions();
  std::string Key(Dir);
  for (const std::string &Arg : Parse.getCC1CommandLine()) {
    Key += '\0';
    Key += Arg;
  }
  return Key;
}

std::unique_ptr<MemoryBuffer> readMainFile(const CompilerInvocation &Invocation,
                                           vfs::FileSystem &FS) {
  if (Invocation.getFrontendOpts().Inputs.size() != 1)
    return nullptr;
  auto Buffer =
      FS.getBufferForFile(Invocation.getFrontendOpts().Inputs[0].getFile());
  return Buffer ? std::move(*Buffer) : nullptr;
}

void evictOldest() {
  auto &Map = preambles();
  while (Map.size() > MaxPreambles) {
    auto Oldest = Map.begin();
    for (auto It = Map.begin(); It != Map.end(); ++It)
      if (It->second.LastUse < Oldest->second.LastUse)
        Oldest = It;
    Map.erase(Oldest);
  }
}

} // namespace

int buildPreamble(StringRef Dir, ArrayRef<const char *> Argv) {
  IntrusiveRefCntPtr<vfs::FileSystem> FS = vfs::createPhysicalFileSystem();
  if (FS->setCurrentWorkingDirectory(Dir))
    return -1;
  // The preamble's diagnostics are the compile's to report, not ours.
  static IgnoringDiagConsumer Ignore;
  IntrusiveRefCntPtr<DiagnosticOptions> DiagOpts(new DiagnosticOptions);
  IntrusiveRefCntPtr<DiagnosticsEngine> Diags =
      CompilerInstance::createDiagnostics(DiagOpts.get(), &Ignore,
                                          /*ShouldOwnClient=*/false);
  CreateInvocationOptions Options;
  Options.Diags = Diags;
  Options.VFS = FS;
  std::shared_ptr<CompilerInvocation> Invocation =
      createInvocation(Argv, Options);
  if (!Invocation)
    return -1;
  std::unique_ptr<MemoryBuffer> Main = readMainFile(*Invocation, *FS);
  if (!Main)
    return -1;
  PreambleBounds Bounds =
      ComputePreambleBounds(Invocation->getLangOpts(), *Main, 0);
  if (Bounds.Size == 0)
    return -1;
  std::string Key = unitKey(*Invocation, Dir);
  auto &Map = preambles();
  auto Found = Map.find(Key);
  if (Found != Map.end() &&
      fits(Found->second, *Invocation, *Main, Bounds, *FS)) {
    Found->second.LastUse = ++Clock;
    return 0;
  }
  // Only the preamble's parse: no plugin, no dependency file.
  Invocation->getDependencyOutputOpts() = DependencyOutputOptions();
  Invocation->getFrontendOpts().AddPluginActions.clear();
  Invocation->getFrontendOpts().Plugins.clear();
  Invocation->getCodeGenOpts().PassPlugins.clear();
  IncludeCollector Includes;
  auto Built = PrecompiledPreamble::Build(
      *Invocation, Main.get(), Bounds, *Diags, FS,
      std::make_shared<PCHContainerOperations>(), /*StoreInMemory=*/true,
      /*StoragePath=*/"", Includes);
  if (!Built)
    return -1;
  // Hashed after the parse: a file saved during it fails the check later
  // at worst, which only costs the preamble.
  std::vector<IncludedFile> Files;
  for (const std::string &Name : Includes.Names) {
    std::optional<uint64_t> Hash = contentHash(*FS, Name);
    if (!Hash)
      return -1;
    Files.push_back({Name, *Hash});
  }
  Map.erase(Key);
  Map.try_emplace(Key, Kept{std::move(*Built), std::move(Files), ++Clock});
  evictOldest();
  return 1;
}

IntrusiveRefCntPtr<vfs::FileSystem>
usePreamble(CompilerInvocation &Invocation) {
  if (preambles().empty())
    return nullptr;
  SmallString<256> Dir;
  if (sys::fs::current_path(Dir))
    return nullptr;
  auto Found = preambles().find(unitKey(Invocation, Dir));
  if (Found == preambles().end())
    return nullptr;
  IntrusiveRefCntPtr<vfs::FileSystem> FS = vfs::getRealFileSystem();
  // The bytes checked are the bytes compiled: the main file is remapped
  // to this buffer, whatever is saved meanwhile.
  std::unique_ptr<MemoryBuffer> Main = readMainFile(Invocation, *FS);
  if (!Main)
    return nullptr;
  PreambleBounds Bounds =
      ComputePreambleBounds(Invocation.getLangOpts(), *Main, 0);
  if (!fits(Found->second, Invocation, *Main, Bounds, *FS))
    return nullptr;
  // The compile owns the buffer from here (RetainRemappedFileBuffers is
  // off): it lives as long as the source manager.
  Found->second.Preamble.AddImplicitPreamble(Invocation, FS, Main.release());
  return FS;
}

} // namespace hotpatch::resident
