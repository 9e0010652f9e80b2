//===- Closures.cpp - Skip optimising what cannot have changed
//-------------===//
//
// Most of a patch compile at -O1 and above is the optimiser working on
// functions nobody edited, only so that their final IR can be hashed and
// found equal to what the process runs.  This pass, right after
// InstrumentPass, avoids that work without giving up final-IR hashing:
//
//   closure hash  of a function: its own IR as clang emitted it (hashed like
//                 final IR, ContentHash.cpp: constants it reads by content,
//                 other globals by id and layout), and the closure hashes of
//                 every function it references, directly or through a
//                 constant (all it may inline, and all whose inferred
//                 attributes it may use), plus the optimisation level,
//                 target, LLVM version and module-level asm
//
// The optimiser's output for a function depends only on its closure: what
// could carry facts from elsewhere is cut by the instrumentation (every
// instrumented function has its address taken by its slot, so nothing is
// inferred from its callers; mutable internal globals are pinned, so
// nothing is inferred from who stores to them).  So equal closure hashes
// mean equal final IR.
//
// Every compile at -O1 and above writes, for each function, its closure
// hash and final hash to the unit's closures file: <dir>/<XXH3-64 of the
// module id, 16 hex digits>.txt in the directory hcc names (plugin argument
// closures=, `.hotpatch/closures` of the build database).  A patch compile
// reads the file of the previous compile of its unit first, and a function is
// *skipped* -- its body deleted before the optimiser runs -- when
//
//   - its closure hash equals the recorded one,
//   - the recorded final hash is what the process runs (the baseline), so
//     a stale file, or one a failed or refused patch left, skips nothing
//     wrongly, and
//   - no function that is optimised references it (they need its body).
//
// A skipped function is unchanged: the patch imports it, and its hash is
// carried over (carriedFunctionHash, for ModuleFacts).
//
// A static function that the process does not have because the compile
// it runs dropped it (DropInlined.cpp: inlined everywhere) never matches
// the baseline; it is deleted with its stub and slot, as that compile
// did, when only the plugin and calls reference it and no optimised
// function needs it: its callers were skipped, so their code, the same as
// what runs, does not call it.  Optimising it would also keep everything
// it calls (on SQLite's amalgamation: 800 such functions, which kept 967
// unchanged ones in the inliner's pipeline for any edit).
//
// A function that passes the first two tests but that an optimised
// function references is *kept to be inlined*: its body goes through the
// inliner's pipeline (the CGSCC passes), because the functions that inline
// it, or use the attributes inferred from it, see it as it is there.  Once
// the inliner is done (optimizer early) nothing reads its body again
// except its own passes, whose result the patch drops (it is unchanged),
// so the function passes after the inliner skip it (a pass
// instrumentation callback, registerOptimiserSkips) and its hash is
// carried over too.  Skipping a pass leaves the IR of every other function
// as it was: those passes change only the function they run on, and the
// module analyses they read (GlobalsAA) were computed before.  Where the
// build recorded its body after the inliner for the same closure hash
// (InlinedBodies.cpp), it skips the inliner's passes too and gets that body
// when the inliner's walk reaches it (SettleBodiesPass).
//
// The same callback keeps the optimiser off the stubs, in every compile at
// -O1 and above: every pass on a stub, and every pass on a call graph SCC
// made of stubs only.  A stub is already as simple as IR gets (an atomic
// load of its slot and a musttail call of what it loaded): nothing to
// inline into it, nothing to infer from an indirect call (its attributes
// are the function's own, copied by InstrumentPass), nothing to simplify;
// the passes only spent time on it (a third of the optimiser's time in a
// small-function patch compile of SQLite's amalgamation, 1,596 stubs), and
// in build mode its body becomes a jump after the optimiser anyway
// (JumpStubs.cpp).  With and without it, SQLite's amalgamation at -O2 has
// the same code and hashes, and so have Lua's units at -O2 (the hashes of
// all, the code of four).  Most external functions' stubs are not even
// there to skip: they are declarations through the optimiser
// (StubsAside.cpp).  Switch, for both: plugin argument skip-stubs=0
// (HOTPATCH_SKIP_STUBS=0).
//
//===----------------------------------------------------------------------===//
#include "Baseline.h"
#include "ClosuresFile.h"
#include "InlinedBodies.h"
#include "ModuleFacts.h"
#include "hotpatch_abi.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SCCIterator.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Analysis/LazyCallGraph.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/PassInstrumentation.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/TimeProfiler.h"
#include "llvm/Support/raw_ostream.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <deque>

using namespace llvm;

