//===- FrontendSkip.cpp - No IR for what a patch does not need ------------===//
//
// A patch compile of a big unit spends much of its time generating IR for
// functions nobody edited, which ClosurePass then finds unchanged and
// deletes (SQLite's amalgamation: 2.2-2.6 s for an edit of a one-line
// function, 1.25 s with the other bodies left out).  In a C unit, this
// leaves out the IR of every function the patch cannot need:
//
//   tokens      every compile at -O1 and above hashes the tokens the parser
//               reads (after macro expansion, with the text of each
//               #pragma): those of each function's body, and all the others
//               (declarations, types, initialisers, signatures) together.
//               The closures file records both (ClosuresFile.h).  Equal
//               tokens outside bodies and in a body mean the same body:
//               the same declarations in scope, the same expansion,
//               __LINE__ included.
//   changed     a function whose body's tokens differ from the record, that
//               has no record, or whose recorded final hash is not what the
//               process runs (the baseline: a stale or failed record skips
//               nothing), or that this file cannot vouch for (an asm label,
//               an annotation, a body from a macro ...).
//   needed      the changed functions, the functions that call or name them
//               (they may inline them: their final IR may change), in
//               turn, and everything those call or name (their IR must be
//               what a full compile optimises).  These are the closures of
//               ClosurePass, computed on the AST over a superset of its
//               edges: every function a body names, not only its calls.
//
// Everything else gets a placeholder body (empty) for the code generator,
// and ClosurePass, which deletes unchanged bodies anyway, deletes it
// before the optimiser and carries the recorded hashes over: the patch is
// the one a full compile makes.  ClosurePass also checks that nothing it
// optimises references a placeholder, and FinalizePass that none is left;
// either is a compile error (an internal one), never a wrong patch.
//
// The code generator sees each function as the parser finishes it, before
// a later edited function can say it needs it, so each body is hidden from
// it (the function looks declared only) and given back right after (a
// second consumer, after the code generator's); at the end of the unit,
// every definition is handed to the code generator again, in parse order,
// with its body or the placeholder.  Unchanged static functions the
// process has are emitted even when nothing references them any more, as
// the full compile did (`-femit-all-decls` for that moment).
//
// Not for the whole unit when a token outside the bodies changed (or a
// pragma came from a macro, or a token's text could not be read), nor in
// a unit that defines main or starts threads on its own functions
// (InstrumentPass finds the long-running functions in the bodies), nor in
// one with aliases or ifuncs.  Only C: in C++ a body may change another's
// meaning (deduced return types, constexpr evaluation, templates).
// Switch: HOTPATCH_SKIP_FRONTEND=0 (plugin argument skip-frontend=0).
//
//===----------------------------------------------------------------------===//
#include "FrontendSkip.h"
#include "Baseline.h"
#include "BodyScan.h"
#include "ClosuresFile.h"
#include "Hotpatch.h"
#include "hotpatch_abi.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Mangle.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

using namespace llvm;

namespace hotpatch {

namespace {

/// Whether the IR name and stable id of \p FD follow from its name alone,
/// and its body may be left out: a plain C function, instrumented like any
/// other (InstrumentPass), named as written.
bool mayBePlaceholder(const clang::FunctionDecl *FD) {
  if (FD->isMain() || !FD->getIdentifier() ||
      FD->getName().starts_with("__hotpatch") ||
      (FD->isInlineSpecified() && FD->isExternallyVisible()))
    return false;
  return !FD->hasAttr<clang::AsmLabelAttr>() &&
         !FD->hasAttr<clang::AnnotateAttr>() &&
         !FD->hasAttr<clang::NakedAttr>() &&
         !FD->hasAttr<clang::OverloadableAttr>() &&
         !FD->hasAttr<clang::GNUInlineAttr>() &&
         !FD->hasAttr<clang::AlwaysInlineAttr>() &&
         !FD->hasAttr<clang::WeakRefAttr>();
}

bool makesUnitUnsafe(const clang::Decl *D) {
  return D->hasAttr<clang::AliasAttr>() || D->hasAttr<clang::IFuncAttr>() ||
         D->hasAttr<clang::WeakRefAttr>();
}

} // namespace

class FrontendSkip {
public:
  FrontendSkip(clang::CompilerInstance &CI, bool Hiding)
      : CI(CI), SM(CI.getSourceManager()), Hiding(Hiding),
        PthreadCreate(CI.getPreprocessor().getIdentifierInfo("pthread_create")),
        ThrdCreate(CI.getPreprocessor().getIdentifierInfo("thrd_create")) {
    XXH3_128bits_reset(&Outside);
  }

