//===- InlinedBodies.cpp - Bodies after the inliner, kept for patch compiles
//==//
//
// A patch compile that optimises a changed function also runs the inliner's
// pipeline on every unchanged function the changed ones may inline
// (Closures.cpp, "kept to be inlined"), because the inliner must see them
// as the whole compile did: already simplified and with their own callees
// inlined.  On SQLite's amalgamation, an edit of sqlite3VdbeExec keeps 906
// such functions in that pipeline, most of the compile.  Their bodies after
// the inliner are the same at every patch while their closure hashes are:
// the optimiser's work on a function depends only on its closure.
//
// So a build compile at -O1 and above writes, once the inliner is done, the
// module as bitcode beside the unit's closures file (<hash>.bc next to
// <hash>.txt), every function tagged with its closure hash.  A patch
// compile gives each function kept to be inlined (and each static function
// the build dropped that an optimised one needs) whose recorded closure
// hash is its own the body recorded there, when the inliner's walk reaches
// it (Closures.cpp, SettleBodiesPass); the passes of that walk skip it, and
// the changed functions, visited later, inline it as the build's compile
// did.  Until then it is clang's body, so that what the passes before the
// inliner see is what they saw in the build (docs/design.md, "Bodies after
// the inliner, recorded by the build", says which differences that avoids).
//
// The bodies come from another module (parsed lazily into the same
// LLVMContext, so literal types and uniqued constants are shared), and are
// moved, then remapped in place, not cloned: the order of each value's uses
// (kept in the bitcode) is the order the optimiser visits them in.  What
// they reference is resolved to this module the way ContentHash identifies
// it, so that equal closure hashes make it the same thing: functions and
// mutable globals by name (their stable ids), local constants by content
// (a same-named one with the same initializer; else, when its address
// means nothing -- unnamed_addr -- the recorded one moves in too), named
// struct types by name and shape.  Declarations this module lacks (a
// libcall the optimiser introduced, an intrinsic) move in.  A function
// whose recorded body references anything else that does not resolve (a
// label address, constants pointing at each other, a different type) goes
// through the passes as before: checked when the file is opened, as the
// passes are skipped from then on.
//
// Not with debug information (the unit's compile units, -g or -gmlt):
// neither written nor read.  Mapping a body's DISubprograms, scopes and
// locations into another module's is not done; stripped bodies give
// different code hashes where a loop was inlined (its !llvm.loop node
// holds its locations), so every caller of one would look changed.
//
// Switch: plugin argument inlined-bodies=0 (HOTPATCH_INLINED_BODIES=0), for
// builds and patch compiles.
//
//===----------------------------------------------------------------------===//
#include "InlinedBodies.h"
#include "ModuleFacts.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/Bitcode/BitcodeReader.h"
#include "llvm/Bitcode/BitcodeWriter.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Transforms/Utils/ValueMapper.h"

using namespace llvm;

namespace hotpatch {
namespace {

// The tags of the recorded functions (removed again from the module once
// written, and from a body when it is given).
constexpr const char *ClosureAttrName = "hotpatch-closure";
constexpr const char *OwnAttrName = "hotpatch-own";
constexpr const char *InlinedAttrName = "hotpatch-inlined"; // names, '\n'
constexpr const char *TagNames[] = {ClosureAttrName, OwnAttrName,
                                    InlinedAttrName};

std::optional<Hash128> hashTag(const Function &F, StringRef Tag) {
  Hash128 H;
  if (parseHash128(F.getFnAttribute(Tag).getValueAsString(), H))
    return H;
  return std::nullopt;
}

/// This module's named struct types for the recorded module's: parsed into
/// the same context, the recorded module's named structs are new types
/// ("struct.X.47" beside "struct.X").  Code is the same with either, but
/// the optimiser treats different types as different (two GEPs of the same
/// field are not merged), so bodies keep this module's where one has the
/// same name and shape.
class OwnTypes : public ValueMapTypeRemapper {
public:
  explicit OwnTypes(Module &M) {
    for (StructType *ST : M.getIdentifiedStructTypes())
      ByName[ST->getName()] = ST;
  }