namespace hotpatch {
namespace {

/// What the compile of one module learnt, from the pass to FinalizePass.
/// A process compiles one module at a time (clang runs a separate cc1 for
/// each source of `clang a.c b.c`), but nothing in LLVM promises one module
/// per process, so the state says which module it is for.
struct ClosureState {
  std::string ModuleId;       ///< empty: ClosurePass has not run for any module
  std::string Context;        ///< hex: optimisation level, target, LLVM version
  std::string Path;           ///< this unit's file in the closures directory
  StringMap<Hash128> Closure; ///< function id -> closure hash
  /// Function name -> the hash of its own IR as clang emitted it (every
  /// defined function; the build records them with its bodies).
  StringMap<Hash128> Own;
  /// Function id -> the closure hash the build recorded its body under and
  /// the final hash that closure gave, where the closures file still says
  /// so: the closures file keeps saying it while the final hash stays the
  /// same, so that a function stays linked to its recorded body.
  StringMap<RecordedFunction> Built;
  StringMap<Hash128> Skipped; ///< function id -> its carried final hash
  /// Kept to be inlined: function id -> its carried final hash, and the
  /// impls (pinned by their slots, so never deleted while the pipeline runs).
  StringMap<Hash128> Inlinable;
  DenseSet<const Function *> InlinableImpls;
  /// Those of them with bodies after the inliner that the build recorded
  /// (InlinedBodies.cpp): the optimiser skips them from the start, and
  /// they get those bodies when the inliner's walk reaches them
  /// (SettleBodiesPass), as the build's inliner had made them by then.
  std::unique_ptr<RecordedBodies> Bodies;
  size_t Settled = 0;    ///< functions given their recorded bodies
  size_t Unaffected = 0; ///< of the candidates, unaffected ones
  /// Recorded bodies of unaffected functions are in use (also of static
  /// functions the build dropped): checkInferredAsBuilt must run.
  bool CheckInferred = false;
  bool InInliner = false;    ///< the inliner's pipeline has started
  bool AfterInliner = false; ///< the inliner is done (optimizer early)
  size_t Dropped = 0; ///< static functions deleted as the compile run did
  /// "<callee> <caller>": a build's calls given the last-call bonus, or a
  /// patch compile's recorded ones (InlineRecord.cpp).
  StringSet<> LastCalls;
  /// Function name -> the names of the unit's functions it references, for
  /// the front end of the next patch compile (FrontendSkip.cpp).
  StringMap<std::vector<std::string>> References;
};

ClosureState &state() {
  static ClosureState S;
  return S;
}

Hash128 digest(XXH3_state_t &S) {
  XXH128_hash_t H = XXH3_128bits_digest(&S);
  return {H.low64, H.high64};
}

void addHash(XXH3_state_t &S, Hash128 H) {
  XXH3_128bits_update(&S, &H, sizeof H);
}

/// The reference graph: every defined function, and what it references
/// through its instructions and the constants they use.  A stub or slot
/// is opaque to the optimiser (an atomic load of a pointer that may change)
/// so a reference to them leads nowhere: a caller going through them does
/// not depend on the callee's body.  A root node points at every node, so
/// that one walk sees them all.
struct ReferenceGraph {
  struct Node {
    const Function *F = nullptr; ///< null for the root
    SmallVector<Node *, 4> Succ;
  };
  std::deque<Node> Storage;
  Node Root;
  DenseMap<const Function *, Node *> NodeOfFunction;

  explicit ReferenceGraph(Module &M) {
    for (Function &F : M)
      if (!F.isDeclaration()) {
        Storage.push_back({&F, {}});
        NodeOfFunction[&F] = &Storage.back();
        Root.Succ.push_back(&Storage.back());
      }
    for (Node &N : Storage) {
      DenseSet<const Constant *> Seen;
      SetVector<Node *> Out;
      for (const BasicBlock &BB : *N.F)
        for (const Instruction &I : BB)
          for (const Value *Op : I.operands())
            if (auto *C = dyn_cast<Constant>(Op))
              collect(C, Seen, Out);
      N.Succ.assign(Out.begin(), Out.end());
    }
  }

private:
  void collect(const Constant *C, DenseSet<const Constant *> &Seen,
               SetVector<Node *> &Out) {
    if (!Seen.insert(C).second)
      return;
    if (auto *GV = dyn_cast<GlobalValue>(C)) {
      if (auto *F = dyn_cast<Function>(GV)) {
        if (Node *N = NodeOfFunction.lookup(F))
          Out.insert(N);
      } else if (auto *GA = dyn_cast<GlobalAlias>(GV)) {
        collect(GA->getAliasee(), Seen, Out);
      } else if (auto *Var = dyn_cast<GlobalVariable>(GV);
                 Var && Var->isConstant() && Var->hasInitializer()) {
        collect(Var->getInitializer(), Seen, Out);
      }
      return;
    }
    for (const Value *Op : C->operands())
      collect(cast<Constant>(Op), Seen, Out);
  }
};

} // namespace
} // namespace hotpatch

namespace llvm {
template <> struct GraphTraits<hotpatch::ReferenceGraph *> {
  using NodeRef = hotpatch::ReferenceGraph::Node *;
  using ChildIteratorType = NodeRef *;
  static NodeRef getEntryNode(hotpatch::ReferenceGraph *G) { return &G->Root; }
  static ChildIteratorType child_begin(NodeRef N) { return N->Succ.begin(); }
  static ChildIteratorType child_end(NodeRef N) { return N->Succ.end(); }
};
} // namespace llvm