  /// Before the parse: which bodies the parser may skip.
  void planSkips(const ClosuresFile &Recorded, StringRef ModuleId);

  /// The parser asks, at a body's `{`, whether to skip it.
  bool shouldSkipBody(clang::Decl *D) {
    auto *FD = dyn_cast<clang::FunctionDecl>(D);
    if (!FD || !FD->getIdentifier() || Pending.empty() || !mayBePlaceholder(FD))
      return false;
    auto It = SkipOffsets.find(FD->getName());
    const TokenHash &Brace = Pending.back(); // the parser's current token
    clang::SourceLocation Loc =
        clang::SourceLocation::getFromRawEncoding(Brace.Loc);
    if (It == SkipOffsets.end() || Brace.Kind != clang::tok::l_brace ||
        !Loc.isFileID() || SM.getFileID(Loc) != SM.getMainFileID() ||
        !is_contained(It->second, SM.getFileOffset(Loc)))
      return false;
    Skipped[FD] = {Loc, Loc};
    return true;
  }

  /// Every token the parser reads, in order.
  void onToken(const clang::Token &T) {
    uint64_t Kind = T.getKind();
    bool Thread = false;
    StringRef Text;
    if (T.isOneOf(clang::tok::annot_module_include,
                  clang::tok::annot_module_begin, clang::tok::annot_module_end,
                  clang::tok::annot_header_unit, clang::tok::annot_embed)) {
      Poisoned = true; // text that is not tokens here: a module, #embed
      return;
    }
    if (T.isAnnotation()) {
      // A pragma the parser acts on (onPragma hashes its text), or one the
      // parser made of tokens hashed before.
      Kind |= 1u << 16;
    } else if (const clang::IdentifierInfo *II = T.getIdentifierInfo()) {
      Text = II->getName();
      Thread = II == PthreadCreate || II == ThrdCreate;
    } else if (T.isLiteral()) {
      if (!T.getLiteralData()) {
        Poisoned = true;
        return;
      }
      Text = StringRef(T.getLiteralData(), T.getLength());
    }
    Pending.push_back({T.getLocation().getRawEncoding(), T.getKind(), Thread,
                       XXH3_64bits_withSeed(Text.data(), Text.size(), Kind)});
  }

  /// Every #pragma: the line as written (a pragma changes what follows
  /// without being a token: `#pragma clang optimize off`).
  void onPragma(clang::SourceLocation Loc,
                clang::PragmaIntroducerKind Introducer) {
    bool Invalid = false;
    const char *Start =
        Loc.isFileID() ? SM.getCharacterData(Loc, &Invalid) : nullptr;
    if (Introducer != clang::PIK_HashPragma || !Start || Invalid) {
      Poisoned = true; // _Pragma, from a macro: not followed here
      return;
    }
    const char *End = Start;
    while (*End && (*End != '\n' || (End > Start && End[-1] == '\\')))
      ++End;
    Pending.push_back({Loc.getRawEncoding(), clang::tok::unknown, false,
                       XXH3_64bits_withSeed(Start, End - Start, 1u << 17)});
  }

  /// Before the code generator sees \p DG: the tokens read so far are
  /// split into the body of a function it defines and the rest.
  void beforeCodeGen(clang::DeclGroupRef DG) {
    if (Replaying)
      return;
    afterCodeGen(); // the previous declaration's, had no consumer come after
    for (clang::Decl *D : DG) {
      auto *FD = dyn_cast<clang::FunctionDecl>(D);
      if (FD && Skipped.count(FD)) {
        Defined.push_back(FD);
        hashSkippedBody(FD);
        continue;
      }
      if (!FD || !FD->doesThisDeclarationHaveABody())
        continue;
      Defined.push_back(FD);
      hashBody(FD);
      if (Hiding) {
        Hidden.push_back({FD, FD->getBody()});
        FD->setBody(nullptr);
      }
    }
  }

  /// After the code generator saw a declaration: the bodies come back for
  /// the parser and Sema.
  void afterCodeGen() {
    for (auto [FD, Body] : Hidden)
      FD->setBody(Body);
    Hidden.clear();
  }

