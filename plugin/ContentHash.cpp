//===- ContentHash.cpp - XXH3-128 hashes of normalised final IR -----------===//
//
// A function's hash must change exactly when the code it runs changes, so it
// is computed on the final, optimised IR (a function that inlined a callee
// changes when the callee does) and normalised:
//
//   - local values (arguments, blocks, instructions) are numbered in order,
//     so value names do not matter;
//   - debug information (!dbg, debug intrinsics and records, DI metadata,
//     !srcloc) is ignored, so moving a function down a file changes nothing;
//   - referenced globals are named by stable id; internal constants (string
//     literals, const tables) are folded in by content, so renumbered
//     ".str.N" names change nothing and a changed literal changes the user;
//   - referenced mutable globals are folded in by id and layout, not value;
//   - functions the optimiser made (a coroutine's resume and destroy parts)
//     have no slot: they are folded in by content where referenced;
//   - a call that was a direct call of another function's impl while the
//     optimiser ran folds in that function's attributes, which the
//     optimiser may have relied on in this caller (e.g. readnone allowing
//     two calls to be merged); calls that were never direct (from main,
//     from other modules) do not.
//
// Types are serialised structurally (field by field), never by name.
//
//===----------------------------------------------------------------------===//
#include "Hotpatch.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Operator.h"
#include "llvm/Support/StringSaver.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>
#include <array>
#include <cstring>

#define XXH_INLINE_ALL
#include <xxhash.h>

using namespace llvm;

namespace hotpatch {
namespace {

/// Structural spelling of a type: named structs by their fields.
void spellType(raw_ostream &OS, Type *T) {
  if (auto *ST = dyn_cast<StructType>(T)) {
    if (ST->isOpaque()) {
      OS << "opaque";
      return;
    }
    OS << (ST->isPacked() ? "<{" : "{");
    for (Type *E : ST->elements()) {
      spellType(OS, E);
      OS << ',';
    }
    OS << (ST->isPacked() ? "}>" : "}");
  } else if (auto *AT = dyn_cast<ArrayType>(T)) {
    OS << '[' << AT->getNumElements() << 'x';
    spellType(OS, AT->getElementType());
    OS << ']';
  } else if (auto *VT = dyn_cast<VectorType>(T)) {
    OS << '<' << VT->getElementCount() << 'x';
    spellType(OS, VT->getElementType());
    OS << '>';
  } else if (auto *FT = dyn_cast<FunctionType>(T)) {
    spellType(OS, FT->getReturnType());
    OS << '(';
    for (Type *P : FT->params()) {
      spellType(OS, P);
      OS << ',';
    }
    OS << (FT->isVarArg() ? "...)" : ")");
  } else {
    T->print(OS); // scalar, pointer, label, token...: no name involved
  }
}

std::string typeKey(Type *T) {
  std::string S;
  raw_string_ostream OS(S);
  spellType(OS, T);
  return S;
}

/// An explicit alignment, or 0 for "the type's own".
uint64_t alignment(MaybeAlign A) {
  return A ? A->value() : 0;
}

bool isDebugMetadata(const Metadata *MD) {
  return isa<DINode>(MD) || isa<DILocation>(MD) || isa<DIExpression>(MD) ||
         isa<DIArgList>(MD);
}

} // namespace

/// Streams one function, or one constant's content, into an XXH3-128
/// state.  One builder serves a whole module: what does not depend on the
/// function (type spellings, attribute strings, metadata kind names) is
/// computed once, and small fields are gathered in a buffer so that XXH3 is
/// fed in large pieces (the digest does not depend on how input is split).
class HashBuilder {
public:
  HashBuilder(
      const Module &M, StringRef ModuleId,
      const DenseMap<const GlobalVariable *, const Function *> &ImplOfSlot,
      const DenseMap<const Function *, const Function *> &StubOfImpl,
      bool CacheConstants)
      : ModuleId(ModuleId), ImplOfSlot(ImplOfSlot), StubOfImpl(StubOfImpl),
        CacheConstants(CacheConstants),
        SrcLocKind(M.getContext().getMDKindID("srcloc")),
        WasDirectKind(M.getContext().getMDKindID(WasDirectCallMetadataName)) {
    M.getContext().getMDKindNames(KindNames);
    for (const auto &E : StubOfImpl)
      Stubs.insert(E.second);
    MayHaveHelpers = any_of(M, [&](const Function &F) {
      return F.hasLocalLinkage() && !F.isDeclaration() &&
             !StubOfImpl.count(&F) && !Stubs.count(&F);
    });
  }