namespace hotpatch {
namespace {

/// The functions \p C names, through casts and constant expressions, and
/// through the initialisers of the static locals of \p Owner (clang names
/// them "owner.name"), which its body states, but not through other
/// globals' contents.
void namedFunctions(const Constant *C, StringRef Owner,
                    DenseSet<const Constant *> &Seen,
                    std::vector<std::string> &Out) {
  if (!Seen.insert(C).second)
    return;
  if (auto *F = dyn_cast<Function>(C)) {
    Out.push_back(sourceName(F->getName()).str());
  } else if (auto *Var = dyn_cast<GlobalVariable>(C)) {
    StringRef Name = Var->getName();
    if (Var->hasInitializer() && Name.consume_front(Owner) &&
        Name.starts_with("."))
      namedFunctions(Var->getInitializer(), Owner, Seen, Out);
  } else if (!isa<GlobalValue>(C)) {
    for (const Value *Op : C->operands())
      namedFunctions(cast<Constant>(Op), Owner, Seen, Out);
  }
}

/// The functions each function's own code names, by source name: what
/// its body names in the source (FrontendSkip.cpp's edges), for the next
/// patch compile's front end; a placeholder's (FrontendSkip.cpp) as the
/// file before said, its body being that compile's.
StringMap<std::vector<std::string>>
namedReferences(Module &M, const DenseSet<const Function *> &Placeholders,
                const ClosuresFile &Recorded) {
  StringMap<std::vector<std::string>> Refs;
  for (const Function &F : M) {
    if (F.isDeclaration())
      continue;
    StringRef Name = sourceName(F.getName());
    std::vector<std::string> &Out = Refs[Name];
    if (Placeholders.contains(&F)) {
      Out = Recorded.References.lookup(Name);
      continue;
    }
    DenseSet<const Constant *> Seen;
    for (const BasicBlock &BB : F)
      for (const Instruction &I : BB)
        for (const Value *Op : I.operands())
          if (auto *C = dyn_cast<Constant>(Op))
            namedFunctions(C, Name, Seen, Out);
    llvm::sort(Out);
    Out.erase(std::unique(Out.begin(), Out.end()), Out.end());
    llvm::erase(Out, Name); // the stub's slot starts at the impl
  }
  // Functions this compile did not emit (static ones nothing used, since
  // the functions naming them got placeholders) are still in the text:
  // what they name stays what the file before said.
  if (const std::optional<BodyScan> &Scan = pluginConfig().MainScan)
    for (const ScannedBody &Body : Scan->Bodies)
      if (auto It = Recorded.References.find(Body.Name);
          It != Recorded.References.end())
        Refs.try_emplace(Body.Name, It->second);
  return Refs;
}

/// Closure hashes of every function node, callees before callers (one SCC
/// at a time: the members of a cycle share theirs).
/// Also the hashes of their own IR into \p OwnByName.
DenseMap<const Function *, Hash128>
closureHashes(ReferenceGraph &G, ContentHasher &Hasher, StringRef Context,
              StringMap<Hash128> &OwnByName) {
  DenseMap<const Function *, Hash128> Closure;
  for (auto I = scc_begin(&G); !I.isAtEnd(); ++I) {
    const std::vector<ReferenceGraph::Node *> &SCC = *I;
    if (!SCC.front()->F)
      continue; // the root
    DenseSet<const ReferenceGraph::Node *> Members(SCC.begin(), SCC.end());
    std::vector<Hash128> Own, Outside;
    for (const ReferenceGraph::Node *N : SCC) {
      Own.push_back(Hasher.hashFunction(*N->F));
      OwnByName[N->F->getName()] = Own.back();
      for (const ReferenceGraph::Node *S : N->Succ)
        if (!Members.count(S))
          Outside.push_back(Closure.lookup(S->F));
    }
    llvm::sort(Own);
    llvm::sort(Outside);
    XXH3_state_t S;
    XXH3_128bits_reset(&S);
    XXH3_128bits_update(&S, Context.data(), Context.size());
    for (Hash128 H : Own)
      addHash(S, H);
    XXH3_128bits_update(&S, "|", 1);
    for (Hash128 H : Outside)
      addHash(S, H);
    Hash128 C = digest(S);
    for (const ReferenceGraph::Node *N : SCC)
      Closure[N->F] = C;
  }
  return Closure;
}

/// Whether the body of the function \p Id has the tokens the last compile
/// recorded, so that its own IR is the same (FrontendSkip.cpp); nothing when
/// the tokens cannot tell (none were read, or one outside the bodies
/// changed).
std::optional<bool> sameBodyTokens(StringRef Id, const ClosuresFile &Previous) {
  const PluginConfig &C = pluginConfig();
  auto Tokens = C.FunctionTokens.find(Id);
  if (!C.OutsideTokens || C.OutsideTokens != Previous.Outside ||
      Tokens == C.FunctionTokens.end())
    return std::nullopt;
  return Previous.Functions.lookup(Id).Tokens == Tokens->second;
}

/// Whether a function that is not a candidate, or a static function the
/// build dropped, may be unaffected: its body's tokens are the recorded ones
/// (its own IR did not change), or they cannot tell.  Reading the recorded
/// module costs 0.1 s on SQLite's amalgamation, more than half of a small
/// function's optimisation there.
bool mayBeUnaffected(ArrayRef<InstrumentedFunction> Fns,
                     const DenseMap<const Function *, std::string> &Candidates,
                     const DenseSet<const Function *> &Droppable,
                     StringRef ModuleId, const ClosuresFile &Previous) {
  return any_of(Fns, [&](const InstrumentedFunction &F) {
    return (!Candidates.count(F.Impl) || Droppable.contains(F.Impl)) &&
           sameBodyTokens(stableId(*F.Stub, ModuleId), Previous).value_or(true);
  });
}

/// Unaffected functions (docs/design.md, "Unaffected callers"): their
/// closure hash changed, but neither their own IR nor any the build inlined
/// into them did, and the process runs what the build made of them.  Makes
/// them \p Candidates, and returns the closure hash their bodies were
/// recorded under, for them and for the static functions the build dropped
/// whose recorded bodies are unaffected.  Notes in state().Built which
/// functions the closures file still links to their recorded bodies (also
/// without keep-unaffected, so that its compiles keep the links).
DenseMap<const Function *, Hash128>
findUnaffected(Module &M, ArrayRef<InstrumentedFunction> Fns,
               const ClosuresFile &Previous, const Baseline &B,
               StringRef ModuleId,
               const DenseMap<const Function *, RecordedFunction> &Placeholders,
               const DenseSet<const Function *> &Droppable,
               DenseMap<const Function *, std::string> &Candidates) {
  ClosureState &St = state();
  const PluginConfig &C = pluginConfig();
  // Without keep-unaffected (hcc's second compile, or the switch) or the
  // recorded bodies (their switch) all are affected, and only the links
  // are noted.
  if (C.KeepUnaffected && C.InlinedBodies)
    St.Bodies->findAffected(
        ModuleId, [&](StringRef Name, StringRef Id, const Hash128 &Recorded) {
          const Function *Now = M.getFunction(Name);
          // Not emitted: a static function nothing emitted names, which the
          // front end's left-out bodies make common.  The same when its
          // tokens are.
          if (!Now || Now->isDeclaration())
            return sameBodyTokens(Id, Previous).value_or(false);
          auto It = St.Own.find(Name);
          // A placeholder has the tokens the recorded compile read.
          return Placeholders.count(Now) ||
                 (It != St.Own.end() && It->second == Recorded);
        });
  DenseMap<const Function *, Hash128> Tags;
  for (const InstrumentedFunction &F : Fns) {
    StringRef Name = F.Impl->getName();
    std::string Id = stableId(*F.Stub, ModuleId);
    std::optional<Hash128> Tag = St.Bodies->closureOf(Name);
    auto P = Previous.Functions.find(Id);
    bool Linked =
        Tag && P != Previous.Functions.end() && P->second.Closure == Tag;
    if (Linked)
      St.Built[Id] = P->second;
    if (!Tag || !St.Bodies->isUnaffected(Name))
      continue;
    // A static function the build dropped is not in the process: what is
    // inlined of it may be the build's body.
    if (Droppable.contains(F.Impl)) {
      Tags[F.Impl] = *Tag;
      continue;
    }
    auto Running = B.ModuleFunctions.find(Id);
    if (Linked && !Candidates.count(F.Impl) && !mayBeNumberedLambda(Id) &&
        Running != B.ModuleFunctions.end() &&
        P->second.Final == Running->second) {
      Candidates[F.Impl] = Id;
      Tags[F.Impl] = *Tag;
      ++St.Unaffected;
    }
  }
  return Tags;
}

/// Deletes the bodies of the functions that may be skipped (see the file
/// comment); records them in state().Skipped.
void skipUnchanged(Module &M, const std::vector<InstrumentedFunction> &Fns,
                   const ReferenceGraph &G,
                   const DenseMap<const Function *, Hash128> &Closure,
                   StringRef ModuleId) {
  ClosureState &St = state();
  const ClosuresFile &Previous = ClosuresFile::recorded(St.Path);
  // Recorded for another compile (level, target...): nothing compares.
  bool Comparable =
      Previous.Context == St.Context && !Previous.Functions.empty();
  const StringMap<RecordedFunction> &FrontendSkipped =
      pluginConfig().FrontendSkipped;
  if (!Comparable && FrontendSkipped.empty())
    return;
  Expected<const Baseline &> B = Baseline::read(baselinePath(), ModuleId);
  if (!B) {
    consumeError(B.takeError()); // FinalizePass reports it
    return;
  }
  DenseMap<const Function *, std::string> Candidates;
  // The front end gave these no IR but a placeholder body
  // (FrontendSkip.cpp): candidates by what the compile it skipped recorded.
  DenseMap<const Function *, RecordedFunction> Placeholders;
  for (const InstrumentedFunction &F : Fns) {
    std::string Id = stableId(*F.Stub, ModuleId);
    auto It = FrontendSkipped.find(Id);
    if (It == FrontendSkipped.end())
      continue;
    Placeholders[F.Impl] = It->second;
    Candidates[F.Impl] = Id;
  }
  // Static functions the process does not have because the compile it
  // runs dropped them (DropInlined.cpp), referenced only by its slot and
  // by calls: deleted with their stubs and slots when no optimised
  // function needs them, as that compile did.
  const User *UsedArray = compilerUsedArray(M);
  auto MayBeErased = [&](const InstrumentedFunction &F) {
    return mayBeDropped(F, UsedArray, B->ModuleFunctions, ModuleId) &&
           all_of(F.Impl->users(), [&](const User *U) {
             return U == F.Slot || isa<Instruction>(U);
           });
  };
  DenseSet<const Function *> Droppable;
  for (const InstrumentedFunction &F : Fns)
    if (pluginConfig().DropInlined && pluginConfig().SkipDropped &&
        MayBeErased(F)) {
      Droppable.insert(F.Impl);
      Candidates[F.Impl] = stableId(*F.Stub, ModuleId);
    }
  for (const InstrumentedFunction &F : Fns) {
    std::string Id = stableId(*F.Stub, ModuleId);
    // A lambda's id here is clang's numbering, which FinalizePass may
    // change (LambdaIds.cpp): its record may be another lambda's.
    if (mayBeNumberedLambda(Id) || Placeholders.count(F.Impl))
      continue;
    auto P = Previous.Functions.find(Id);
    auto Running = B->ModuleFunctions.find(Id);
    if (Comparable && P != Previous.Functions.end() &&
        Running != B->ModuleFunctions.end() &&
        P->second.Closure == Closure.lookup(F.Impl) &&
        P->second.Final == Running->second)
      Candidates[F.Impl] = Id;
  }
  // The bodies after the inliner the build recorded (InlinedBodies.cpp).
  // With inlined-bodies=0 they are read only to note the links
  // (findUnaffected), and closed again before anything uses them: a
  // closures file written without the links would unlink every function
  // this compile optimised again, and no later compile could keep it.
  bool UseBodies = pluginConfig().InlinedBodies;
  auto OpenBodies = [&] {
    if (M.debug_compile_units().empty() && !St.Bodies) {
      TimeTraceScope Scope("hotpatch: read recorded bodies");
      St.Bodies = RecordedBodies::open(M, inlinedBodiesPath(St.Path));
    }
  };
  DenseMap<const Function *, Hash128> UnaffectedTag;
  if (Comparable &&
      mayBeUnaffected(Fns, Candidates, Droppable, ModuleId, Previous))
    OpenBodies();
  if (St.Bodies && Comparable) {
    TimeTraceScope Scope("hotpatch: find unaffected");
    UnaffectedTag = findUnaffected(M, Fns, Previous, *B, ModuleId, Placeholders,
                                   Droppable, Candidates);
    St.CheckInferred = !UnaffectedTag.empty();
    if (!UseBodies)
      St.Bodies.reset();
  }
  // What is optimised keeps the bodies it references.
  DenseSet<const ReferenceGraph::Node *> Needed;
  std::vector<const ReferenceGraph::Node *> Work;
  for (const ReferenceGraph::Node *N : G.Root.Succ)
    if (!Candidates.count(N->F) && Needed.insert(N).second)
      Work.push_back(N);
  // An unaffected function's code relies on what the build inferred of
  // the functions it references.  Those the process runs were checked when
  // the compile that made their code ran (checkInferredAsBuilt); a changed
  // static function the build dropped (the process lacks it: its callers
  // inlined it, or IPSCCP put its constant return into them) would be
  // deleted unseen, so it goes through the inliner's passes to be checked.
  for (const auto &Entry : UnaffectedTag)
    for (const ReferenceGraph::Node *S :
         G.NodeOfFunction.lookup(Entry.first)->Succ)
      if (Droppable.contains(S->F) &&
          !St.Bodies->isUnaffected(S->F->getName()) && Needed.insert(S).second)
        Work.push_back(S);
  while (!Work.empty()) {
    const ReferenceGraph::Node *N = Work.back();
    Work.pop_back();
    for (const ReferenceGraph::Node *S : N->Succ)
      if (Needed.insert(S).second)
        Work.push_back(S);
  }
  std::vector<InstrumentedFunction> Dead;
  // Unchanged functions the optimised ones may inline: they may have their
  // bodies after the inliner recorded (InlinedBodies.cpp), under their
  // closure hash, or an unaffected one's under the build's.
  DenseMap<Function *, Hash128> Inlinable;
  auto RecordedUnder = [&](const Function *Impl) {
    auto It = UnaffectedTag.find(Impl);
    return It != UnaffectedTag.end() ? It->second : Closure.lookup(Impl);
  };
  for (const InstrumentedFunction &F : Fns) {
    auto It = Candidates.find(F.Impl);
    if (It == Candidates.end())
      continue;
    bool IsNeeded = Needed.count(G.NodeOfFunction.lookup(F.Impl));
    if (auto P = Placeholders.find(F.Impl); P != Placeholders.end()) {
      // A placeholder must never be optimised, let alone inlined: the
      // front end found nothing that could need it, and this checks what
      // the IR references.  The process lacks a static one (the compile
      // it runs dropped it) that must go as that compile's did.
      const RecordedFunction &R = P->second;
      bool Running = B->ModuleFunctions.count(It->second);
      if (!IsNeeded && Running && R.Closure && R.Final) {
        St.Closure[It->second] = *R.Closure;
        St.Skipped[It->second] = *R.Final;
        F.Impl->deleteBody();
      } else if (!IsNeeded && !Running && MayBeErased(F)) {
        Dead.push_back(F);
      } else {
        M.getContext().emitError(
            "hotpatch: internal error: the front end left out the IR of " +
            It->second +
            ", which the patch needs; HOTPATCH_SKIP_FRONTEND=0 hcc patch "
            "compiles it");
      }
      continue;
    }
    if (Droppable.contains(F.Impl)) {
      if (!IsNeeded)
        Dead.push_back(F);
      else if (!mayBeNumberedLambda(It->second))
        // Not run by the process, but inlined by what is.
        Inlinable[F.Impl] = RecordedUnder(F.Impl);
      continue;
    }
    // Recorded: a candidate's record matched the baseline.
    Hash128 Final =
        Previous.Functions.lookup(It->second).Final.value_or(Hash128());
    if (!IsNeeded) {
      St.Skipped[It->second] = Final;
      F.Impl->deleteBody();
    } else if (pluginConfig().SkipAfterInliner) {
      St.Inlinable[It->second] = Final;
      St.InlinableImpls.insert(F.Impl);
      Inlinable[F.Impl] = RecordedUnder(F.Impl);
    }
  }
  St.Dropped = Dead.size();
  eraseInstrumented(M, Dead);
  if (!Inlinable.empty() && UseBodies)
    OpenBodies();
  if (St.Bodies) {
    TimeTraceScope Scope("hotpatch: choose recorded bodies");
    St.Bodies->choose(Inlinable);
  }
}

/// Refuses because of what was inferred of \p F (\p Facts, \p When),
/// which functions kept as the build made them may rely on.
void refuseInferred(const Function &F, const Twine &Facts,
                    const Twine &When = "") {
  refusePatch(F.getContext(), HOTPATCH_REFUSAL_RETRY,
              "the optimiser inferred " + Facts + " for " +
                  sourceName(F.getName()) + " than the build did" + When);
}

/// Whether \p F went through the optimiser's inference here: neither a
/// stub nor a function given its recorded body (and attributes).
bool isInferredHere(const Function &F) {
  return !F.isDeclaration() && !F.hasFnAttribute(StubAttrName) &&
         !state().Bodies->functions().contains(&F);
}

/// The code of unaffected functions is the build's (as is the body of an
/// unaffected static function the build dropped, which changed code may
/// inline), which may rely on what the build inferred of the functions it
/// calls: those that went through the inliner's passes here must have the
/// attributes and constant return they had there.  Else the compile is
/// refused with kind "retry", and hcc compiles the unit again without
/// keeping unaffected functions (docs/design.md, "Unaffected callers").
void checkInferredAsBuilt(Module &M) {
  RecordedBodies &Bodies = *state().Bodies;
  for (const Function &F : M)
    if (isInferredHere(F) && !Bodies.inferredAsBuilt(F))
      return refuseInferred(F, "other attributes or another constant return");
}

/// The same check, early: when the walk visits a call graph SCC, the
/// functions it calls in other SCCs are finished, and a memory effect of
/// one that differs from the build's already means the refusal above (no
/// pass after the walk changes memory effects).  A leaf's SCC comes first,
/// so an edit that makes a function write memory is refused before the
/// walk optimises its callers, and the rest of the compile is skipped.
void checkCalleesInferredAsBuilt(LazyCallGraph::SCC &C, LazyCallGraph &CG) {
  const RecordedBodies &Bodies = *state().Bodies;
  for (LazyCallGraph::Node &N : C)
    for (LazyCallGraph::Edge &E : *N) {
      const Function &Callee = E.getFunction();
      if (E.isCall() && CG.lookupSCC(E.getNode()) != &C &&
          isInferredHere(Callee) && !Bodies.sameMemoryEffects(Callee))
        return refuseInferred(
            Callee, "other memory effects",
            ", seen as the inliner's walk reached its caller " +
                sourceName(N.getFunction().getName()));
    }
}

/// The function a function or loop pass runs on, or null.
const Function *functionOf(const Any &IR) {
  if (const auto *F = any_cast<const Function *>(&IR))
    return *F;
  if (const auto *L = any_cast<const Loop *>(&IR))
    return (*L)->getHeader()->getParent();
  return nullptr;
}

/// Whether a pass is about to run on a function the optimiser has nothing
/// to do for -- a stub, or a body already as it is after the inliner --
/// or on a call graph SCC of such functions only.
bool isSettledOnly(const Any &IR) {
  auto IsSettled = [](const Function &F) {
    const ClosureState &St = state();
    return (pluginConfig().SkipStubs && F.hasFnAttribute(StubAttrName)) ||
           (St.InInliner && St.Bodies && St.Bodies->functions().contains(&F));
  };
  if (const Function *F = functionOf(IR))
    return IsSettled(*F);
  if (const auto *C = any_cast<const LazyCallGraph::SCC *>(&IR))
    return all_of(**C, [&](const LazyCallGraph::Node &N) {
      return IsSettled(N.getFunction());
    });
  return false;
}

/// Whether a pass is about to run on a call graph SCC with a function whose
/// recorded body it has not got yet.
bool hasPendingBody(const Any &IR) {
  const RecordedBodies *Bodies = state().Bodies.get();
  const auto *C = any_cast<const LazyCallGraph::SCC *>(&IR);
  return Bodies && C && any_of(**C, [&](const LazyCallGraph::Node &N) {
           return Bodies->isPending(N.getFunction());
         });
}

} // namespace

ClosureSkip closureSkip(StringRef ModuleId, StringRef Id) {
  if (!closuresEnabled(ModuleId))
    return ClosureSkip::None;
  if (state().Skipped.count(Id))
    return ClosureSkip::Whole;
  if (state().Inlinable.count(Id))
    return ClosureSkip::AfterInliner;
  return ClosureSkip::None;
}

std::optional<Hash128> carriedFunctionHash(StringRef ModuleId, StringRef Id) {
  switch (closureSkip(ModuleId, Id)) {
  case ClosureSkip::Whole: return state().Skipped.lookup(Id);
  case ClosureSkip::AfterInliner: return state().Inlinable.lookup(Id);
  case ClosureSkip::None: break;
  }
  return std::nullopt;
}

void registerOptimiserSkips(PassBuilder &PB) {
  PassInstrumentationCallbacks *PIC = PB.getPassInstrumentationCallbacks();
  if (!PIC)
    return; // no instrumentation: every function is optimised to the end

  // Functions with recorded bodies go through the passes before the
  // inliner as in the build: what those passes see of them (IPSCCP, which
  // infers return ranges; the call graph the inliner starts from, whose
  // order it follows) is then the same as there.
  PIC->registerBeforeNonSkippedPassCallback([](StringRef PassID, const Any &) {
    if (PassID == "ModuleInlinerWrapperPass")
      state().InInliner = true;
  });
  PIC->registerShouldRunOptionalPassCallback(
      [](StringRef PassID, const Any &IR) {
        if (pluginConfig().Retry)
          return false; // hcc compiles the unit again; this one is wasted
        if (isSettledOnly(IR))
          // The SCC pipeline's wrapper still runs where a body is to be
          // settled: SettleBodiesPass is inside it (every other pass in it is
          // skipped on its own).
          return PassID == "DevirtSCCRepeatedPass" && hasPendingBody(IR);
        const Function *F = functionOf(IR);
        const ClosureState &St = state();
        return !F || !St.AfterInliner || !St.InlinableImpls.contains(F);
      });
}

PreservedAnalyses InlinerDonePass::run(Module &M, ModuleAnalysisManager &) {
  std::string ModuleId = moduleId(M);
  if (!closuresEnabled(ModuleId))
    return PreservedAnalyses::all();
  ClosureState &St = state();
  St.AfterInliner = true;
  if (St.CheckInferred && St.Bodies && !pluginConfig().Retry)
    checkInferredAsBuilt(M);
  // Its module belongs to this compile's context.  Bodies the inliner's
  // walk did not reach (a pipeline without it) stay as clang made them:
  // they are unchanged, and imported from the process.
  St.Bodies.reset();
  if (pluginConfig().InlinedBodies && baselinePath().empty() &&
      M.debug_compile_units().empty()) {
    // Build mode: every body is here, as the inliner left it.
    DenseMap<Function *, Hash128> Closure;
    for (const InstrumentedFunction &F : instrumentedFunctions(M))
      if (auto It = St.Closure.find(stableId(*F.Stub, ModuleId));
          It != St.Closure.end() && !F.Impl->isDeclaration())
        Closure[F.Impl] = It->second;
    writeInlinedBodies(M, Closure, St.Own, inlinedBodiesPath(St.Path));
  }
  return PreservedAnalyses::all();
}

PreservedAnalyses SettleBodiesPass::run(LazyCallGraph::SCC &C,
                                        CGSCCAnalysisManager &AM,
                                        LazyCallGraph &CG,
                                        CGSCCUpdateResult &UR) {
  RecordedBodies *Bodies = state().Bodies.get();
  if (!Bodies || pluginConfig().Retry)
    return PreservedAnalyses::all();
  if (state().CheckInferred) {
    checkCalleesInferredAsBuilt(C, CG);
    if (pluginConfig().Retry)
      return PreservedAnalyses::all();
  }
  SmallVector<Function *, 4> Fns;
  for (LazyCallGraph::Node &N : C)
    Fns.push_back(&N.getFunction());
  FunctionAnalysisManager &FAM =
      AM.getResult<FunctionAnalysisManagerCGSCCProxy>(C, CG).getManager();
  LazyCallGraph::SCC *Current = &C;
  bool Changed = false;
  for (Function *F : Fns) {
    if (!Bodies->settle(*F))
      continue;
    ++state().Settled;
    FAM.invalidate(*F, PreservedAnalyses::none());
    // The body now calls what the functions it inlined called.
    Current = &updateCGAndAnalysisManagerForCGSCCPass(CG, *Current, CG.get(*F),
                                                      AM, UR, FAM);
    Changed = true;
  }
  if (!Changed)
    return PreservedAnalyses::all();
  // The other functions of the SCC are as they were: giving bodies to some
  // is no reason to run the function simplification pipeline again on the
  // others when the SCCs split from this one are visited (what the inliner
  // then inlines into them is).
  PreservedAnalyses PA;
  PA.preserve<ShouldNotRunFunctionPassesAnalysis>();
  return PA;
}

size_t settledBodies(StringRef ModuleId) {
  return closuresEnabled(ModuleId) ? state().Settled : 0;
}

size_t unaffectedFunctions(StringRef ModuleId) {
  return closuresEnabled(ModuleId) ? state().Unaffected : 0;
}

bool recordedBodyPending(const Function &F) {
  const RecordedBodies *Bodies = state().Bodies.get();
  return Bodies && Bodies->isPending(F);
}

bool closuresEnabled(StringRef ModuleId) {
  return !ModuleId.empty() && state().ModuleId == ModuleId;
}

bool claimLastCallBonus(StringRef ModuleId, StringRef Callee,
                        StringRef Caller) {
  ClosureState &St = state();
  if (!pluginConfig().LastCallBonus || !closuresEnabled(ModuleId))
    return false;
  std::string Call = (Callee + " " + Caller).str();
  if (!baselinePath().empty())
    return St.LastCalls.contains(Call);
  St.LastCalls.insert(Call);
  return true;
}

PreservedAnalyses ClosurePass::run(Module &M, ModuleAnalysisManager &) {
  std::string ModuleId = moduleId(M);
  if (pluginConfig().Closures.empty() || closuresEnabled(ModuleId))
    return PreservedAnalyses::all();
  ClosureState &St = state();
  St = ClosureState();
  St.ModuleId = ModuleId;
  forgetInlinedCallees();
  St.Path = closuresFilePath(ModuleId);
  if (!baselinePath().empty())
    St.LastCalls = ClosuresFile::recorded(St.Path).LastCalls;
  {
    raw_string_ostream OS(St.Context);
    XXH3_state_t S;
    XXH3_128bits_reset(&S);
    std::string Key = "O" + std::to_string(Level.getSpeedupLevel()) + "s" +
                      std::to_string(Level.getSizeLevel()) + " " +
                      M.getTargetTriple() + " " + M.getDataLayoutStr() +
                      " " LLVM_VERSION_STRING + "\n" + M.getModuleInlineAsm();
    XXH3_128bits_update(&S, Key.data(), Key.size());
    OS << hex128(digest(S));
  }
  std::vector<InstrumentedFunction> Fns = instrumentedFunctions(M);
  ReferenceGraph G(M);
  DenseMap<const Function *, Hash128> Closure;
  {
    TimeTraceScope Scope("hotpatch: closure hashes");
    ContentHasher Hasher(M, ModuleId, Fns);
    Closure = closureHashes(G, Hasher, St.Context, St.Own);
  }
  DenseSet<const Function *> Placeholders;
  for (const InstrumentedFunction &F : Fns) {
    std::string Id = stableId(*F.Stub, ModuleId);
    St.Closure[Id] = Closure.lookup(F.Impl);
    if (pluginConfig().FrontendSkipped.count(Id))
      Placeholders.insert(F.Impl);
  }
  St.References =
      namedReferences(M, Placeholders, ClosuresFile::recorded(St.Path));
  if (baselinePath().empty())
    return PreservedAnalyses::all();
  skipUnchanged(M, Fns, G, Closure, ModuleId);
  return St.Skipped.empty() && !St.Dropped ? PreservedAnalyses::all()
                                           : PreservedAnalyses::none();
}

void writeClosures(const ModuleFacts &Facts) {
  if (!closuresEnabled(Facts.ModuleId) || pluginConfig().Refused)
    return;
  const ClosureState &St = state();
  const PluginConfig &C = pluginConfig();
  ClosuresFile File;
  File.Context = St.Context;
  File.Outside = C.OutsideTokens;
  for (const FunctionFact &F : Facts.Functions) {
    auto It = St.Closure.find(F.Id);
    if (It == St.Closure.end())
      continue;
    // The build's closure gave this final hash too: saying so keeps the
    // function linked to its recorded body (ClosureState::Built).
    auto Built = St.Built.find(F.Id);
    bool Linked =
        Built != St.Built.end() && Built->second.Final == std::optional(F.Hash);
    File.Functions[F.Id] = {Linked ? Built->second.Closure : It->second, F.Hash,
                            std::nullopt};
  }
  // Also the functions the output lacks (static functions dropped after
  // they were inlined everywhere): their tokens say whether they changed.
  for (const auto &[Id, Tokens] : C.FunctionTokens)
    File.Functions[Id].Tokens = Tokens;
  File.LastCalls = St.LastCalls;
  File.Scan = C.MainScan;
  File.References = St.References;
  File.ThreadStarters = C.ThreadStarters;
  File.UnitUnsafe = C.UnitUnsafe;
  File.write(St.Path);
}

bool placeholdersSettled(Module &M, StringRef ModuleId,
                         ArrayRef<InstrumentedFunction> Functions) {
  const StringMap<RecordedFunction> &Placeholders =
      pluginConfig().FrontendSkipped;
  for (const InstrumentedFunction &F : Functions) {
    std::string Id = stableId(*F.Stub, ModuleId);
    if (Placeholders.count(Id) && !F.Impl->isDeclaration()) {
      M.getContext().emitError(
          "hotpatch: internal error: " + Id +
          " kept the placeholder the front end gave it; "
          "HOTPATCH_SKIP_FRONTEND=0 hcc patch compiles it");
      return false;
    }
  }
  return true;
}

} // namespace hotpatch
