//===- LambdaIds.cpp - Lambdas keep their ids when others are added -------===//
//
// clang numbers the lambdas (and other unnamed classes) of a function in
// order: the second lambda of main is "main::$_1", mangled "Z4mainE...3$_1",
// and every symbol of it carries that token: its call operator
// (_ZZ4mainENK3$_1clEv), its static locals and their guards
// (_ZZZ4mainENK3$_1clEvE1n), the std::function handlers made for it
// (_ZNSt17_Function_handlerIFivEZ4mainE3$_1E9_M_invoke...), its type_info.
// Stable ids are names, so a lambda added before it would hand it the slots
// and static locals of its neighbour, and a std::function made before the
// patch would call another lambda's code on the wrong captures.
//
// In patch mode, before the module is hashed and described, the lambdas of
// each function are renumbered to match the numbering the process runs (the
// baseline's ids and hashes):
//   1. a lambda whose functions, named with an old number, hash exactly as
//      the baseline's under that number takes it (the unchanged ones);
//   2. one left that has the shape of an old one left -- the same function
//      names (call signature, std::function handlers) and the same static
//      locals -- takes its number, in order (the edited ones);
//   3. any other is new and takes a number the process never had there.
// So an edit that does not touch a lambda leaves its code, state and
// closures as they were; an edit of its body keeps its state.
//
// Lambdas of inline functions and templates are numbered by the ABI, per
// signature: "tally()::{lambda()#2}" is "Z5tallyvEUlvE0_" ("UlvE_" is the
// first, "UliE_" the first taking an int).  They are shared: every unit
// that uses the function emits them under these names (linkonce_odr) and
// the linker keeps one copy, so every unit of a patch must renumber them
// alike, or the copy of tally() the linker keeps would call another unit's
// idea of lambda #1.  Each unit decides alone, from the same header, so it
// comes out the same provided the hashes of step 1 agree; they may not: a
// unit that defines a function a lambda calls may inline it into its copy,
// and when that function changed, the lambda looks edited there only.  For
// shared lambdas step 2 therefore pairs the leftovers of one shape only
// when there are as many new as old ones (in order; a lambda that looks
// edited in one unit only adds one to both sides), takes them all as new
// when no old one is left, and otherwise refuses the patch (kind "lambda"):
// a unit whose pairing could differ from another's refuses, and one refusal
// stops the whole patch, so an applied patch never mixes two numberings.
//
// Lambdas outside any function (a global's initialiser, a default argument
// of a namespace-scope function) are numbered like the unnamed types of a
// function, "$_<number>", in one sequence for the whole unit ("_ZNK3$_0clEv",
// "_ZNK12_GLOBAL__N_13$_1clEv"): they are one group, the unit's.  A member
// function's default argument is a local name of its own ("Z<owner>Ed_"),
// a group.  Those of an inline variable or a static data member
// ("_ZNK2ns2iaMUlvE_clEv") are numbered per variable and signature, after
// the variable's "<data-member-prefix> M": a group each, the variable's.
//
// A lambda nested in another is numbered by the outer one's call operator
// ("_ZZZ4mainENK3$_0clEvENKUlvE_clEv").  Once the outer ones have their
// numbers (depth 1), their owners' names are the process's, and the nested
// ones are matched the same way (depth 2, ...); an outer lambda's shape
// leaves them out, so adding one keeps its shape.  Its functions call them
// by name, so step 1 hashes it with them matched as under the number it
// tries.  A group is shared when its symbols are not local to the unit: a
// lambda nested in a unit-local one is not.
//
//===----------------------------------------------------------------------===//
#include "Baseline.h"
#include "ModuleFacts.h"
#include "hotpatch_abi.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Demangle/Demangle.h"
#include "llvm/Demangle/ItaniumDemangle.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Allocator.h"
#include <map>
#include <set>

using namespace llvm;