  Type *remapType(Type *T) override {
    if (auto It = Map.find(T); It != Map.end())
      return It->second;
    Map[T] = T; // while its parts are mapped
    Type *Mapped = compute(T);
    Map[T] = Mapped;
    return Mapped;
  }

private:
  StringMap<StructType *> ByName;
  DenseMap<Type *, Type *> Map;

  Type *compute(Type *T) {
    if (auto *ST = dyn_cast<StructType>(T); ST && !ST->isLiteral()) {
      StringRef Name = ST->getName();
      if (StructType *Own = sameShape(ST, Name))
        return Own;
      // The context renamed the recorded "X" to "X.<n>": this module has one.
      auto [Base, Suffix] = Name.rsplit('.');
      unsigned N = 0;
      if (!Suffix.getAsInteger(10, N))
        if (StructType *Own = sameShape(ST, Base))
          return Own;
      return T;
    }
    SmallVector<Type *, 8> Elements;
    bool Same = true;
    for (Type *E : T->subtypes()) {
      Elements.push_back(remapType(E));
      Same &= Elements.back() == E;
    }
    if (Same)
      return T;
    if (auto *ST = dyn_cast<StructType>(T))
      return StructType::get(T->getContext(), Elements, ST->isPacked());
    if (auto *AT = dyn_cast<ArrayType>(T))
      return ArrayType::get(Elements[0], AT->getNumElements());
    if (auto *VT = dyn_cast<VectorType>(T))
      return VectorType::get(Elements[0], VT->getElementCount());
    if (auto *FT = dyn_cast<FunctionType>(T))
      return FunctionType::get(Elements[0], ArrayRef(Elements).drop_front(),
                               FT->isVarArg());
    return T;
  }

  StructType *sameShape(StructType *Recorded, StringRef Name) {
    StructType *Own = ByName.lookup(Name);
    if (!Own || Own == Recorded || Own->isOpaque() != Recorded->isOpaque() ||
        Own->isPacked() != Recorded->isPacked() ||
        Own->getNumElements() != Recorded->getNumElements())
      return nullptr;
    for (auto [R, O] : zip(Recorded->elements(), Own->elements()))
      if (remapType(R) != O)
        return nullptr;
    return Own;
  }
};

/// Finds this module's counterpart of every global the recorded bodies
/// reference (see the file comment).  Globals are not deleted while the
/// inliner's pipeline runs, so what was found stays.
class Resolver {
public:
  Resolver(Module &M, OwnTypes &Types) : M(M), Types(Types) {}

  /// Whether everything \p F references has a counterpart.
  bool resolve(Function &F) {
    if (F.hasPersonalityFn() && !resolveConstant(F.getPersonalityFn()))
      return false;
    for (BasicBlock &BB : F)
      for (Instruction &I : BB) {
        for (Value *Op : I.operands())
          if (auto *C = dyn_cast<Constant>(Op); C && !resolveConstant(C))
            return false;
        SmallVector<std::pair<unsigned, MDNode *>, 4> MDs;
        I.getAllMetadata(MDs);
        for (auto &[Kind, N] : MDs)
          if (!resolveMetadata(N))
            return false;
      }
    return true;
  }

  /// Moves in the recorded globals found to be their own counterpart.
  void moveIn() {
    for (auto &[From, To] : Counterpart)
      if (From == To && From->getParent() != &M)
        moveIn(From);
  }

  /// Every recorded global to its counterpart, and what was mapped since.
  ValueToValueMapTy VMap;

private:
  Module &M;
  OwnTypes &Types;
  MapVector<GlobalValue *, GlobalValue *> Counterpart;
  DenseSet<const GlobalVariable *> InProgress;
  DenseSet<const Constant *> Resolved;
  DenseSet<const MDNode *> SeenNodes;

  bool resolveConstant(Constant *C) {
    if (Resolved.contains(C))
      return true;
    if (!resolveParts(C))
      return false;
    Resolved.insert(C);
    return true;
  }

