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
// Lambdas outside any function (an inline variable's initialiser) keep
// clang's numbers; a lambda nested in another is renamed with the outer one.
//
//===----------------------------------------------------------------------===//
#include "Baseline.h"
#include "ModuleFacts.h"
#include "hotpatch_abi.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
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
/// function; shared ones (inline functions, templates) "Ul<signature>E
/// <discriminator>_" there, the discriminator empty for the first.
struct LambdaToken {
  std::string Group; ///< the lambdas numbered together: owner [| signature]
  bool Shared;       ///< numbered by the ABI, emitted by every unit
  unsigned Number;
  size_t Begin, End; ///< the text that changes with the number
};

/// How a function's name appears inside a local entity's "Z<owner>E".
std::string ownerEncoding(StringRef Name) {
  if (Name.starts_with("_Z"))
    return Name.drop_front(2).str();
  return utostr(Name.size()) + Name.str(); // main, extern "C"
}

/// The owner in \p Owners whose "Z<owner>E" (and the qualifiers of a member
/// of the lambda) ends right before \p At.
std::optional<std::string> ownerBefore(StringRef Name, size_t At,
                                       const StringSet<> &Owners) {
  // Z <owner> E [N] [r] [V] [K] [R|O] <lambda>
  size_t E = At;
  while (E > 0 && StringRef("NrVKRO").contains(Name[E - 1]))
    --E;
  if (E == 0 || Name[E - 1] != 'E')
    return std::nullopt;
  for (size_t Z = Name.rfind('Z', E - 1); Z != StringRef::npos;
       Z = Z ? Name.rfind('Z', Z - 1) : StringRef::npos) {
    StringRef Owner = Name.slice(Z + 1, E - 1);
    if (Owners.contains(Owner))
      return Owner.str();
  }
  return std::nullopt;
}

/// Local lambda tokens of \p Name, owner not yet known.
void localTokens(StringRef Name, std::vector<LambdaToken> &Tokens) {
  for (size_t Dollar = Name.find("$_"); Dollar != StringRef::npos;
       Dollar = Name.find("$_", Dollar + 2)) {
    size_t NumberEnd = Dollar + 2;
    while (NumberEnd < Name.size() && isDigit(Name[NumberEnd]))
      ++NumberEnd;
    size_t LengthBegin = Dollar;
    while (LengthBegin > 0 && isDigit(Name[LengthBegin - 1]))
      --LengthBegin;
    unsigned Number, Length;
    if (!Name.slice(Dollar + 2, NumberEnd).getAsInteger(10, Number) &&
        !Name.slice(LengthBegin, Dollar).getAsInteger(10, Length) &&
        Length == NumberEnd - Dollar)
      Tokens.push_back({"", false, Number, LengthBegin, NumberEnd});
  }
}

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

/// LLVM's demangler, noting where each closure type ("Ul...E<n>_") is: the
/// signature holds types, so only a parser finds its end.
struct ClosureFinder
    : itanium::AbstractManglingParser<ClosureFinder, NodeArena> {
  using Base = itanium::AbstractManglingParser<ClosureFinder, NodeArena>;
  const char *Start;
  std::map<size_t, size_t> Spans; ///< begin -> end, offsets in the name

  explicit ClosureFinder(StringRef Name)
      : Base(Name.begin(), Name.end()), Start(Name.begin()) {}

  itanium::Node *parseUnnamedTypeName(NameState *State) {
    const char *Begin = First;
    itanium::Node *N = Base::parseUnnamedTypeName(State);
    if (N && N->getKind() == itanium::Node::KClosureTypeName)
      Spans[Begin - Start] = First - Start;
    return N;
  }
};