namespace hotpatch {
namespace {

/// Numbers far above any clang gives, held while the lambdas of a function
/// are matched, so that trying an old number never collides.
constexpr unsigned ParkedBase = 1000000;

/// Where a lambda's number sits in a symbol name.  Local lambdas are
/// "<len>$_<number>" after the local-entity prefix "Z<owner>E" of their
/// function, or anywhere outside a local entity for the unit's own
/// sequence; closures numbered by the ABI are "Ul<signature>E
/// <discriminator>_" there, the discriminator empty for the first.
struct LambdaToken {
  std::string Group; ///< the lambdas numbered together: owner [| signature]
  bool Closure;      ///< numbered by the ABI, per owner and signature
  unsigned Number;
  size_t Begin, End;  ///< the text that changes with the number
  size_t OwnerBegin;  ///< where the owner's encoding begins, or End
  size_t OwnerEnd;    ///< where it ends, or Begin for the unit's own
  unsigned Depth = 1; ///< 1 + the deepest token within its owner
};

namespace itanium = llvm::itanium_demangle;

/// Nodes of one parse, freed together.
class NodeArena {
public:
  void reset() { Arena.Reset(); }
  template <typename T, typename... Args> T *makeNode(Args &&...As) {
    return new (Arena.Allocate(sizeof(T), alignof(T)))
        T(std::forward<Args>(As)...);
  }
  void *allocateNodeArray(size_t N) {
    return Arena.Allocate(sizeof(itanium::Node *) * N,
                          alignof(itanium::Node *));
  }

private:
  BumpPtrAllocator Arena;
};

/// LLVM's demangler, noting where each lambda number and each local entity
/// is: a closure's signature holds types and a local entity's owner is a
/// whole encoding, so only a parser finds where they end.
struct TokenFinder : itanium::AbstractManglingParser<TokenFinder, NodeArena> {
  using Base = itanium::AbstractManglingParser<TokenFinder, NodeArena>;
  /// "Z<owner>E[d<n>_]<entity>": the owner, and where the entity is.
  struct Local {
    size_t OwnerBegin, OwnerEnd, EntityBegin, End;
  };
  const char *Start;
  std::map<size_t, size_t> Closures, Sources, Encodings; ///< begin -> end
  std::vector<Local> Locals;

  explicit TokenFinder(StringRef Name)
      : Base(Name.begin(), Name.end()), Start(Name.begin()) {}

  size_t at() const { return First - Start; }