  bool resolveParts(Constant *C) {
    if (isa<BlockAddress>(C) || isa<DSOLocalEquivalent>(C) ||
        isa<NoCFIValue>(C))
      return false; // they name a function's code or blocks, not a value
    if (auto *GV = dyn_cast<GlobalValue>(C))
      return resolveGlobal(GV);
    for (Value *Op : C->operands())
      if (!resolveConstant(cast<Constant>(Op)))
        return false;
    return true;
  }

  bool resolveMetadata(const MDNode *N) {
    if (!SeenNodes.insert(N).second)
      return true; // resolved, or being resolved (a loop's self-reference)
    for (const MDOperand &Op : N->operands()) {
      if (auto *V = dyn_cast_or_null<ConstantAsMetadata>(Op.get())) {
        if (!resolveConstant(V->getValue()))
          return SeenNodes.erase(N), false;
      } else if (auto *Node = dyn_cast_or_null<MDNode>(Op.get())) {
        if (!resolveMetadata(Node))
          return SeenNodes.erase(N), false;
      }
    }
    return true;
  }

  bool resolveGlobal(GlobalValue *GV) {
    if (Counterpart.count(GV))
      return true;
    if (GlobalValue *Own = find(GV)) {
      Counterpart[GV] = Own;
      VMap[GV] = Own;
      return true;
    }
    return false;
  }

  GlobalValue *find(GlobalValue *GV) {
    GlobalValue *Own = M.getNamedValue(GV->getName());
    auto *Var = dyn_cast<GlobalVariable>(GV);
    if (Var && Var->hasLocalLinkage() && Var->isConstant() &&
        Var->hasInitializer())
      return resolveLocalConstant(Var, dyn_cast_or_null<GlobalVariable>(Own));
    if (!Own) // a declaration this module lacks: the recorded one moves in
      return GV->isDeclaration() && !GV->hasLocalLinkage() ? GV : nullptr;
    if (Own->getValueID() != GV->getValueID() ||
        Own->getValueType() != Types.remapType(GV->getValueType()))
      return nullptr;
    if (Var && (cast<GlobalVariable>(Own)->isConstant() != Var->isConstant() ||
                Own->getThreadLocalMode() != Var->getThreadLocalMode()))
      return nullptr;
    return Own;
  }

  /// Constants are matched by content, as ContentHash folds them in.
  GlobalValue *resolveLocalConstant(GlobalVariable *Var, GlobalVariable *Own) {
    // What it points at first (a constant that points at itself, a list
    // head, is left to the pipeline).
    if (!InProgress.insert(Var).second)
      return nullptr;
    bool Resolved = resolveConstant(Var->getInitializer());
    InProgress.erase(Var);
    if (!Resolved)
      return nullptr;
    Constant *Content = MapValue(Var->getInitializer(), VMap, RF_None, &Types);
    auto SameContent = [&](const GlobalVariable *G) {
      return G && G->getParent() == &M && G->isConstant() &&
             G->hasInitializer() && G->getInitializer() == Content &&
             G->getAlign() == Var->getAlign();
    };
    if (SameContent(Own))
      return Own;
    if (!Var->hasGlobalUnnamedAddr())
      return nullptr;
    // Its address means nothing: one of this module's with the same content
    // (clang numbers string literals in the order it emits them, which the
    // bodies a patch compile leaves out change), found among the users of
    // the content (constants are uniqued in the context), else the recorded
    // one moves in (renamed if its name is taken).
    for (User *U : Content->users())
      if (auto *G = dyn_cast<GlobalVariable>(U);
          SameContent(G) && G->hasLocalLinkage())
        return G;
    return Var;
  }