  /// At the end of the unit, before the code generator's own end: records
  /// the hashes and, in a patch compile, hands every definition over.
  void finish(clang::ASTContext &Ctx);

private:
  struct TokenHash {
    clang::SourceLocation::UIntTy Loc;
    clang::tok::TokenKind Kind;
    bool Thread; ///< pthread_create or thrd_create
    uint64_t Hash;
  };

  void addOutside(ArrayRef<TokenHash> Tokens) {
    for (const TokenHash &T : Tokens)
      XXH3_128bits_update(&Outside, &T.Hash, sizeof T.Hash);
  }

  void hashBody(clang::FunctionDecl *FD) {
    clang::Stmt *Body = FD->getBody();
    size_t First = find(Body->getBeginLoc(), 0);
    hashTokens(FD, First, find(Body->getEndLoc(), First));
  }

  /// The same for a body the parser skipped: from the `{` it stopped at to
  /// the matching `}`, which it skipped to.
  void hashSkippedBody(clang::FunctionDecl *FD) {
    auto &[LBrace, RBrace] = Skipped[FD];
    size_t First = find(LBrace, 0), Last = Pending.size();
    int Depth = 0;
    for (size_t I = First; I < Pending.size() && Last == Pending.size(); ++I)
      if (Pending[I].Kind == clang::tok::l_brace)
        ++Depth;
      else if (Pending[I].Kind == clang::tok::r_brace && --Depth == 0)
        Last = I;
    if (Last < Pending.size())
      RBrace = clang::SourceLocation::getFromRawEncoding(Pending[Last].Loc);
    hashTokens(FD, First, Last);
  }

  size_t find(clang::SourceLocation L, size_t From) const {
    for (size_t I = From; I < Pending.size(); ++I)
      if (Pending[I].Loc == L.getRawEncoding())
        return I;
    return Pending.size();
  }

  /// Pending[First..Last] is \p FD's body, what comes before it outside.
  void hashTokens(clang::FunctionDecl *FD, size_t First, size_t Last) {
    if (Last >= Pending.size()) {
      addOutside(Pending); // no hash: the function counts as changed
      Pending.clear();
      return;
    }
    addOutside(ArrayRef(Pending).take_front(First));
    XXH3_state_t S;
    XXH3_128bits_reset(&S);
    bool Thread = false;
    for (size_t I = First; I <= Last; ++I) {
      XXH3_128bits_update(&S, &Pending[I].Hash, sizeof Pending[I].Hash);
      Thread |= Pending[I].Thread;
    }
    XXH128_hash_t H = XXH3_128bits_digest(&S);
    BodyTokens[FD] = {H.low64, H.high64};
    if (Thread && FD->getIdentifier())
      pluginConfig().ThreadStarters.insert(FD->getName());
    // What the parser read after the body belongs to the next declaration.
    Pending.erase(Pending.begin(), Pending.begin() + Last + 1);
  }

  using IdMap = DenseMap<const clang::FunctionDecl *, std::string>;
  std::optional<std::string> idOf(const clang::FunctionDecl *FD,
                                  clang::ASTNameGenerator &Names,
                                  StringRef ModuleId) const;
  bool unchanged(const clang::FunctionDecl *FD, const class References &Refs,
                 const IdMap &Ids, const ClosuresFile &Recorded,
                 const Baseline &B) const;
  DenseSet<const clang::FunctionDecl *>
  neededFunctions(const class References &Refs, const IdMap &Ids,
                  const ClosuresFile &Recorded, const Baseline &B) const;
  DenseSet<const clang::FunctionDecl *>
  forcedFunctions(const class References &Refs,
                  const DenseSet<const clang::FunctionDecl *> &Needed,
                  const IdMap &Ids, const Baseline &B) const;
  void handOver(clang::ASTContext &Ctx,
                const DenseSet<const clang::FunctionDecl *> &Needed,
                const DenseSet<const clang::FunctionDecl *> &Forced,
                const IdMap &Ids, const ClosuresFile &Recorded);

  bool skippedAndNeeded(const DenseSet<const clang::FunctionDecl *> &Needed,
                        clang::ASTContext &Ctx);