  itanium::Node *parseUnnamedTypeName(NameState *State) {
    size_t Begin = at();
    itanium::Node *N = Base::parseUnnamedTypeName(State);
    if (N && N->getKind() == itanium::Node::KClosureTypeName)
      Closures[Begin] = at();
    return N;
  }
  // The parameter is named as LLVM's callers' argument comments name it.
  itanium::Node *parseSourceName(NameState *NameState) {
    size_t Begin = at();
    itanium::Node *N = Base::parseSourceName(NameState);
    if (N)
      Sources[Begin] = at();
    return N;
  }
  itanium::Node *parseEncoding(bool ParseParams = true) {
    size_t Begin = at();
    itanium::Node *N = Base::parseEncoding(ParseParams);
    if (N)
      Encodings[Begin] = at();
    return N;
  }
  /// "N[qualifiers]<prefix>E": where each nested name begins and ends.
  std::map<size_t, size_t> Nested;
  itanium::Node *parseNestedName(NameState *State) {
    size_t Begin = at();
    itanium::Node *N = Base::parseNestedName(State);
    if (N)
      Nested[Begin] = at();
    return N;
  }
  itanium::Node *parseLocalName(NameState *State) {
    size_t Begin = at();
    itanium::Node *N = Base::parseLocalName(State);
    auto Owner = Encodings.find(Begin + 1);
    if (N && Owner != Encodings.end()) {
      // After "E": the entity, or "d<param>_" (a default argument) first.
      StringRef Rest(Start + Owner->second + 1, at() - Owner->second - 1);
      size_t Entity = Rest.starts_with("d") ? Rest.find('_') + 1 : 0;
      Locals.push_back(
          {Begin + 1, Owner->second, Owner->second + 1 + Entity, at()});
    }
    return N;
  }
};

/// The lambda tokens of \p Name that have an owner, in the order they
/// nest: a token's owner holds the tokens of lower depth.
std::vector<LambdaToken> lambdaTokens(StringRef Name) {
  std::vector<LambdaToken> Tokens;
  if (!Name.starts_with("_Z") || !mayBeNumberedLambda(Name))
    return Tokens;
  TokenFinder Finder(Name);
  Finder.parse();
  // The local entity that [Begin, End) names (the innermost holding it,
  // when it is its first component), whose owner numbers it.
  auto LocalOf = [&](size_t Begin, size_t End) -> const TokenFinder::Local * {
    const TokenFinder::Local *Inner = nullptr;
    for (const TokenFinder::Local &L : Finder.Locals)
      if (L.EntityBegin <= Begin && End <= L.End &&
          (!Inner || L.EntityBegin > Inner->EntityBegin))
        Inner = &L;
    if (!Inner ||
        Name.slice(Inner->EntityBegin, Begin).find_first_not_of("NrVKRO") !=
            StringRef::npos)
      return nullptr;
    return Inner;
  };
  for (auto [Begin, End] : Finder.Sources) {
    StringRef Text = Name.slice(Begin, End);
    size_t Dollar = Text.find("$_");
    unsigned Number, Length;
    if (Dollar == StringRef::npos ||
        Text.take_front(Dollar).getAsInteger(10, Length) ||
        Length != Text.size() - Dollar ||
        Text.drop_front(Dollar + 2).getAsInteger(10, Number))
      continue;
    if (const TokenFinder::Local *L = LocalOf(Begin, End))
      Tokens.push_back({Name.slice(L->OwnerBegin, L->EntityBegin).str(), false,
                        Number, Begin, End, L->OwnerBegin, L->OwnerEnd});
    else // the unit's own sequence: every unnamed type outside a function
      Tokens.push_back({"", false, Number, Begin, End, End, Begin});
  }
  // A variable's closure, "<data-member-prefix> M" before it: the
  // variable's nested name up to the "M" is its owner.
  auto VariableOf = [&](size_t Begin) -> std::optional<TokenFinder::Local> {
    if (Begin == 0 || Name[Begin - 1] != 'M')
      return std::nullopt;
    std::optional<TokenFinder::Local> Inner;
    for (auto [NestedBegin, NestedEnd] : Finder.Nested) // outer ones first
      if (NestedBegin < Begin && Begin < NestedEnd)
        Inner =
            TokenFinder::Local{Name.find_first_not_of("NHrVKRO", NestedBegin),
                               Begin, Begin, NestedEnd};
    return Inner;
  };
  for (auto [Begin, End] : Finder.Closures) {
    std::optional<TokenFinder::Local> L;
    if (const TokenFinder::Local *Local = LocalOf(Begin, End))
      L = *Local;
    else
      L = VariableOf(Begin);
    if (!L)
      continue;
    size_t DigitsBegin = End - 1; // before the final '_'
    while (isDigit(Name[DigitsBegin - 1]))
      --DigitsBegin;
    unsigned Number = 0;
    if (DigitsBegin != End - 1 &&
        Name.slice(DigitsBegin, End - 1).getAsInteger(10, Number))
      continue;
    if (DigitsBegin != End - 1)
      ++Number; // "UlvE_" is the first, "UlvE0_" the second
    Tokens.push_back({Name.slice(L->OwnerBegin, L->EntityBegin).str() + "|" +
                          Name.slice(Begin, DigitsBegin).str(),
                      true, Number, DigitsBegin, End, L->OwnerBegin,
                      L->OwnerEnd});
  }
  // A lambda nested in another is numbered by the outer one's call
  // operator: its owner holds the outer token.
  llvm::sort(Tokens, [](const LambdaToken &A, const LambdaToken &B) {
    return A.OwnerEnd < B.OwnerEnd;
  });
  for (LambdaToken &T : Tokens)
    for (const LambdaToken &Outer : Tokens)
      if (&Outer != &T && T.OwnerBegin <= Outer.Begin &&
          Outer.End <= T.OwnerEnd)
        T.Depth = std::max(T.Depth, Outer.Depth + 1);
  return Tokens;
}

/// The first token of \p Name at \p Depth, and whether \p Name holds a
/// deeper one (a member of a lambda nested in it).
std::optional<LambdaToken> tokenAt(StringRef Name, unsigned Depth,
                                   bool &Deeper) {
  std::vector<LambdaToken> Tokens = lambdaTokens(Name);
  Deeper = llvm::any_of(Tokens,
                        [&](const LambdaToken &T) { return T.Depth > Depth; });
  for (LambdaToken &T : Tokens)
    if (T.Depth == Depth)
      return T;
  return std::nullopt;
}

std::string tokenFor(bool Closure, unsigned Number) {
  if (Closure)
    return (Number ? utostr(Number - 1) : std::string()) + "_";
  std::string Token = "$_" + utostr(Number);
  return utostr(Token.size()) + Token;
}

/// A symbol of a lambda: its name around the token.
struct Member {
  GlobalValue *GV;
  std::string Before, After;
  bool Nested; ///< of a lambda nested in this one: renamed with it only
  std::string shape() const { return Before + "#" + After; }
};

/// A lambda as the process runs it, by shape: its functions, their hashes
/// where this module has them, and its data.
struct OldLambda {
  std::set<std::string> Functions;
  std::map<std::string, Hash128> Hashes;
  std::set<std::string> Data;
};

struct NewLambda {
  std::vector<Member> Members;
  std::set<std::string> FunctionShapes, DataShapes;
};

/// The lambdas of one group: clang's numbering and the process's.
struct Group {
  bool Closure = false; ///< numbered by the ABI ("UlvE0_")
  bool Shared = false;  ///< emitted by every unit that uses its owner
  std::map<unsigned, NewLambda> News;
  std::map<unsigned, OldLambda> Olds;
};

/// What the lambdas of a module are matched against.
struct MatchInput {
  Module &M;
  StringRef ModuleId;
  const std::vector<InstrumentedFunction> &Fns;
  const Baseline &B;
};

void matchFrom(const MatchInput &In, const std::vector<GlobalValue *> &Symbols,
               unsigned Depth, bool Trial);

/// Renumbers the lambdas of one depth among some symbols: 1 those of
/// functions and of the unit, 2 those nested in them, once their owners
/// have the process's numbers, and so on.  A lambda's shape leaves out the
/// lambdas nested in it: adding one there keeps the outer lambda's shape.
/// A trial (step 1 trying a number for an outer lambda) never refuses.
class LambdaMatcher {
public:
  LambdaMatcher(const MatchInput &In, const std::vector<GlobalValue *> &Symbols,
                unsigned Depth, bool Trial)
      // Trials rename lambdas between hashes: constants naming them (a
      // type_info's name) must be read afresh each time.
      : In(In), M(In.M),
        Hasher(M, In.ModuleId.str(), In.Fns, /*CacheConstants=*/false),
        Depth(Depth), Trial(Trial) {
    StringRef ModuleId = In.ModuleId;
    const Baseline &B = In.B;
    for (const InstrumentedFunction &F : In.Fns)
      ImplOfStub[F.Stub] = F.Impl;
    std::string LocalPrefix = (ModuleId + ":").str(); // stableId() of a local
    for (const auto &E : B.Functions)
      if (auto Old = oldSymbol(E.getKey(), LocalPrefix)) {
        OldLambda &L = Groups[Old->Group].Olds[Old->Number];
        if (Old->Nested)
          continue;
        L.Functions.insert(Old->Shape);
        if (auto H = B.ModuleFunctions.find(E.getKey());
            H != B.ModuleFunctions.end())
          L.Hashes[Old->Shape] = H->getValue();
      }
    for (const auto &E : B.Data)
      if (auto Old = oldSymbol(E.getKey(), LocalPrefix)) {
        OldLambda &L = Groups[Old->Group].Olds[Old->Number];
        if (!Old->Nested)
          L.Data.insert(Old->Shape);
      }
    for (GlobalValue *Symbol : Symbols) {
      GlobalValue &GV = *Symbol;
      bool Nested;
      auto T = tokenAt(GV.getName(), Depth, Nested);
      if (!T)
        continue;
      StringRef Name = GV.getName();
      Group &G = Groups[T->Group];
      G.Closure = T->Closure;
      G.Shared |= !GV.hasLocalLinkage();
      NewLambda &L = G.News[T->Number];
      Member Mb{&GV, Name.take_front(T->Begin).str(),
                Name.drop_front(T->End).str(), Nested};
      if (auto *F = dyn_cast<Function>(&GV); F && ImplOfStub.count(F))
        if (!Nested)
          L.FunctionShapes.insert(Mb.shape());
      if (auto *V = dyn_cast<GlobalVariable>(&GV); V && isDescribed(*V))
        if (!Nested)
          L.DataShapes.insert(Mb.shape());
      L.Members.push_back(std::move(Mb));
    }
  }

