//===- InlinedBodies.h - Bodies after the inliner, kept for patch compiles ===//
//
// See InlinedBodies.cpp.
//
//===----------------------------------------------------------------------===//
#ifndef HOTPATCH_PLUGIN_INLINEDBODIES_H
#define HOTPATCH_PLUGIN_INLINEDBODIES_H

#include "Hotpatch.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Analysis/CGSCCPassManager.h"
#include <memory>
#include <string>

namespace hotpatch {

/// Where the bodies after the inliner of the unit whose closures file is
/// \p ClosuresPath are recorded (InlinedBodies.cpp).
std::string inlinedBodiesPath(llvm::StringRef ClosuresPath);

/// Writes \p M as it is now (after the inliner) to \p Path, each function
/// of \p Closure tagged with its closure hash, each function named in
/// \p Own with the hash of its own IR as clang emitted it, and each with
/// the functions the inliner inlined into it (inlinedCallees).
void writeInlinedBodies(
    llvm::Module &M, const llvm::DenseMap<llvm::Function *, Hash128> &Closure,
    const llvm::StringMap<Hash128> &Own, llvm::StringRef Path);

/// The bodies after the inliner that a build recorded (InlinedBodies.cpp).
class RecordedBodies {
public:
  /// The module recorded in \p Path, read lazily (bodies are read when
  /// chosen), or null.
  static std::unique_ptr<RecordedBodies> open(llvm::Module &M,
                                              llvm::StringRef Path);
  ~RecordedBodies();

  /// The closure hash the build recorded for the function named \p Name.
  std::optional<Hash128> closureOf(llvm::StringRef Name) const;

  /// Finds the recorded functions whose body may hold changed code: those
  /// \p Unchanged does not accept (given the name, the stable id in module
  /// \p ModuleId and the hash of its own IR the build recorded), those
  /// without a recorded hash, and those the build inlined one of them into,
  /// in turn.
  void
  findAffected(llvm::StringRef ModuleId,
               llvm::function_ref<bool(llvm::StringRef Name, llvm::StringRef Id,
                                       const Hash128 &Recorded)>
                   Unchanged);
  /// Whether the build's body of \p Name holds no changed code (after
  /// findAffected): false for a function it did not record.
  bool isUnaffected(llvm::StringRef Name) const;

  /// Chooses the recorded bodies of the functions of \p Wanted, each
  /// named with the closure hash the build recorded for it: all of those
  /// with one hash or none, and only where what they reference resolves.
  void choose(const llvm::DenseMap<llvm::Function *, Hash128> &Wanted);

  /// Whether what callers may have learnt of \p F without inlining it --
  /// its attributes and the constant it returns -- is what the build
  /// recorded, or the build recorded no such function.
  bool inferredAsBuilt(const llvm::Function &F);
  /// The part of inferredAsBuilt nothing after the inliner's walk changes,
  /// known as soon as the walk finished \p F: whether its memory effects
  /// are what the build recorded (or the build recorded no such function).
  bool sameMemoryEffects(const llvm::Function &F) const;

  /// The functions that have a recorded body.
  const llvm::DenseSet<const llvm::Function *> &functions() const;

  /// Whether \p F has a recorded body it has not been given yet.
  bool isPending(const llvm::Function &F) const;

  /// Gives \p F its recorded body, once; false when it has none or what
  /// that references does not resolve in the module (it keeps its own).
  bool settle(llvm::Function &F);

private:
  explicit RecordedBodies(llvm::Module &M);
  struct Impl;
  std::unique_ptr<Impl> P;
};

/// Installs the inline advisor that remembers what the inliner inlines
/// into what, and inlines nothing into a function whose recorded body is
/// pending (InlineRecord.cpp).
void registerInlineRecorder(llvm::PassBuilder &PB);

/// Every call the inliner was advised to inline since forgetInlinedCallees:
/// the callees' names by the caller's name.
const llvm::StringMap<llvm::StringSet<>> &inlinedCallees();
void forgetInlinedCallees();

/// Inside the inliner's pipeline, at the end of each call graph SCC's
/// passes: its functions with recorded bodies get them, so that the
/// functions that call them, visited later, inline them as the build's
/// inliner did (Closures.cpp).
struct SettleBodiesPass : llvm::PassInfoMixin<SettleBodiesPass> {
  llvm::PreservedAnalyses run(llvm::LazyCallGraph::SCC &C,
                              llvm::CGSCCAnalysisManager &AM,
                              llvm::LazyCallGraph &CG,
                              llvm::CGSCCUpdateResult &UR);
  static bool isRequired() { return true; }
};

} // namespace hotpatch

#endif // HOTPATCH_PLUGIN_INLINEDBODIES_H