  clang::CompilerInstance &CI;
  clang::SourceManager &SM;
  bool Hiding;
  const clang::IdentifierInfo *PthreadCreate, *ThrdCreate;
  /// What planSkips allows: function name -> the offsets of its `{` (one
  /// per branch of a conditional that defines it).
  StringMap<SmallVector<uint64_t, 1>> SkipOffsets;
  /// The bodies the parser skipped, with their braces.
  DenseMap<const clang::FunctionDecl *,
           std::pair<clang::SourceLocation, clang::SourceLocation>>
      Skipped;
  bool Replaying = false;
  bool Poisoned = false;
  std::vector<TokenHash> Pending;
  XXH3_state_t Outside;
  std::vector<clang::FunctionDecl *> Defined; ///< in parse order
  DenseMap<const clang::FunctionDecl *, Hash128> BodyTokens;
  std::vector<std::pair<clang::FunctionDecl *, clang::Stmt *>> Hidden;
};

/// What the bodies of the unit's functions name, and what keeps the unit
/// from skipping anything.
class References : public clang::RecursiveASTVisitor<References> {
public:
  DenseMap<const clang::FunctionDecl *,
           SmallVector<const clang::FunctionDecl *, 4>>
      Edges;
  DenseSet<const clang::FunctionDecl *> AddressTaken;
  bool UnitUnsafe = false;

  void walkBody(const clang::FunctionDecl *FD) {
    Current = FD->getCanonicalDecl();
    TraverseStmt(FD->getBody());
    Current = nullptr;
  }

  void walkInitializer(const clang::VarDecl *VD) {
    if (const clang::Expr *Init = VD->getInit())
      TraverseStmt(const_cast<clang::Expr *>(Init));
  }

  bool VisitCallExpr(clang::CallExpr *Call) {
    if (auto *Ref = dyn_cast<clang::DeclRefExpr>(
            Call->getCallee()->IgnoreParenImpCasts()))
      Callees.insert(Ref);
    // InstrumentPass finds the functions threads run at the calls that
    // start them; a placeholder there would hide one.
    const clang::FunctionDecl *Callee = Call->getDirectCallee();
    if (Callee && Callee->getIdentifier() &&
        (Callee->getName() == "pthread_create" ||
         Callee->getName() == "thrd_create"))
      for (const clang::Expr *Arg : Call->arguments())
        if (isa_and_nonnull<clang::FunctionDecl>(
                Arg->IgnoreParenCasts()->getReferencedDeclOfCallee()))
          UnitUnsafe = true;
    return true;
  }

  bool VisitDeclRefExpr(clang::DeclRefExpr *Ref) {
    auto *FD = dyn_cast<clang::FunctionDecl>(Ref->getDecl());
    if (!FD)
      return true;
    FD = FD->getCanonicalDecl();
    if (Current)
      Edges[Current].push_back(FD);
    if (!Callees.contains(Ref))
      AddressTaken.insert(FD);
    return true;
  }