  /// Whether this module had lambdas at this depth.
  bool run() {
    bool Found = false;
    for (auto &[Key, G] : Groups) {
      Found |= !G.News.empty();
      if (!G.News.empty() && !G.Olds.empty())
        renumber(Key, G);
    }
    return Found;
  }

private:
  const MatchInput &In;
  Module &M;
  ContentHasher Hasher;
  unsigned Depth;
  bool Trial;
  DenseMap<const Function *, Function *> ImplOfStub;
  std::map<std::string, Group> Groups;

  struct OldSymbol {
    std::string Group;
    unsigned Number;
    std::string Shape;
    bool Nested; ///< a member of a lambda nested in this one
  };

  /// What a baseline id says about a lambda of this module, if anything:
  /// a local one is this module's when it has the module's prefix, a
  /// shared one (no prefix, names hold no ':') whichever unit emitted it.
  std::optional<OldSymbol> oldSymbol(StringRef Id,
                                     StringRef LocalPrefix) const {
    if (!Id.consume_front(LocalPrefix) && Id.contains(':'))
      return std::nullopt; // another module's local
    bool Nested;
    auto T = tokenAt(Id, Depth, Nested);
    if (!T)
      return std::nullopt;
    Member Mb{nullptr, Id.take_front(T->Begin).str(),
              Id.drop_front(T->End).str(), Nested};
    return OldSymbol{T->Group, T->Number, Mb.shape(), Nested};
  }