  Hash128 hashConstant(const GlobalVariable &Var) {
    begin();
    addConstantGlobal(Var);
    return digest();
  }

  /// Locals are numbered in order (arguments, then each block followed by
  /// its instructions) as the one walk over the body reaches them: a
  /// second walk only to number them first cost as much as the hashing,
  /// the body being out of the cache (20 ms of SQLite's amalgamation at
  /// -O0).  A local used before it is reached (a branch to a later block)
  /// gets its number when the walk ends (addLocalNumber).
  Hash128 hashFunction(const Function &F) {
    hashHelpersOf(F);
    begin();
    unsigned Next = 0;
    for (const Argument &A : F.args())
      Locals[&A] = Next++;
    addFunctionHeader(F);
    for (const BasicBlock &BB : F) {
      Locals[&BB] = Next++;
      add("bb");
      for (const Instruction &I : BB) {
        if (!I.getType()->isVoidTy()) // nothing uses a void value
          Locals[&I] = Next;
        ++Next;
        if (!isa<DbgInfoIntrinsic>(I) && !isa<PseudoProbeInst>(I))
          addInstruction(I);
      }
    }
    return digest();
  }

private:
  StringRef ModuleId;
  const DenseMap<const GlobalVariable *, const Function *> &ImplOfSlot;
  const DenseMap<const Function *, const Function *> &StubOfImpl;
  bool CacheConstants;
  unsigned SrcLocKind, WasDirectKind;
  SmallVector<StringRef, 32> KindNames; // custom kinds' ids depend on order
  XXH3_state_t State;
  /// Input not yet handed to XXH3, the first PendingSize bytes of
  /// Pending: handed over when full, unless it holds a placeholder
  /// (LaterNumbers), which has to stay until the end of the function: then
  /// Pending grows.
  static constexpr size_t FlushSize = 16384;
  std::vector<char> Pending = std::vector<char>(FlushSize);
  size_t PendingSize = 0;
  DenseMap<const Value *, unsigned> Locals;
  /// A local's number written as a placeholder, at Offset in Pending.
  struct LaterNumber {
    size_t Offset;
    const Value *Local;
  };
  SmallVector<LaterNumber, 16> LaterNumbers;
  DenseMap<const Metadata *, unsigned> SeenMetadata;
  SmallPtrSet<const GlobalVariable *, 8> ConstantsInProgress;
  SmallPtrSet<const Function *, 8> Stubs;
  /// Whether the module defines a function hashHelpersOf may find: most
  /// (every build at -O0) have none, and then no function is walked for
  /// them.
  bool MayHaveHelpers = false;
  DenseMap<const Function *, Hash128> HelperHashes;
  SmallPtrSet<const Function *, 4> HelpersInProgress;
  /// A type's and an attribute set's input as add(StringRef) gives it
  /// (length, then text), made once: most operands add a type.
  DenseMap<Type *, StringRef> TypeInput; ///< text in InputText
  DenseMap<AttributeSet, std::string> AttributeInput;
  BumpPtrAllocator InputAllocator;
  StringSaver InputText{InputAllocator};
  /// TypeInput's answers by the type's address, direct-mapped: a module's
  /// operands use few types, and a hit is one compare instead of a probe
  /// (addType was a quarter of the hashing of SQLite's amalgamation at -O0).
  struct TypeCacheEntry {
    Type *T = nullptr;
    StringRef Input;
  };
  std::array<TypeCacheEntry, 64> TypeCache;
  /// What a constant global's content added to the hash input, recorded
  /// the first time it was folded in and replayed after: a table that 200
  /// functions read is walked once, not 200 times (in Lua's lvm.c -O0 that
  /// walk was most of the plugin's cost), and the input stays byte for byte
  /// what it was, so hashes do not change.  Only a constant whose walk met
  /// no cycle is kept: what a cycle adds depends on where the walk began.
  DenseMap<const GlobalVariable *, SmallVector<char, 0>> ConstantInput;
  SmallVector<char, 0> *Recording = nullptr;
  bool RecordingMetCycle = false;