  bool VisitVarDecl(clang::VarDecl *VD) {
    if (const auto *Cleanup = VD->getAttr<clang::CleanupAttr>())
      if (Current && Cleanup->getFunctionDecl())
        Edges[Current].push_back(
            Cleanup->getFunctionDecl()->getCanonicalDecl());
    return true;
  }

private:
  const clang::FunctionDecl *Current = nullptr;
  DenseSet<const clang::DeclRefExpr *> Callees;
};

std::optional<std::string> FrontendSkip::idOf(const clang::FunctionDecl *FD,
                                              clang::ASTNameGenerator &Names,
                                              StringRef ModuleId) const {
  if (!FD->getIdentifier() || !BodyTokens.count(FD) ||
      Names.getName(FD) != FD->getName())
    return std::nullopt;
  // stableId(): a local symbol by module id and name.
  if (!FD->isExternallyVisible())
    return (ModuleId + ":" + FD->getName()).str();
  return FD->getName().str();
}

void FrontendSkip::finish(clang::ASTContext &Ctx) {
  afterCodeGen(); // the last declaration's, if no consumer came after
  addOutside(Pending);
  Pending.clear();
  PluginConfig &C = pluginConfig();
  std::string ModuleId = moduleIdOf(CI.getFrontendOpts().Inputs[0].getFile());
  clang::ASTNameGenerator Names(Ctx);
  IdMap Ids;
  for (const clang::FunctionDecl *FD : Defined)
    if (std::optional<std::string> Id = idOf(FD, Names, ModuleId)) {
      C.FunctionTokens[*Id] = BodyTokens.lookup(FD);
      Ids[FD] = std::move(*Id);
    }
  XXH128_hash_t O = XXH3_128bits_digest(&Outside);
  if (!Poisoned)
    C.OutsideTokens = Hash128{O.low64, O.high64};
  if (!Hiding)
    return;

  // Everything, unless what may have changed is known.
  DenseSet<const clang::FunctionDecl *> Needed, Forced;
  for (const clang::FunctionDecl *FD : Defined)
    Needed.insert(FD->getCanonicalDecl());
  const ClosuresFile &Recorded =
      ClosuresFile::recorded(closuresFilePath(ModuleId));
  Expected<const Baseline &> B = Baseline::read(baselinePath(), ModuleId);
  if (!B) {
    consumeError(B.takeError()); // FinalizePass reports it
  } else if (C.OutsideTokens && Recorded.Outside == C.OutsideTokens) {
    References Refs;
    for (const clang::FunctionDecl *FD : Defined) {
      Refs.UnitUnsafe |= FD->isMain() || makesUnitUnsafe(FD);
      Refs.walkBody(FD);
    }
    for (const clang::Decl *D : Ctx.getTranslationUnitDecl()->decls()) {
      Refs.UnitUnsafe |= makesUnitUnsafe(D);
      if (const auto *VD = dyn_cast<clang::VarDecl>(D))
        Refs.walkInitializer(VD);
    }
    // A skipped body is the recorded one (checked below): what it
    // references, the recorded compile's IR said.
    StringMap<const clang::FunctionDecl *> ByName;
    for (const clang::FunctionDecl *FD : Defined)
      if (FD->getIdentifier())
        ByName[FD->getName()] = FD->getCanonicalDecl();
    for (const auto &[FD, Braces] : Skipped)
      if (auto It = Recorded.References.find(FD->getName());
          It != Recorded.References.end())
        for (const std::string &Name : It->second)
          if (const clang::FunctionDecl *To = ByName.lookup(Name))
            Refs.Edges[FD->getCanonicalDecl()].push_back(To);
    C.UnitUnsafe = Refs.UnitUnsafe;
    if (!Refs.UnitUnsafe) {
      Needed = neededFunctions(Refs, Ids, Recorded, *B);
      Forced = forcedFunctions(Refs, Needed, Ids, *B);
    }
  }
  if (skippedAndNeeded(Needed, Ctx))
    return;
  handOver(Ctx, Needed, Forced, Ids, Recorded);
}

/// Whether the parser skipped a body that the patch needs (planSkips
/// guessed wrong: a header, a macro, __COUNTER__): then this compile can
/// only fail, and hcc compiles the unit again with every body parsed.
bool FrontendSkip::skippedAndNeeded(
    const DenseSet<const clang::FunctionDecl *> &Needed,
    clang::ASTContext &Ctx) {
  for (const clang::FunctionDecl *FD : Defined)
    if (Skipped.count(FD) && Needed.contains(FD->getCanonicalDecl())) {
      std::string Text =
          ("the body of '" + FD->getName() +
           "' was not parsed, and the patch needs it: compiling again with "
           "every body parsed")
              .str();
      recordRefusal(HOTPATCH_REFUSAL_RETRY, Text);
      clang::DiagnosticsEngine &Diags = Ctx.getDiagnostics();
      Diags.Report(Diags.getCustomDiagID(clang::DiagnosticsEngine::Error,
                                         "hotpatch: %0"))
          << Text;
      return true;
    }
  return false;
}

void FrontendSkip::planSkips(const ClosuresFile &Recorded, StringRef ModuleId) {
  const PluginConfig &C = pluginConfig();
  // What makes finish() give every function its IR: another text outside
  // the bodies, and what neededFunctions cannot see through (main, a
  // thread started on a function of the unit, an alias: the last record
  // says, or main in the text).
  if (!C.SkipParse || !C.MainScan || !Recorded.Scan ||
      Recorded.Scan->Outside != C.MainScan->Outside || Recorded.UnitUnsafe ||
      any_of(C.MainScan->Bodies,
             [](const ScannedBody &Body) { return Body.Name == "main"; }))
    return;
  Expected<const Baseline &> B = Baseline::read(baselinePath(), ModuleId);
  if (!B) {
    consumeError(B.takeError()); // FinalizePass reports it
    return;
  }
  // Bodies whose text changed (a name the scan sees more than once, in the
  // branches of a conditional, changed if any of them did) ...
  StringMap<SmallVector<uint64_t, 1>> Before, Now, Offsets;
  for (const ScannedBody &Body : Recorded.Scan->Bodies)
    Before[Body.Name].push_back(Body.Key);
  for (const ScannedBody &Body : C.MainScan->Bodies) {
    Now[Body.Name].push_back(Body.Key);
    Offsets[Body.Name].push_back(Body.Offset);
  }
  StringSet<> Changed;
  for (auto &[Name, Keys] : Now) {
    auto It = Before.find(Name);
    llvm::sort(Keys);
    if (It == Before.end() || (llvm::sort(It->second), It->second != Keys))
      Changed.insert(Name);
  }
  // What a changed body names now, as far as its text shows (a helper it
  // calls for the first time has no recorded caller); a name from a macro
  // is only seen by finish(), which then asks for the compile again.
  StringMap<std::vector<StringRef>> NewNames;
  StringRef Text = SM.getBufferData(SM.getMainFileID());
  for (const ScannedBody &Body : C.MainScan->Bodies)
    if (Changed.contains(Body.Name))
      append_range(NewNames[Body.Name],
                   identifiersIn(Text.substr(Body.Offset, Body.Length)));
  auto ForEachName = [&](StringRef From, auto Fn) {
    if (auto It = Recorded.References.find(From);
        It != Recorded.References.end())
      for (const std::string &To : It->second)
        Fn(To);
    if (auto It = NewNames.find(From); It != NewNames.end())
      for (StringRef To : It->second)
        Fn(To);
  };
  // ... and functions the record says the process does not run as recorded
  // (FrontendSkip::unchanged) ...
  std::string LocalPrefix = (ModuleId + ":").str();
  for (const auto &[Id, R] : Recorded.Functions) {
    auto Running = B->ModuleFunctions.find(Id);
    StringRef Name = StringRef(Id);
    Name.consume_front(LocalPrefix);
    if (Running != B->ModuleFunctions.end() &&
        !(R.Closure && Running->second == R.Final))
      Changed.insert(Name);
  }
  // ... then what references them, in turn, and what all those reference
  // (FrontendSkip::neededFunctions, on the recorded edges).
  StringMap<std::vector<StringRef>> Callers;
  for (StringRef From : Recorded.References.keys())
    ForEachName(From, [&](StringRef To) { Callers[To].push_back(From); });
  for (StringRef From : NewNames.keys())
    if (!Recorded.References.contains(From))
      ForEachName(From, [&](StringRef To) { Callers[To].push_back(From); });
  std::vector<StringRef> Work(Changed.keys().begin(), Changed.keys().end());
  StringSet<> Needed = Changed;
  while (!Work.empty()) {
    StringRef Name = Work.back();
    Work.pop_back();
    for (StringRef Caller : Callers.lookup(Name))
      if (Needed.insert(Caller).second)
        Work.push_back(Caller);
  }
  Work.assign(Needed.keys().begin(), Needed.keys().end());
  while (!Work.empty()) {
    StringRef Name = Work.back();
    Work.pop_back();
    ForEachName(Name, [&](StringRef Callee) {
      if (Needed.insert(Callee).second)
        Work.push_back(Needed.find(Callee)->getKey());
    });
  }
  for (auto &[Name, At] : Offsets)
    if (!Needed.contains(Name) && !Recorded.ThreadStarters.contains(Name))
      SkipOffsets[Name] = std::move(At);
  if (!SkipOffsets.empty())
    CI.getFrontendOpts().SkipFunctionBodies = true;
}

/// Whether \p FD is as the record says and as the process runs it.
bool FrontendSkip::unchanged(const clang::FunctionDecl *FD,
                             const References &Refs, const IdMap &Ids,
                             const ClosuresFile &Recorded,
                             const Baseline &B) const {
  auto Id = Ids.find(FD);
  if (Id == Ids.end())
    return false;
  auto R = Recorded.Functions.find(Id->second);
  if (R == Recorded.Functions.end() ||
      R->second.Tokens != BodyTokens.lookup(FD))
    return false;
  // One that never gets a placeholder (an extern inline function of a
  // header: no code of its own) is what its tokens say; the functions that
  // inline it are checked against what the process runs.
  if (!mayBePlaceholder(FD))
    return true;
  auto Running = B.ModuleFunctions.find(Id->second);
  if (Running != B.ModuleFunctions.end())
    return R->second.Closure && Running->second == R->second.Final;
  // A static function the compile the process runs dropped (inlined
  // everywhere): nothing the process has calls it, if nothing names it.
  return !FD->isExternallyVisible() &&
         !Refs.AddressTaken.contains(FD->getCanonicalDecl());
}

DenseSet<const clang::FunctionDecl *>
FrontendSkip::neededFunctions(const References &Refs, const IdMap &Ids,
                              const ClosuresFile &Recorded,
                              const Baseline &B) const {
  // What may have changed ...
  std::vector<const clang::FunctionDecl *> Work;
  for (const clang::FunctionDecl *FD : Defined)
    if (!unchanged(FD, Refs, Ids, Recorded, B))
      Work.push_back(FD->getCanonicalDecl());
  // ... what names it, in turn ...
  DenseMap<const clang::FunctionDecl *,
           SmallVector<const clang::FunctionDecl *, 4>>
      Callers;
  for (const auto &[From, Tos] : Refs.Edges)
    for (const clang::FunctionDecl *To : Tos)
      Callers[To].push_back(From);
  DenseSet<const clang::FunctionDecl *> Affected(Work.begin(), Work.end());
  while (!Work.empty()) {
    const clang::FunctionDecl *FD = Work.back();
    Work.pop_back();
    for (const clang::FunctionDecl *Caller : Callers.lookup(FD))
      if (Affected.insert(Caller).second)
        Work.push_back(Caller);
  }
  // ... and everything those name.
  DenseSet<const clang::FunctionDecl *> Needed = Affected;
  Work.assign(Affected.begin(), Affected.end());
  while (!Work.empty()) {
    const clang::FunctionDecl *FD = Work.back();
    Work.pop_back();
    if (auto Out = Refs.Edges.find(FD); Out != Refs.Edges.end())
      for (const clang::FunctionDecl *To : Out->second)
        if (Needed.insert(To).second)
          Work.push_back(To);
  }
  return Needed;
}

DenseSet<const clang::FunctionDecl *> FrontendSkip::forcedFunctions(
    const References &Refs, const DenseSet<const clang::FunctionDecl *> &Needed,
    const IdMap &Ids, const Baseline &B) const {
  // A static function the process has is in a full compile's output, which
  // emits it where the first body or table naming it is; the bodies of
  // needed functions still name it here, but placeholders name nothing.
  DenseSet<const clang::FunctionDecl *> Named;
  for (const clang::FunctionDecl *FD : Needed)
    if (auto Out = Refs.Edges.find(FD); Out != Refs.Edges.end())
      Named.insert(Out->second.begin(), Out->second.end());
  DenseSet<const clang::FunctionDecl *> Forced;
  for (const clang::FunctionDecl *FD : Defined) {
    auto Id = Ids.find(FD);
    if (!FD->isExternallyVisible() && Id != Ids.end() &&
        B.ModuleFunctions.count(Id->second) &&
        !Named.contains(FD->getCanonicalDecl()))
      Forced.insert(FD);
  }
  return Forced;
}

void FrontendSkip::handOver(clang::ASTContext &Ctx,
                            const DenseSet<const clang::FunctionDecl *> &Needed,
                            const DenseSet<const clang::FunctionDecl *> &Forced,
                            const IdMap &Ids, const ClosuresFile &Recorded) {
  PluginConfig &C = pluginConfig();
  clang::LangOptions &Lang = CI.getLangOpts();
  const bool EmitAllDecls = Lang.EmitAllDecls;
  Replaying = true;
  for (clang::FunctionDecl *FD : Defined) {
    bool Emit = EmitAllDecls || Forced.contains(FD);
    if (!Needed.contains(FD->getCanonicalDecl()) && mayBePlaceholder(FD)) {
      const std::string &Id = Ids.find(FD)->second;
      C.FrontendSkipped[Id] = Recorded.Functions.lookup(Id);
      auto [Begin, End] = Skipped.lookup(FD);
      C.ParseSkipped += Skipped.count(FD);
      if (const clang::Stmt *Body = FD->getBody())
        std::tie(Begin, End) =
            std::pair(Body->getBeginLoc(), Body->getEndLoc());
      FD->setBody(clang::CompoundStmt::Create(
          Ctx, {}, clang::FPOptionsOverride(), Begin, End));
    }
    Lang.EmitAllDecls = Emit;
    CI.getASTConsumer().HandleTopLevelDecl(clang::DeclGroupRef(FD));
    Lang.EmitAllDecls = EmitAllDecls;
  }
  Replaying = false;
}

namespace {

class SkipConsumer : public clang::ASTConsumer {
public:
  explicit SkipConsumer(std::shared_ptr<FrontendSkip> S) : S(std::move(S)) {}
  bool HandleTopLevelDecl(clang::DeclGroupRef DG) override {
    S->beforeCodeGen(DG);
    return true;
  }
  void HandleTranslationUnit(clang::ASTContext &Ctx) override {
    S->finish(Ctx);
  }
  bool shouldSkipFunctionBody(clang::Decl *D) override {
    return S->shouldSkipBody(D);
  }

private:
  std::shared_ptr<FrontendSkip> S;
};

class RestoreConsumer : public clang::ASTConsumer {
public:
  explicit RestoreConsumer(std::shared_ptr<FrontendSkip> S) : S(std::move(S)) {}
  bool HandleTopLevelDecl(clang::DeclGroupRef) override {
    S->afterCodeGen();
    return true;
  }

private:
  std::shared_ptr<FrontendSkip> S;
};

class PragmaHashes : public clang::PPCallbacks {
public:
  explicit PragmaHashes(std::shared_ptr<FrontendSkip> S) : S(std::move(S)) {}
  void PragmaDirective(clang::SourceLocation Loc,
                       clang::PragmaIntroducerKind Introducer) override {
    S->onPragma(Loc, Introducer);
  }

private:
  std::shared_ptr<FrontendSkip> S;
};

/// The compile's FrontendSkip, from the consumer before the code generator
/// to the one after it (clang creates them one after the other).
std::weak_ptr<FrontendSkip> Current;

} // namespace

std::unique_ptr<clang::ASTConsumer>
createFrontendSkipConsumer(clang::CompilerInstance &CI) {
  const clang::CodeGenOptions &CodeGen = CI.getCodeGenOpts();
  const clang::PreprocessorOptions &PP = CI.getPreprocessorOpts();
  if (pluginConfig().Closures.empty() || CI.getLangOpts().CPlusPlus ||
      CI.getLangOpts().ObjC || CodeGen.OptimizationLevel == 0 ||
      CodeGen.getDebugInfo() != llvm::codegenoptions::NoDebugInfo ||
      !PP.ImplicitPCHInclude.empty() || PP.PrecompiledPreambleBytes.first ||
      CI.getFrontendOpts().Inputs.size() != 1)
    return nullptr; // tokens outside what this file reads, or no records
  // A patch compile hides the bodies when there is a record to compare
  // with: without one it would only hand everything over at the end.
  // Switched off, it still records, for the next compile.
  std::string ModuleId = moduleIdOf(CI.getFrontendOpts().Inputs[0].getFile());
  const ClosuresFile &Recorded =
      ClosuresFile::recorded(closuresFilePath(ModuleId));
  bool Hiding = pluginConfig().SkipFrontend && !baselinePath().empty() &&
                Recorded.Outside.has_value();
  clang::SourceManager &SM = CI.getSourceManager();
  if (SM.getMainFileID().isValid())
    pluginConfig().MainScan = scanBodies(SM.getBufferData(SM.getMainFileID()));
  auto S = std::make_shared<FrontendSkip>(CI, Hiding);
  if (Hiding)
    S->planSkips(Recorded, ModuleId);
  CI.getPreprocessor().setTokenWatcher(
      [S](const clang::Token &T) { S->onToken(T); });
  CI.getPreprocessor().addPPCallbacks(std::make_unique<PragmaHashes>(S));
  Current = S;
  return std::make_unique<SkipConsumer>(S);
}

std::unique_ptr<clang::ASTConsumer> createBodyRestoreConsumer() {
  std::shared_ptr<FrontendSkip> S = Current.lock();
  Current.reset();
  if (!S)
    return nullptr;
  return std::make_unique<RestoreConsumer>(std::move(S));
}

} // namespace hotpatch