/// Shared lambda tokens of \p Name, owner not yet known.
void sharedTokens(StringRef Name, std::vector<LambdaToken> &Tokens) {
  if (!Name.starts_with("_Z") || !Name.contains("Ul"))
    return;
  ClosureFinder Finder(Name);
  Finder.parse();
  for (auto [Begin, End] : Finder.Spans) {
    size_t DigitsBegin = End - 1; // before the final '_'
    while (isDigit(Name[DigitsBegin - 1]))
      --DigitsBegin;
    unsigned Number = 0;
    if (DigitsBegin != End - 1 &&
        Name.slice(DigitsBegin, End - 1).getAsInteger(10, Number))
      continue;
    if (DigitsBegin != End - 1)
      ++Number; // "UlvE_" is the first, "UlvE0_" the second
    Tokens.push_back(
        {Name.slice(Begin, DigitsBegin).str(), true, Number, DigitsBegin, End});
  }
}

/// The first lambda token of \p Name owned by one of \p Owners.
std::optional<LambdaToken> findToken(StringRef Name,
                                     const StringSet<> &Owners) {
  std::vector<LambdaToken> Tokens;
  localTokens(Name, Tokens);
  sharedTokens(Name, Tokens);
  // A shared token's owner ends before its "Ul<signature>E".
  auto OwnerEnd = [](const LambdaToken &T) {
    return T.Shared ? T.Begin - T.Group.size() : T.Begin;
  };
  llvm::sort(Tokens, [&](const LambdaToken &A, const LambdaToken &B) {
    return OwnerEnd(A) < OwnerEnd(B);
  });
  for (LambdaToken &T : Tokens)
    if (auto Owner = ownerBefore(Name, OwnerEnd(T), Owners)) {
      T.Group = T.Shared ? *Owner + "|" + T.Group : *Owner;
      return T;
    }
  return std::nullopt;
}

std::string tokenFor(bool Shared, unsigned Number) {
  if (Shared)
    return (Number ? utostr(Number - 1) : std::string()) + "_";
  std::string Token = "$_" + utostr(Number);
  return utostr(Token.size()) + Token;
}

/// A symbol of a lambda: its name around the token.
struct Member {
  GlobalValue *GV;
  std::string Before, After;
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
  bool Shared = false;
  std::map<unsigned, NewLambda> News;
  std::map<unsigned, OldLambda> Olds;
};

class LambdaMatcher {
public:
  LambdaMatcher(Module &M, StringRef ModuleId,
                const std::vector<InstrumentedFunction> &Fns, const Baseline &B)
      : M(M), Hasher(M, ModuleId.str(), Fns) {
    for (const InstrumentedFunction &F : Fns) {
      Owners.insert(ownerEncoding(F.Stub->getName()));
      ImplOfStub[F.Stub] = F.Impl;
    }
    std::string LocalPrefix = (ModuleId + ":").str(); // stableId() of a local
    for (const auto &E : B.Functions)
      if (auto Old = oldSymbol(E.getKey(), LocalPrefix)) {
        OldLambda &L = Groups[Old->Group].Olds[Old->Number];
        L.Functions.insert(Old->Shape);
        if (auto H = B.ModuleFunctions.find(E.getKey());
            H != B.ModuleFunctions.end())
          L.Hashes[Old->Shape] = H->getValue();
      }
    for (const auto &E : B.Data)
      if (auto Old = oldSymbol(E.getKey(), LocalPrefix))
        Groups[Old->Group].Olds[Old->Number].Data.insert(Old->Shape);
    for (GlobalValue &GV : M.global_values())
      if (auto T = findToken(GV.getName(), Owners)) {
        StringRef Name = GV.getName();
        Group &G = Groups[T->Group];
        G.Shared = T->Shared;
        NewLambda &L = G.News[T->Number];
        Member Mb{&GV, Name.take_front(T->Begin).str(),
                  Name.drop_front(T->End).str()};
        if (auto *F = dyn_cast<Function>(&GV); F && ImplOfStub.count(F))
          L.FunctionShapes.insert(Mb.shape());
        if (auto *V = dyn_cast<GlobalVariable>(&GV); V && isDescribed(*V))
          L.DataShapes.insert(Mb.shape());
        L.Members.push_back(std::move(Mb));
      }
  }