  /// The globals ModuleFacts describes as data.
  static bool isDescribed(const GlobalVariable &V) {
    return !V.isDeclaration() && !V.hasPrivateLinkage() &&
           !V.hasAvailableExternallyLinkage() && !isHotpatchOrLLVMGlobal(V);
  }

  /// Gives every symbol of \p L the number \p Number.  A type_info name
  /// holds its mangled name as text: it follows.
  void rename(NewLambda &L, bool Closure, unsigned Number) {
    std::string Token = tokenFor(Closure, Number);
    for (Member &Mb : L.Members) {
      std::string Name = Mb.Before + Token + Mb.After;
      auto *TypeName = dyn_cast<GlobalVariable>(Mb.GV);
      if (TypeName && Mb.GV->getName().starts_with("_ZTS") &&
          TypeName->hasInitializer())
        TypeName->setInitializer(ConstantDataArray::getString(
            M.getContext(), StringRef(Name).drop_front(4)));
      Mb.GV->setName(Name);
    }
  }

  /// The hashes of \p L's functions were it numbered \p Number.  They
  /// call its nested lambdas by name: those are matched first, as they
  /// would be under that number (the baseline's hashes hold the process's
  /// numbers), and the rename back to \p Parked gives them clang's again.
  std::map<std::string, Hash128> hashesAs(NewLambda &L, bool Closure,
                                          unsigned Number, unsigned Parked) {
    rename(L, Closure, Number);
    std::vector<GlobalValue *> Nested;
    for (const Member &Mb : L.Members)
      if (Mb.Nested)
        Nested.push_back(Mb.GV);
    if (!Nested.empty())
      matchFrom(In, Nested, Depth + 1, /*Trial=*/true);
    std::map<std::string, Hash128> Hashes;
    for (const Member &Mb : L.Members)
      if (auto *F = dyn_cast<Function>(Mb.GV); F && !Mb.Nested)
        if (Function *Impl = ImplOfStub.lookup(F))
          Hashes[Mb.shape()] = Hasher.hashFunction(*Impl);
    rename(L, Closure, Parked);
    return Hashes;
  }

  static bool sameShape(const NewLambda &L, const OldLambda &Old) {
    return L.DataShapes == Old.Data && L.FunctionShapes == Old.Functions;
  }