  /// A helper is a function the optimiser made from instrumented code (a
  /// coroutine's resume and destroy parts, a specialised clone): no slot
  /// reaches it, only the code that references it, so its content is part
  /// of that code's.  Hashed before \p F, whose hash folds them in.
  void hashHelpersOf(const Function &F) {
    if (!MayHaveHelpers)
      return;
    auto IsHelper = [&](const Value *V) {
      if (!isa<Constant>(V)) // most operands: nothing to strip
        return false;
      auto *Fn = dyn_cast<Function>(V->stripPointerCasts());
      return Fn && Fn->hasLocalLinkage() && !Fn->isDeclaration() &&
             !StubOfImpl.count(Fn) && !Stubs.count(Fn) &&
             !HelperHashes.count(Fn) && !HelpersInProgress.count(Fn);
    };
    for (const BasicBlock &BB : F)
      for (const Instruction &I : BB)
        for (const Value *Op : I.operands())
          if (IsHelper(Op)) {
            auto *Helper = cast<Function>(Op->stripPointerCasts());
            HelpersInProgress.insert(Helper);
            Hash128 H = hashFunction(*Helper);
            HelpersInProgress.erase(Helper);
            HelperHashes[Helper] = H;
            ConstantInput.clear(); // a constant naming it now says "helper"
          }
  }

  void begin() {
    XXH3_128bits_reset(&State);
    PendingSize = 0;
    LaterNumbers.clear();
    Locals.clear();
    SeenMetadata.clear();
    ConstantsInProgress.clear();
  }

  void flush() {
    assert(LaterNumbers.empty() && "a placeholder would be hashed");
    if (PendingSize)
      XXH3_128bits_update(&State, Pending.data(), PendingSize);
    PendingSize = 0;
  }

  Hash128 digest() {
    for (const LaterNumber &L : LaterNumbers) {
      assert(Locals.count(L.Local) && "a local of another function");
      uint64_t Number = Locals.lookup(L.Local);
      memcpy(Pending.data() + L.Offset, &Number, sizeof Number);
    }
    LaterNumbers.clear();
    flush();
    XXH128_hash_t H = XXH3_128bits_digest(&State);
    return {H.low64, H.high64};
  }

  /// The common case inline (small pieces, between flushes, nothing
  /// recorded), the rest in addBytesSlowly.
  void addBytes(const void *P, size_t N) {
    if (LLVM_LIKELY(!Recording && PendingSize + N <= Pending.size()))
      appendPending(P, N);
    else
      addBytesSlowly(P, N);
  }
  void appendPending(const void *P, size_t N) {
    memcpy(Pending.data() + PendingSize, P, N);
    PendingSize += N;
  }
  LLVM_ATTRIBUTE_NOINLINE void addBytesSlowly(const void *P, size_t N) {
    if (Recording)
      Recording->append(static_cast<const char *>(P),
                        static_cast<const char *>(P) + N);
    if (PendingSize + N > Pending.size()) {
      if (!LaterNumbers.empty()) {
        Pending.resize(2 * (PendingSize + N)); // kept to the function's end
      } else {
        flush();
        if (N >= FlushSize) {
          XXH3_128bits_update(&State, P, N);
          return;
        }
      }
    }
    appendPending(P, N);
  }
  void add(uint64_t V) { addBytes(&V, sizeof V); }
  void add(StringRef S) {
    add(static_cast<uint64_t>(S.size()));
    addBytes(S.data(), S.size());
  }
  /// What add(stableId(GV, ModuleId)) adds, without making the string:
  /// every reference to a global adds one.
  void addStableId(const GlobalValue &GV) {
    StringRef Name = GV.getName();
    if (!GV.hasLocalLinkage())
      return add(Name);
    add(static_cast<uint64_t>(ModuleId.size() + 1 + Name.size()));
    addBytes(ModuleId.data(), ModuleId.size());
    addBytes(":", 1);
    addBytes(Name.data(), Name.size());
  }
  /// What add(S) adds, as one piece.
  static std::string inputOf(StringRef S) {
    uint64_t Size = S.size();
    std::string Input(reinterpret_cast<const char *>(&Size), sizeof Size);
    Input += S;
    return Input;
  }
  void addType(Type *T) {
    TypeCacheEntry &Cached =
        TypeCache[(reinterpret_cast<uintptr_t>(T) >> 4) % TypeCache.size()];
    if (LLVM_UNLIKELY(Cached.T != T)) {
      auto [It, New] = TypeInput.try_emplace(T);
      if (New)
        It->second = InputText.save(inputOf(typeKey(T)));
      Cached = {T, It->second};
    }
    addBytes(Cached.Input.data(), Cached.Input.size());
  }
  void addAttributeSet(AttributeSet AS) {
    auto [It, New] = AttributeInput.try_emplace(AS);
    if (New)
      It->second = inputOf(AS.getAsString());
    addBytes(It->second.data(), It->second.size());
  }
  void addAttributes(const AttributeList &AL, unsigned NumParams) {
    addAttributeSet(AL.getFnAttrs());
    addAttributeSet(AL.getRetAttrs());
    for (unsigned I = 0; I < NumParams; ++I)
      addAttributeSet(AL.getParamAttrs(I));
  }