  void run() {
    for (auto &[Key, G] : Groups)
      if (!G.News.empty() && !G.Olds.empty())
        renumber(Key, G);
  }

private:
  Module &M;
  ContentHasher Hasher;
  StringSet<> Owners;
  DenseMap<const Function *, Function *> ImplOfStub;
  std::map<std::string, Group> Groups;

  struct OldSymbol {
    std::string Group;
    unsigned Number;
    std::string Shape;
  };

  /// What a baseline id says about a lambda of this module, if anything:
  /// a local one is this module's when it has the module's prefix, a
  /// shared one (no prefix, names hold no ':') whichever unit emitted it.
  std::optional<OldSymbol> oldSymbol(StringRef Id,
                                     StringRef LocalPrefix) const {
    if (!Id.consume_front(LocalPrefix) && Id.contains(':'))
      return std::nullopt; // another module's local
    auto T = findToken(Id, Owners);
    if (!T)
      return std::nullopt;
    Member Mb{nullptr, Id.take_front(T->Begin).str(),
              Id.drop_front(T->End).str()};
    return OldSymbol{T->Group, T->Number, Mb.shape()};
  }

  /// The globals ModuleFacts describes as data.
  static bool isDescribed(const GlobalVariable &V) {
    return !V.isDeclaration() && !V.hasPrivateLinkage() &&
           !V.hasAvailableExternallyLinkage() && !isHotpatchOrLLVMGlobal(V);
  }

  /// Gives every symbol of \p L the number \p Number.  A type_info name
  /// holds its mangled name as text: it follows.
  void rename(NewLambda &L, bool Shared, unsigned Number) {
    std::string Token = tokenFor(Shared, Number);
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

  /// The hashes of \p L's functions were it numbered \p Number.
  std::map<std::string, Hash128> hashesAs(NewLambda &L, bool Shared,
                                          unsigned Number, unsigned Parked) {
    rename(L, Shared, Number);
    std::map<std::string, Hash128> Hashes;
    for (const Member &Mb : L.Members)
      if (auto *F = dyn_cast<Function>(Mb.GV))
        if (Function *Impl = ImplOfStub.lookup(F))
          Hashes[Mb.shape()] = Hasher.hashFunction(*Impl);
    rename(L, Shared, Parked);
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
      rename(L, G.Shared, ParkedBase + Number);
    }
    // 1. Unchanged: equal hashes under the old number.
    for (auto &[Number, L] : G.News)
      for (auto &[OldNumber, Old] : G.Olds)
        if (!Taken.count(OldNumber) && !Old.Hashes.empty() &&
            Old.Hashes.size() == Old.Functions.size() &&
            L.FunctionShapes == Old.Functions &&
            hashesAs(L, G.Shared, OldNumber, ParkedBase + Number) ==
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
      rename(L, G.Shared, It != NumberOf.end() ? It->second : Next++);
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
    auto [Owner, Signature] = Key.split('|');
    refusePatch(M.getContext(), HOTPATCH_REFUSAL_LAMBDA,
                "cannot tell which lambda of '" +
                    llvm::demangle("_Z" + Owner.str()) + "' is which: " +
                    Twine(Olds) + " of the same kind ran, " + Twine(News) +
                    " are edited or new, and every unit that uses the "
                    "function must number them alike; edit and add its "
                    "lambdas in separate patches, or restart the program");
  }
};

} // namespace

void matchLambdaNumbers(Module &M, StringRef ModuleId,
                        const std::vector<InstrumentedFunction> &Fns,
                        StringRef BaselinePath) {
  Expected<Baseline> B = Baseline::read(BaselinePath, ModuleId);
  if (!B) {
    consumeError(B.takeError()); // buildPatchModule reports it
    return;
  }
  LambdaMatcher(M, ModuleId, Fns, *B).run();
}

} // namespace hotpatch
