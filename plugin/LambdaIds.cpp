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
// closures as they were; an edit of its body keeps its state.  Lambdas of
// inline functions and templates ("UlvE0_", linkonce_odr, numbered per
// signature and shared by units) keep clang's numbers.
//
//===----------------------------------------------------------------------===//
#include "Baseline.h"
#include "ModuleFacts.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Module.h"
#include <map>
#include <set>

using namespace llvm;

namespace hotpatch {
namespace {

/// Numbers far above any clang gives, held while the lambdas of a function
/// are matched, so that trying an old number never collides.
constexpr unsigned ParkedBase = 1000000;

/// Where a lambda's number sits in a symbol name: "<len>$_<number>" after
/// the local-entity prefix "Z<owner>E" of its function.
struct LambdaToken {
  std::string Owner; ///< the owner's encoding: "4main", "N1S1fEi"
  unsigned Number;
  size_t Begin, End;
};

/// How a function's name appears inside a local entity's "Z<owner>E".
std::string ownerEncoding(StringRef Name) {
  if (Name.starts_with("_Z"))
    return Name.drop_front(2).str();
  return utostr(Name.size()) + Name.str(); // main, extern "C"
}

/// The first lambda token of \p Name owned by one of \p Owners.
std::optional<LambdaToken> findToken(StringRef Name,
                                     const StringSet<> &Owners) {
  for (size_t Dollar = Name.find("$_"); Dollar != StringRef::npos;
       Dollar = Name.find("$_", Dollar + 2)) {
    size_t NumberEnd = Dollar + 2;
    while (NumberEnd < Name.size() && isDigit(Name[NumberEnd]))
      ++NumberEnd;
    size_t LengthBegin = Dollar;
    while (LengthBegin > 0 && isDigit(Name[LengthBegin - 1]))
      --LengthBegin;
    unsigned Number, Length;
    if (Name.slice(Dollar + 2, NumberEnd).getAsInteger(10, Number) ||
        Name.slice(LengthBegin, Dollar).getAsInteger(10, Length) ||
        Length != NumberEnd - Dollar)
      continue;
    // Z <owner> E [N] [r] [V] [K] [R|O] <len>$_<number>
    size_t E = LengthBegin;
    while (E > 0 && StringRef("NrVKRO").contains(Name[E - 1]))
      --E;
    if (E == 0 || Name[E - 1] != 'E')
      continue;
    for (size_t Z = Name.rfind('Z', E - 1); Z != StringRef::npos;
         Z = Z ? Name.rfind('Z', Z - 1) : StringRef::npos) {
      StringRef Owner = Name.slice(Z + 1, E - 1);
      if (Owners.contains(Owner))
        return LambdaToken{Owner.str(), Number, LengthBegin, NumberEnd};
    }
  }
  return std::nullopt;
}

std::string tokenFor(unsigned Number) {
  std::string Token = "$_" + utostr(Number);
  return utostr(Token.size()) + Token;
}

/// A symbol of a lambda: its name around the token.
struct Member {
  GlobalValue *GV;
  std::string Before, After;
  std::string shape() const { return Before + "$_?" + After; }
};

/// A lambda as the process runs it: its functions' hashes and its data,
/// by shape.
struct OldLambda {
  std::map<std::string, Hash128> Functions;
  std::set<std::string> Data;
};

struct NewLambda {
  std::vector<Member> Members;
  std::set<std::string> FunctionShapes, DataShapes;
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
    for (const auto &E : B.ModuleFunctions)
      if (auto Old = oldSymbol(E.getKey(), LocalPrefix))
        OldOf[Old->Owner][Old->Number].Functions[Old->Shape] = E.getValue();
    for (const auto &E : B.Data)
      if (auto Old = oldSymbol(E.getKey(), LocalPrefix))
        OldOf[Old->Owner][Old->Number].Data.insert(Old->Shape);
    for (GlobalValue &GV : M.global_values())
      if (auto T = findToken(GV.getName(), Owners)) {
        StringRef Name = GV.getName();
        NewLambda &L = NewOf[T->Owner][T->Number];
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
    for (auto &[Owner, News] : NewOf) {
      auto Olds = OldOf.find(Owner);
      if (Olds != OldOf.end())
        renumber(News, Olds->second);
    }
  }

private:
  Module &M;
  ContentHasher Hasher;
  StringSet<> Owners;
  DenseMap<const Function *, Function *> ImplOfStub;
  std::map<std::string, std::map<unsigned, OldLambda>> OldOf;
  std::map<std::string, std::map<unsigned, NewLambda>> NewOf;