  void renumber(StringRef Key, Group &G) {
    std::map<unsigned, unsigned> NumberOf; // clang's number -> the process's
    std::set<unsigned> Taken;
    // The source lines of each function (the patch summary) follow it.
    StringMap<std::string> &Lines = pluginConfig().FunctionLines;
    DenseMap<const GlobalValue *, std::string> LinesOf;
    for (auto &[Number, L] : G.News) {
      for (const Member &Mb : L.Members)
        if (auto It = Lines.find(Mb.GV->getName()); It != Lines.end()) {
          LinesOf[Mb.GV] = It->second;
          Lines.erase(It);
        }
      rename(L, G.Closure, ParkedBase + Number);
    }
    // 1. Unchanged: equal hashes under the old number.
    for (auto &[Number, L] : G.News)
      for (auto &[OldNumber, Old] : G.Olds)
        if (!Taken.count(OldNumber) && !Old.Hashes.empty() &&
            Old.Hashes.size() == Old.Functions.size() &&
            L.FunctionShapes == Old.Functions &&
            hashesAs(L, G.Closure, OldNumber, ParkedBase + Number) ==
                Old.Hashes) {
          NumberOf[Number] = OldNumber;
          Taken.insert(OldNumber);
          break;
        }
    // 2. Edited: the same shape.
    if (G.Shared)
      pairSharedByShape(Key, G, NumberOf, Taken);
    else
      for (auto &[Number, L] : G.News) {
        if (NumberOf.count(Number))
          continue;
        for (auto &[OldNumber, Old] : G.Olds)
          if (!Taken.count(OldNumber) && sameShape(L, Old)) {
            NumberOf[Number] = OldNumber;
            Taken.insert(OldNumber);
            break;
          }
      }
    // 3. New: after every number the process has.
    unsigned Next = G.Olds.rbegin()->first + 1;
    for (auto &[Number, L] : G.News) {
      auto It = NumberOf.find(Number);
      rename(L, G.Closure, It != NumberOf.end() ? It->second : Next++);
    }
    for (auto &[GV, Text] : LinesOf)
      Lines[GV->getName()] = Text;
  }

  /// Step 2 for lambdas every unit numbers on its own (file comment): the
  /// leftovers of one shape pair in order when as many are new as old,
  /// are all new when no old one is left, and are refused otherwise.
  void pairSharedByShape(StringRef Key, Group &G,
                         std::map<unsigned, unsigned> &NumberOf,
                         std::set<unsigned> &Taken) {
    std::set<unsigned> Done;
    for (auto &[Number, L] : G.News) {
      if (NumberOf.count(Number) || Done.count(Number))
        continue;
      std::vector<unsigned> News, Olds;
      for (auto &[Other, OtherL] : G.News)
        if (!NumberOf.count(Other) && OtherL.DataShapes == L.DataShapes &&
            OtherL.FunctionShapes == L.FunctionShapes)
          News.push_back(Other);
      for (auto &[OldNumber, Old] : G.Olds)
        if (!Taken.count(OldNumber) && sameShape(L, Old))
          Olds.push_back(OldNumber);
      Done.insert(News.begin(), News.end());
      if (Olds.empty())
        continue; // all new
      if (News.size() != Olds.size()) {
        if (!Trial)
          refuseAmbiguous(Key, News.size(), Olds.size());
        continue;
      }
      for (size_t I = 0; I < News.size(); ++I) {
        NumberOf[News[I]] = Olds[I];
        Taken.insert(Olds[I]);
      }
    }
  }

  void refuseAmbiguous(StringRef Key, size_t News, size_t Olds) {
    // "<owner>E|<signature>", or "<owner>Ed_|..." for a default argument
    StringRef Owner = Key.take_front(Key.split('|').first.rfind('E'));
    refusePatch(M.getContext(), HOTPATCH_REFUSAL_LAMBDA,
                "cannot tell which lambda of '" +
                    llvm::demangle("_Z" + Owner.str()) + "' is which: " +
                    Twine(Olds) + " of the same kind ran, " + Twine(News) +
                    " are edited or new, and every unit that uses the "
                    "function must number them alike; edit and add its "
                    "lambdas in separate patches, or restart the program");
  }
};

void matchFrom(const MatchInput &In, const std::vector<GlobalValue *> &Symbols,
               unsigned Depth, bool Trial) {
  while (LambdaMatcher(In, Symbols, Depth++, Trial).run())
    ;
}

} // namespace

void matchLambdaNumbers(Module &M, StringRef ModuleId,
                        const std::vector<InstrumentedFunction> &Fns,
                        StringRef BaselinePath) {
  Expected<const Baseline &> B = Baseline::read(BaselinePath, ModuleId);
  if (!B) {
    consumeError(B.takeError()); // buildPatchModule reports it
    return;
  }
  std::vector<GlobalValue *> Symbols;
  for (GlobalValue &GV : M.global_values())
    Symbols.push_back(&GV);
  matchFrom({M, ModuleId, Fns, *B}, Symbols, 1, /*Trial=*/false);
}

} // namespace hotpatch