  /// What add(number of local V) adds; a placeholder, written in digest,
  /// for a local the walk has not reached yet.
  void addLocalNumber(const Value *V) {
    if (auto It = Locals.find(V); It != Locals.end())
      return add(It->second);
    assert(!Recording && "constants hold no locals");
    LaterNumbers.push_back({PendingSize, V});
    add(uint64_t(0));
  }

  void addFunctionHeader(const Function &F) {
    addType(F.getFunctionType());
    add(F.getCallingConv());
    addAttributes(F.getAttributes(), F.arg_size());
    add(alignment(F.getAlign()));
    add(F.getSection());
    add(F.hasGC() ? F.getGC() : "");
    if (F.hasPersonalityFn())
      addValue(F.getPersonalityFn());
  }

  void addInstruction(const Instruction &I) {
    add(I.getOpcode());
    addType(I.getType());
    add(I.getRawSubclassOptionalData());
    add(I.getNumOperands());
    for (const Use &Op : I.operands()) {
      addType(Op->getType());
      addValue(Op.get());
    }
    addInstructionDetails(I);
    SmallVector<std::pair<unsigned, MDNode *>, 4> MDs;
    I.getAllMetadataOtherThanDebugLoc(MDs);
    for (auto &[Kind, Node] : MDs) {
      if (Kind == SrcLocKind)
        continue; // inline asm source line
      if (Kind == WasDirectKind) {
        addCalleeFacts(I);
        continue;
      }
      if (Kind >= KindNames.size()) // registered after the builder was made
        I.getContext().getMDKindNames(KindNames);
      add(KindNames[Kind]); // custom kinds' numbers depend on order of use
      addMetadata(Node);
    }
  }

  /// The optimiser may have used what it inferred about a callee (memory
  /// effects, nounwind, willreturn...) while the call was still a direct call
  /// of its impl; if those facts change, so may this caller's code.
  void addCalleeFacts(const Instruction &SlotLoad) {
    auto *Slot = dyn_cast<GlobalVariable>(SlotLoad.getOperand(0));
    if (const Function *Impl = Slot ? ImplOfSlot.lookup(Slot) : nullptr)
      addAttributes(Impl->getAttributes(), Impl->arg_size());
  }

  /// A load's, store's or atomicrmw's alignment, volatility, ordering and
  /// synchronisation scope, in that order.
  template <class AccessInst> void addAccess(const AccessInst &I) {
    add(I.getAlign().value());
    add(I.isVolatile());
    add(static_cast<uint64_t>(I.getOrdering()));
    add(I.getSyncScopeID());
  }

  /// What an instruction carries outside its operands.
  void addInstructionDetails(const Instruction &I) {
    if (auto *C = dyn_cast<CmpInst>(&I))
      add(C->getPredicate());
    if (auto *A = dyn_cast<AllocaInst>(&I)) {
      addType(A->getAllocatedType());
      add(A->getAlign().value());
    }
    if (auto *L = dyn_cast<LoadInst>(&I))
      addAccess(*L);
    if (auto *S = dyn_cast<StoreInst>(&I))
      addAccess(*S);
    if (auto *R = dyn_cast<AtomicRMWInst>(&I)) {
      add(R->getOperation());
      addAccess(*R);
    }
    if (auto *X = dyn_cast<AtomicCmpXchgInst>(&I)) {
      add(X->getAlign().value());
      add(X->isVolatile());
      add(X->isWeak());
      add(static_cast<uint64_t>(X->getSuccessOrdering()));
      add(static_cast<uint64_t>(X->getFailureOrdering()));
      add(X->getSyncScopeID());
    }
    if (auto *Fe = dyn_cast<FenceInst>(&I)) {
      add(static_cast<uint64_t>(Fe->getOrdering()));
      add(Fe->getSyncScopeID());
    }
    if (auto *G = dyn_cast<GetElementPtrInst>(&I))
      addType(G->getSourceElementType());
    if (auto *CB = dyn_cast<CallBase>(&I)) {
      addType(CB->getFunctionType());
      add(CB->getCallingConv());
      addAttributes(CB->getAttributes(), CB->arg_size());
      for (unsigned B = 0; B < CB->getNumOperandBundles(); ++B)
        add(CB->getOperandBundleAt(B).getTagName());
      if (auto *CI = dyn_cast<CallInst>(CB))
        add(CI->getTailCallKind());
    }
    if (auto *P = dyn_cast<PHINode>(&I))
      for (const BasicBlock *BB : P->blocks())
        addLocalNumber(BB);
    if (auto *SV = dyn_cast<ShuffleVectorInst>(&I))
      for (int M : SV->getShuffleMask())
        add(static_cast<uint64_t>(M));
    if (auto *EV = dyn_cast<ExtractValueInst>(&I))
      for (unsigned Idx : EV->indices())
        add(Idx);
    if (auto *IV = dyn_cast<InsertValueInst>(&I))
      for (unsigned Idx : IV->indices())
        add(Idx);
    if (auto *VA = dyn_cast<VAArgInst>(&I))
      addType(VA->getType());
  }