  struct OldSymbol {
    std::string Owner;
    unsigned Number;
    std::string Shape;
  };

  /// What a baseline id of this module says about a lambda, if anything.
  std::optional<OldSymbol> oldSymbol(StringRef Id,
                                     StringRef LocalPrefix) const {
    if (!Id.consume_front(LocalPrefix))
      return std::nullopt; // lambdas are local
    auto T = findToken(Id, Owners);
    if (!T)
      return std::nullopt;
    Member Mb{nullptr, Id.take_front(T->Begin).str(),
              Id.drop_front(T->End).str()};
    return OldSymbol{T->Owner, T->Number, Mb.shape()};
  }

  /// The globals ModuleFacts describes as data.
  static bool isDescribed(const GlobalVariable &V) {
    return !V.isDeclaration() && !V.hasPrivateLinkage() &&
           !V.hasAvailableExternallyLinkage() && !isHotpatchOrLLVMGlobal(V);
  }

  /// Gives every symbol of \p L the number \p Number.  A type_info name
  /// holds its mangled name as text: it follows.
  void rename(NewLambda &L, unsigned Number) {
    std::string Token = tokenFor(Number);
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
  std::map<std::string, Hash128> hashesAs(NewLambda &L, unsigned Number,
                                          unsigned Parked) {
    rename(L, Number);
    std::map<std::string, Hash128> Hashes;
    for (const Member &Mb : L.Members)
      if (auto *F = dyn_cast<Function>(Mb.GV))
        if (Function *Impl = ImplOfStub.lookup(F))
          Hashes[Mb.shape()] = Hasher.hashFunction(*Impl);
    rename(L, Parked);
    return Hashes;
  }

  void renumber(std::map<unsigned, NewLambda> &News,
                std::map<unsigned, OldLambda> &Olds) {
    std::map<unsigned, unsigned> NumberOf; // clang's number -> the process's
    std::set<unsigned> Taken;
    // The source lines of each function (the patch summary) follow it.
    StringMap<std::string> &Lines = pluginConfig().FunctionLines;
    DenseMap<const GlobalValue *, std::string> LinesOf;
    for (auto &[Number, L] : News) {
      for (const Member &Mb : L.Members)
        if (auto It = Lines.find(Mb.GV->getName()); It != Lines.end()) {
          LinesOf[Mb.GV] = It->second;
          Lines.erase(It);
        }
      rename(L, ParkedBase + Number);
    }
    // 1. Unchanged: equal hashes under the old number.
    for (auto &[Number, L] : News)
      for (auto &[OldNumber, Old] : Olds)
        if (!Taken.count(OldNumber) && !Old.Functions.empty() &&
            L.FunctionShapes.size() == Old.Functions.size() &&
            hashesAs(L, OldNumber, ParkedBase + Number) == Old.Functions) {
          NumberOf[Number] = OldNumber;
          Taken.insert(OldNumber);
          break;
        }
    // 2. Edited: the same shape.
    for (auto &[Number, L] : News) {
      if (NumberOf.count(Number))
        continue;
      for (auto &[OldNumber, Old] : Olds)
        if (!Taken.count(OldNumber) && L.DataShapes == Old.Data &&
            L.FunctionShapes == shapes(Old.Functions)) {
          NumberOf[Number] = OldNumber;
          Taken.insert(OldNumber);
          break;
        }
    }
    // 3. New: after every number the process has.
    unsigned Next = Olds.rbegin()->first + 1;
    for (auto &[Number, L] : News) {
      auto It = NumberOf.find(Number);
      rename(L, It != NumberOf.end() ? It->second : Next++);
    }
    for (auto &[GV, Text] : LinesOf)
      Lines[GV->getName()] = Text;
  }

  static std::set<std::string>
  shapes(const std::map<std::string, Hash128> &Functions) {
    std::set<std::string> Shapes;
    for (const auto &E : Functions)
      Shapes.insert(E.first);
    return Shapes;
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
