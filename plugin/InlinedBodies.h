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
#include "llvm/Analysis/CGSCCPassManager.h"
#include <memory>
#include <string>

namespace hotpatch {

/// Where the bodies after the inliner of the unit whose closures file is
/// \p ClosuresPath are recorded (InlinedBodies.cpp).
std::string inlinedBodiesPath(llvm::StringRef ClosuresPath);

/// Writes \p M as it is now (after the inliner) to \p Path, each function
/// of \p Closure tagged with its closure hash (InlinedBodies.cpp).
void writeInlinedBodies(
    llvm::Module &M, const llvm::DenseMap<llvm::Function *, Hash128> &Closure,
    llvm::StringRef Path);

/// The bodies after the inliner that a build recorded (InlinedBodies.cpp).
class RecordedBodies {
public:
  /// The bodies recorded in \p Path for the functions of \p Wanted with
  /// the same closure hash (all of a closure's or none), or null.
  static std::unique_ptr<RecordedBodies>
  open(llvm::Module &M, const llvm::DenseMap<llvm::Function *, Hash128> &Wanted,
       llvm::StringRef Path);
  ~RecordedBodies();

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