  void addValue(const Value *V) {
    // Constants first: most operands are, and Locals holds none.
    if (auto *C = dyn_cast<Constant>(V))
      return addConstant(C);
    if (isa<Argument>(V) || isa<BasicBlock>(V) || isa<Instruction>(V)) {
      add("local");
      addLocalNumber(V);
    } else if (auto *IA = dyn_cast<InlineAsm>(V)) {
      add("asm");
      add(IA->getAsmString());
      add(IA->getConstraintString());
      add(IA->hasSideEffects());
      add(IA->isAlignStack());
      add(IA->getDialect());
      addType(IA->getFunctionType());
    } else if (auto *MV = dyn_cast<MetadataAsValue>(V)) {
      add("md");
      addMetadata(MV->getMetadata());
    } else {
      add("value");
      add(V->getValueID());
    }
  }

  void addConstant(const Constant *C) {
    add(C->getValueID());
    addType(C->getType());
    if (auto *GV = dyn_cast<GlobalValue>(C))
      return addGlobal(GV);
    if (auto *CI = dyn_cast<ConstantInt>(C)) {
      const APInt &V = CI->getValue();
      addBytes(V.getRawData(), V.getNumWords() * sizeof(uint64_t));
      return;
    }
    if (auto *CF = dyn_cast<ConstantFP>(C)) {
      APInt Bits = CF->getValueAPF().bitcastToAPInt();
      addBytes(Bits.getRawData(), Bits.getNumWords() * sizeof(uint64_t));
      return;
    }
    if (auto *CDS = dyn_cast<ConstantDataSequential>(C)) {
      add(CDS->getRawDataValues());
      return;
    }
    if (auto *BA = dyn_cast<BlockAddress>(C)) {
      addGlobal(BA->getFunction());
      unsigned Index = 0;
      for (const BasicBlock &BB : *BA->getFunction()) {
        if (&BB == BA->getBasicBlock())
          break;
        ++Index;
      }
      add(Index);
      return;
    }
    if (auto *CE = dyn_cast<ConstantExpr>(C)) {
      add(CE->getOpcode());
      add(CE->getRawSubclassOptionalData());
      if (auto *GEP = dyn_cast<GEPOperator>(CE))
        addType(GEP->getSourceElementType());
    }
    // Aggregates, expressions, equivalents: their operands say the rest.
    add(C->getNumOperands());
    for (const Use &Op : C->operands())
      addValue(Op.get());
  }

  void addGlobal(const GlobalValue *GV) {
    if (auto *Fn = dyn_cast<Function>(GV)) {
      if (const Function *Stub = StubOfImpl.lookup(Fn)) {
        add("impl");
        addStableId(*Stub);
      } else if (auto It = HelperHashes.find(Fn); It != HelperHashes.end()) {
        add("helper");
        add(It->second.Lo);
        add(It->second.Hi);
      } else {
        add("fn");
        addStableId(*Fn);
      }
      return;
    }
    auto *Var = dyn_cast<GlobalVariable>(GV);
    if (!Var) {
      add("gv");
      addStableId(*GV);
      return;
    }
    if (const Function *Impl = ImplOfSlot.lookup(Var)) {
      add("slot");
      addStableId(*StubOfImpl.lookup(Impl));
      return;
    }
    if (Var->isConstant() && Var->hasInitializer() && !Var->isInterposable()) {
      addConstantGlobal(*Var);
      return;
    }
    add("var");
    addStableId(*Var);
    addType(Var->getValueType());
    add(alignment(Var->getAlign()));
    add(Var->getThreadLocalMode());
  }