  void moveIn(GlobalValue *GV) {
    if (auto *F = dyn_cast<Function>(GV)) {
      F->removeFromParent();
      M.getFunctionList().push_back(F);
    } else if (auto *Var = dyn_cast<GlobalVariable>(GV)) {
      Var->removeFromParent();
      M.insertGlobalVariable(Var);
      if (Var->hasInitializer())
        Var->setInitializer(
            MapValue(Var->getInitializer(), VMap, RF_None, &Types));
    }
  }
};

/// The attributes of the recorded \p From without its tags, with this
/// module's types in byval() and kin.
AttributeList recordedAttributes(const Function &From, OwnTypes &Types) {
  LLVMContext &C = From.getContext();
  AttributeList Attrs = From.getAttributes();
  for (const char *Tag : TagNames)
    Attrs = Attrs.removeFnAttribute(C, Tag);
  for (unsigned I = 0; I < Attrs.getNumAttrSets(); ++I)
    for (int Kind = Attribute::FirstTypeAttr; Kind <= Attribute::LastTypeAttr;
         ++Kind)
      if (Type *T = Attrs.getAttributeAtIndex(I, Attribute::AttrKind(Kind))
                        .getValueAsType())
        Attrs = Attrs.replaceAttributeTypeAtIndex(
            C, I, Attribute::AttrKind(Kind), Types.remapType(T));
  return Attrs;
}

/// Moves \p From's body into \p To (same type), mapped in place by \p VMap
/// and \p Types (so that its values keep their order of uses, which the
/// optimiser's visiting order follows), with \p From's attributes.
void moveBody(Function &From, Function &To, ValueToValueMapTy &VMap,
              OwnTypes &Types) {
  GlobalValue::LinkageTypes Linkage = To.getLinkage();
  To.deleteBody();
  To.setLinkage(Linkage);
  for (auto [A, B] : zip(From.args(), To.args()))
    A.replaceAllUsesWith(&B);
  VMap[&From] = &To;
  To.splice(To.end(), &From);
  RemapFunction(To, VMap, RF_IgnoreMissingLocals | RF_ReuseAndMutateDistinctMDs,
                &Types);
  To.setAttributes(recordedAttributes(From, Types));
  if (From.hasPersonalityFn())
    To.setPersonalityFn(
        MapValue(From.getPersonalityFn(), VMap, RF_None, &Types));
}

} // namespace

std::string inlinedBodiesPath(StringRef ClosuresPath) {
  return (ClosuresPath.drop_back(StringRef(".txt").size()) + ".bc").str();
}

void writeInlinedBodies(Module &M, const DenseMap<Function *, Hash128> &Closure,
                        const StringMap<Hash128> &Own, StringRef Path) {
  for (auto &[F, H] : Closure)
    F->addFnAttr(ClosureAttrName, hex128(H));
  const StringMap<StringSet<>> &Inlined = inlinedCallees();
  for (Function &F : M) {
    if (F.isDeclaration())
      continue;
    if (auto It = Own.find(F.getName()); It != Own.end())
      F.addFnAttr(OwnAttrName, hex128(It->second));
    StringSet<> Holds;
    if (auto It = Inlined.find(F.getName()); It != Inlined.end())
      Holds = It->second;
    // A function the optimiser made (a specialisation, an outlined part)
    // holds code of others that no inlining names: listed as if inlined,
    // and having no hash of its own, it makes the caller affected.
    for (const BasicBlock &BB : F)
      for (const Instruction &I : BB)
        for (const Value *Op : I.operands())
          if (const auto *Callee = dyn_cast<Function>(Op);
              Callee && !Callee->isDeclaration() &&
              !Own.contains(Callee->getName()))
            Holds.insert(Callee->getName());
    if (!Holds.empty()) {
      std::string Names;
      for (const auto &Callee : Holds)
        Names += (Callee.getKey() + "\n").str();
      F.addFnAttr(InlinedAttrName, Names);
    }
  }
  // Written aside and renamed, as the closures file (Closures.cpp).  One
  // that cannot be written only leaves patch compiles the longer way.
  consumeError(writeToOutput(Path, [&](raw_ostream &OS) {
    // With the order of each value's uses, which the optimiser's visiting
    // order follows: the bodies read back are then the same in that too.
    WriteBitcodeToFile(M, OS, /*ShouldPreserveUseListOrder=*/true);
    return Error::success();
  }));
  for (Function &F : M)
    for (const char *Tag : TagNames)
      F.removeFnAttr(Tag);
}

struct RecordedBodies::Impl {
  explicit Impl(Module &M) : M(M), Types(M), Resolve(M, Types) {}
  Module &M;
  std::unique_ptr<Module> Recorded;
  DenseMap<const Function *, Function *> Pending; ///< this module's -> recorded
  DenseSet<const Function *> Functions;
  StringSet<> Unaffected; ///< recorded names (findAffected)
  OwnTypes Types;
  Resolver Resolve;
};

RecordedBodies::RecordedBodies(Module &M) : P(std::make_unique<Impl>(M)) {
}
RecordedBodies::~RecordedBodies() = default;

std::unique_ptr<RecordedBodies> RecordedBodies::open(Module &M,
                                                     StringRef Path) {
  auto Buffer = MemoryBuffer::getFile(Path);
  if (!Buffer)
    return nullptr;
  Expected<std::unique_ptr<Module>> Lazy =
      getOwningLazyBitcodeModule(std::move(*Buffer), M.getContext());
  if (!Lazy) {
    consumeError(Lazy.takeError());
    return nullptr;
  }
  std::unique_ptr<RecordedBodies> Bodies(new RecordedBodies(M));
  Bodies->P->Recorded = std::move(*Lazy);
  return Bodies;
}

std::optional<Hash128> RecordedBodies::closureOf(StringRef Name) const {
  const Function *R = P->Recorded->getFunction(Name);
  return R ? hashTag(*R, ClosureAttrName) : std::nullopt;
}

void RecordedBodies::findAffected(
    StringRef ModuleId,
    function_ref<bool(StringRef, StringRef, const Hash128 &)> Unchanged) {
  // A function's id is its stub's (an impl is named after it).
  auto IdOf = [&](const Function &R) {
    const Function *Stub = R.getParent()->getFunction(sourceName(R.getName()));
    return stableId(Stub ? *Stub : R, ModuleId);
  };
  // Affected: changed, or inlined something affected.  Walked backwards
  // from the changed ones over "was inlined into".
  StringMap<SmallVector<StringRef, 4>> InlinedInto;
  std::vector<StringRef> Work;
  StringSet<> Affected;
  for (const Function &R : *P->Recorded) {
    if (R.isDeclaration()) // (a body not read yet is not a declaration)
      continue;
    StringRef Callees = R.getFnAttribute(InlinedAttrName).getValueAsString();
    SmallVector<StringRef, 8> Names;
    Callees.split(Names, '\n', -1, /*KeepEmpty=*/false);
    for (StringRef Callee : Names)
      InlinedInto[Callee].push_back(R.getName());
    std::optional<Hash128> Own = hashTag(R, OwnAttrName);
    if (!Own || !Unchanged(R.getName(), IdOf(R), *Own))
      if (Affected.insert(R.getName()).second)
        Work.push_back(R.getName());
  }
  // A callee the build inlined but did not keep (deleted once inlined
  // everywhere, not a function of ours) has no record to compare: its code
  // may have changed.
  for (const auto &Entry : InlinedInto) {
    const Function *Callee = P->Recorded->getFunction(Entry.getKey());
    if ((!Callee || Callee->isDeclaration()) &&
        Affected.insert(Entry.getKey()).second)
      Work.push_back(Entry.getKey());
  }
  while (!Work.empty()) {
    StringRef Name = Work.back();
    Work.pop_back();
    for (StringRef Caller : InlinedInto.lookup(Name))
      if (Affected.insert(Caller).second)
        Work.push_back(Caller);
  }
  P->Unaffected.clear();
  for (const Function &R : *P->Recorded)
    if (!R.isDeclaration() && !Affected.contains(R.getName()))
      P->Unaffected.insert(R.getName());
}

bool RecordedBodies::isUnaffected(StringRef Name) const {
  return P->Unaffected.contains(Name);
}

void RecordedBodies::choose(const DenseMap<Function *, Hash128> &Wanted) {
  Impl &B = *P;
  Module &M = B.M;
  // The members of a closure (a cycle of references) have recorded bodies
  // together or not at all: the passes skip all of a call graph SCC or none.
  std::map<Hash128, SmallVector<std::pair<Function *, Function *>, 2>> Groups;
  for (auto &[F, H] : Wanted)
    Groups[H].push_back({F, B.Recorded->getFunction(F->getName())});
  for (auto &Group : Groups) {
    const Hash128 &Closure = Group.first;
    auto &Members = Group.second;
    bool Usable = all_of(Members, [&](const auto &Member) {
      Function *R = Member.second;
      if (!R || R->getFunctionType() != Member.first->getFunctionType() ||
          hashTag(*R, ClosureAttrName) != Closure)
        return false;
      if (Error E = R->materialize()) {
        consumeError(std::move(E));
        return false;
      }
      R->setIsNewDbgInfoFormat(M.IsNewDbgInfoFormat);
      return !R->isDeclaration();
    });
    // What they reference must resolve now, or they go through the passes
    // as before (resolved again when they get their bodies: the passes
    // before the inliner may have deleted a global since).
    Resolver Check(M, B.Types);
    if (!Usable || !all_of(Members, [&](const auto &Member) {
          return Check.resolve(*Member.second);
        })) {
      continue;
    }
    for (auto &[F, R] : Members) {
      B.Pending[F] = R;
      B.Functions.insert(F);
    }
  }
}

namespace {

/// What every return of \p F returns when that is one constant (IPSCCP
/// gives a function's callers its return value that way; a range it
/// gives as an attribute), and whether that can be told.
struct ReturnFact {
  bool Known = true;
  const Constant *Value = nullptr;