  /// Constants are part of the code that reads them: fold in their content.
  void addConstantGlobal(const GlobalVariable &Var) {
    add("const");
    if (!Var.hasLocalLinkage())
      addStableId(Var);
    if (!ConstantsInProgress.insert(&Var).second) {
      add("cycle"); // a constant that points at itself, e.g. a list head
      RecordingMetCycle = true;
      return;
    }
    if (auto It = ConstantInput.find(&Var); It != ConstantInput.end()) {
      addBytes(It->second.data(), It->second.size());
    } else if (CacheConstants && !Recording) {
      SmallVector<char, 0> Input;
      Recording = &Input;
      RecordingMetCycle = false;
      addConstantContent(Var);
      Recording = nullptr;
      if (!RecordingMetCycle)
        ConstantInput[&Var] = std::move(Input);
    } else {
      addConstantContent(Var);
    }
    ConstantsInProgress.erase(&Var);
  }

  void addConstantContent(const GlobalVariable &Var) {
    addType(Var.getValueType());
    add(alignment(Var.getAlign()));
    addConstant(Var.getInitializer());
  }

  void addMetadata(const Metadata *MD) {
    if (!MD) {
      add("null");
    } else if (auto *S = dyn_cast<MDString>(MD)) {
      add("str");
      add(S->getString());
    } else if (auto *V = dyn_cast<ValueAsMetadata>(MD)) {
      addValue(V->getValue());
    } else if (isDebugMetadata(MD)) {
      add("di");
    } else if (auto *N = dyn_cast<MDNode>(MD)) {
      auto [It, New] = SeenMetadata.try_emplace(N, SeenMetadata.size());
      add("node");
      add(It->second);
      if (!New)
        return;
      add(N->getNumOperands());
      for (const MDOperand &Op : N->operands())
        addMetadata(Op.get());
    } else {
      add("other");
    }
  }
};

ContentHasher::ContentHasher(Module &M, std::string ModuleId,
                             const std::vector<InstrumentedFunction> &Functions,
                             bool CacheConstants)
    : M(M), ModuleId(std::move(ModuleId)) {
  for (const InstrumentedFunction &F : Functions) {
    ImplOfSlot[F.Slot] = F.Impl;
    StubOfImpl[F.Impl] = F.Stub;
  }
  Builder = std::make_unique<HashBuilder>(M, this->ModuleId, ImplOfSlot,
                                          StubOfImpl, CacheConstants);
}

ContentHasher::~ContentHasher() = default;

Hash128 ContentHasher::hashFunction(const Function &F) {
  return Builder->hashFunction(F);
}

uint64_t ContentHasher::layoutHash(const GlobalVariable &GV) {
  std::string Key = typeKey(GV.getValueType());
  // A constant's "layout" is its content too: a patch that changes a
  // constant other files read must update it in place (PatchModule.cpp).
  if (GV.isConstant() && GV.hasInitializer()) {
    Hash128 H = Builder->hashConstant(GV);
    Key += "/content=" + std::to_string(H.Hi) + std::to_string(H.Lo);
  }
  // Declared, not as the optimiser raised it: how far it raises it
  // depends on what it optimised (Alignment.cpp).
  Key += "/align=" + std::to_string(declaredAlignment(GV).value());
  Key += "/size=" +
         std::to_string(M.getDataLayout().getTypeAllocSize(GV.getValueType()));
  Key += "/tls=" + std::to_string(GV.getThreadLocalMode());
  return XXH3_64bits(Key.data(), Key.size());
}

std::string typeSpelling(Type *T) {
  if (auto *ST = dyn_cast<StructType>(T); ST && ST->hasName()) {
    std::string S;
    raw_string_ostream OS(S);
    OS << ST->getName();
    // C++ names may hold spaces ("class.(anonymous namespace)::Queue"),
    // and the module info's type is one word between spaces: a space in it
    // would shift the id of the line (include/hotpatch_abi.h).
    std::replace(S.begin(), S.end(), ' ', '_');
    spellType(OS, ST);
    return S;
  }
  return typeKey(T);
}

} // namespace hotpatch