  explicit ReturnFact(const Function &F) {
    // IPSCCP follows the fields of an aggregate one by one: not told here.
    if (F.getReturnType()->isAggregateType()) {
      Known = false;
      return;
    }
    bool First = true;
    for (const BasicBlock &BB : F)
      if (const auto *Ret = dyn_cast<ReturnInst>(BB.getTerminator())) {
        const auto *C = dyn_cast_or_null<Constant>(Ret->getReturnValue());
        Value = First || C == Value ? C : nullptr;
        First = false;
      }
  }

  /// The same fact in two modules of one context: a global by its name.
  bool operator==(const ReturnFact &O) const {
    if (!Known || !O.Known)
      return false;
    const auto *GV = dyn_cast_or_null<GlobalValue>(Value);
    const auto *OGV = dyn_cast_or_null<GlobalValue>(O.Value);
    if (GV && OGV)
      return GV->getName() == OGV->getName();
    return Value == O.Value;
  }
};

} // namespace

/// The build's \p F in \p Recorded, or null when nothing kept can call it:
/// it is new, or of another type.
static Function *recordedCounterpart(const Function &F,
                                     const Module &Recorded) {
  Function *R = Recorded.getFunction(F.getName());
  return R && R->getFunctionType() == F.getFunctionType() ? R : nullptr;
}

bool RecordedBodies::inferredAsBuilt(const Function &F) {
  Function *R = recordedCounterpart(F, *P->Recorded);
  if (!R)
    return true;
  if (Error E = R->materialize()) {
    consumeError(std::move(E));
    return false;
  }
  return recordedAttributes(*R, P->Types) == F.getAttributes() &&
         ReturnFact(*R) == ReturnFact(F);
}

bool RecordedBodies::sameMemoryEffects(const Function &F) const {
  // Attributes are read with the function's declaration: no body is read.
  const Function *R = recordedCounterpart(F, *P->Recorded);
  return !R || R->getMemoryEffects() == F.getMemoryEffects();
}

const DenseSet<const Function *> &RecordedBodies::functions() const {
  return P->Functions;
}

bool RecordedBodies::isPending(const Function &F) const {
  return P->Pending.count(&F);
}

bool RecordedBodies::settle(Function &F) {
  auto It = P->Pending.find(&F);
  if (It == P->Pending.end())
    return false;
  Function *R = It->second;
  P->Pending.erase(It);
  if (!P->Resolve.resolve(*R))
    return false;
  P->Resolve.moveIn();
  moveBody(*R, F, P->Resolve.VMap, P->Types);
  return true;
}

} // namespace hotpatch
