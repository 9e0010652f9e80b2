//===- PatchModule.cpp - Reduce a module to a patch (patch mode) ----------===//
//
// In patch mode the module went through exactly the build pipeline, so its
// hashes compare with the baseline's.  This file then keeps only:
//
//   changed functions   impls whose hash differs; the runtime publishes them
//                       into the slots the process already has
//   new functions       with their own stub and slot, registered as new
//   new globals         defined here, registered as new
//   constants           private copies (literals, const tables)
//
// and turns every other reference into a load from an import cell that the
// runtime fills before any patch code runs: functions to their stubs, slots
// to the process's slots, globals and static locals to their storage,
// thread-locals to their accessors.  Globals whose initialisers use an
// import are filled by the patch-init function instead.  Nothing of the
// patch is exported; a constructor hands the descriptor to the runtime.
//
// A mutable global whose layout differs from the baseline's is refused: its
// state cannot be carried over.
//
// C++ objects whose address is their identity (type_info objects and their
// names, vtables, VTTs) are imported whatever their linkage, never copied:
// live objects point at the program's vtables, and typeid, catch and
// dynamic_cast compare type_info objects.  A change of their content (a
// class's virtual functions or bases) is refused.  Exception tables name
// the types a landing pad catches by symbol, so they get a local copy of
// the type_info whose fields point at the program's objects (filled by the
// patch-init function); the C++ runtime matches type_infos by their name
// pointer, which is the program's.
//
//===----------------------------------------------------------------------===//
#include "Baseline.h"
#include "DescriptorTables.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Demangle/Demangle.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/ReplaceConstant.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"

using namespace llvm;

#define DEBUG_TYPE "hotpatch-patch"

namespace hotpatch {
namespace {

struct Import {
  std::string Id;
  hotpatch_import_kind Kind;
  uint32_t Flags = 0;
  uint64_t LayoutHash = 0; ///< 0: any layout (a declaration's type says little)
  uint64_t Size = 0;
  GlobalVariable *Cell = nullptr;
};

/// A symbol as messages quote it: a C++ name demangled, followed by the
/// mangled name that tools know.
std::string quoted(StringRef Name) {
  std::string Readable = demangle(Name);
  if (Readable == Name)
    return ("'" + Name + "'").str();
  return "'" + Readable + "' (" + Name.str() + ")";
}

/// type_info objects and their names, vtables and VTTs: what C++ compares
/// or points at by address.
bool isCxxIdentity(const GlobalValue &GV) {
  StringRef Name = GV.getName();
  return Name.starts_with("_ZTI") || Name.starts_with("_ZTS") ||
         Name.starts_with("_ZTV") || Name.starts_with("_ZTT");
}

/// A use that an exception table turns into a symbol reference: a clause
/// of a landing pad (directly, or in a filter array) or the argument of
/// llvm.eh.typeid.for.
bool isExceptionTableUse(const Use &U) {
  User *User = U.getUser();
  if (isa<LandingPadInst>(User))
    return true;
  if (auto *II = dyn_cast<IntrinsicInst>(User))
    return II->getIntrinsicID() == Intrinsic::eh_typeid_for;
  return isa<ConstantArray>(User) && !User->use_empty() &&
         all_of(User->users(),
                [](const auto *U) { return isa<LandingPadInst>(U); });
}

struct CtorEntry {
  uint64_t Priority;
  size_t Order;
  Function *Fn;
};

class PatchBuilder {
public:
  PatchBuilder(Module &M, const ModuleFacts &Facts, const Baseline &B)
      : M(M), Ctx(M.getContext()), Facts(Facts), B(B), T(M), PtrTy(T.ptrTy()) {}

  bool run() {
    if (!B.HasModule)
      return refuse(HOTPATCH_REFUSAL_NEW_MODULE,
                    "module '" + Facts.ModuleId +
                        "' is not part of the running program; rebuild and "
                        "restart it to add new source files");
    if (!checkLayouts())
      return false;
    classifyFunctions();
    std::vector<CtorEntry> Ctors = takeSpecialArrays();
    planImports();
    copyTypeInfosForExceptionTables();
    if (Failed)
      return false;
    dropUnkeptDefinitions();
    for (auto [Impl, Stub] : StrayImplUses)
      Impl->replaceAllUsesWith(Stub);
    for (auto &[GV, Imp] : Imports)
      replaceInstructionUses(*GV, Imp);
    Function *Init = buildInit(Ctors);
    eraseUnkept();
    hideEverything();
    emitDescriptor(Init);
    eraseUnusedDeclarations();
    return true;
  }

private:
  Module &M;
  LLVMContext &Ctx;
  const ModuleFacts &Facts;
  const Baseline &B;
  DescriptorTables T;
  PointerType *PtrTy;

  std::vector<const FunctionFact *> Changed, New;
  SmallPtrSet<GlobalValue *, 32> Remove; // unkept definitions
  SmallPtrSet<GlobalValue *, 32> KeepUsed;
  MapVector<GlobalValue *, Import> Imports;
  std::vector<const DataFact *> NewData;
  /// External constants whose content changed: (import of the original,
  /// the patch's copy of the new content).
  std::vector<std::pair<GlobalVariable *, GlobalVariable *>> Updates;
  std::vector<std::pair<Function *, Function *>> StrayImplUses;

  bool Failed = false;

  /// A change that cannot be applied live: the compile fails with
  /// \p Message, and the refusals file (hotpatch_abi.h) says so, with
  /// \p Kind, for hcc.
  bool refuse(StringRef Kind, const Twine &Message) {
    refusePatch(Ctx, Kind, Message);
    Failed = true;
    return false;
  }

  // ---- Deciding -------------------------------------------------------------

  /// Whether the process has storage of its own for a datum: not when it
  /// has none, nor when it has a constant of that id (a static local its
  /// function only read, Instrument.cpp): a patch that writes it defines
  /// it, initialised as written, which is the value the process read.
  bool isProcessState(StringMap<BaselineData>::const_iterator It) const {
    return It != B.Data.end() &&
           It->second.Kind != hotpatch_data_kind_word(HOTPATCH_DATA_CONSTANT);
  }

  /// Mutable state keeps its storage, so its layout must not change.
  bool checkLayouts() {
    bool Ok = true;
    for (const DataFact &D : Facts.Data) {
      auto It = B.Data.find(D.Id);
      if (D.Kind == HOTPATCH_DATA_CONSTANT || !isProcessState(It) ||
          It->second.LayoutHash == D.LayoutHash)
        continue;
      Ok = refuse(HOTPATCH_REFUSAL_LAYOUT,
                  "cannot patch " + Twine(hotpatch_data_kind_word(D.Kind)) +
                      " " + quoted(D.Var->getName()) + " of " +
                      M.getSourceFileName() + ": its type changed from " +
                      It->second.Type + " (" + Twine(It->second.Size) +
                      " bytes) to " + D.Type + " (" + Twine(D.Size) +
                      " bytes) and its value could not be kept; "
                      "restore its type, or restart the program to use the new "
                      "one");
    }
    return Ok;
  }

  void classifyFunctions() {
    for (const FunctionFact &F : Facts.Functions) {
      auto It = B.ModuleFunctions.find(F.Id);
      if (It == B.ModuleFunctions.end() && !B.Functions.count(F.Id)) {
        New.push_back(&F);
        KeepUsed.insert(F.F.Stub);
        KeepUsed.insert(F.F.Slot);
      } else if (It == B.ModuleFunctions.end() || It->second != F.Hash) {
        Changed.push_back(&F);
      } else {
        Remove.insert(F.F.Impl);
      }
    }
    sortBySource(Changed);
    sortBySource(New);
  }

  /// In the order of the source: the module's order is the order in which
  /// the code generator created the functions, which leaving bodies out
  /// changes (FrontendSkip.cpp).  Functions without source lines (made by
  /// the compiler) after the others, by id.
  void sortBySource(std::vector<const FunctionFact *> &List) const {
    std::string LocalPrefix = Facts.ModuleId + ":"; // stableId() of a local
    auto Key = [&](const FunctionFact *F) {
      StringRef Name = F->Id;
      Name.consume_front(LocalPrefix);
      const std::string *Lines = functionLines(Name);
      if (!Lines)
        return std::make_tuple(true, StringRef(), 0u, StringRef(F->Id));
      auto [First, Rest] = StringRef(*Lines).split(' ');
      unsigned Line = 0;
      First.getAsInteger(10, Line);
      return std::make_tuple(false, Rest.split(' ').second, Line,
                             StringRef(F->Id));
    };
    llvm::sort(List, [&](const FunctionFact *A, const FunctionFact *B) {
      return Key(A) < Key(B);
    });
  }

  /// Removes llvm.global_ctors, llvm.global_dtors, llvm.used and friends:
  /// existing constructors must not run again and destructors never run;
  /// returns the constructors that are new, and the one that initialises
  /// new C++ globals (StaticInit.cpp).
  std::vector<CtorEntry> takeSpecialArrays() {
    SmallPtrSet<Function *, 8> NewStubs;
    for (const FunctionFact *F : New)
      NewStubs.insert(F->F.Stub);
    std::vector<CtorEntry> Ctors;
    if (GlobalVariable *GV = M.getGlobalVariable("llvm.global_ctors")) {
      if (auto *Array = dyn_cast<ConstantArray>(GV->getInitializer()))
        for (Value *Op : Array->operands()) {
          auto *Entry = cast<ConstantStruct>(Op);
          auto *Fn = dyn_cast<Function>(Entry->getOperand(1));
          if (Fn && (NewStubs.contains(Fn) || Fn->getName() == NewInitsName))
            Ctors.push_back(
                {cast<ConstantInt>(Entry->getOperand(0))->getZExtValue(),
                 Ctors.size(), Fn});
        }
    }
    // Stable: constructors of equal priority run in source order.
    std::sort(Ctors.begin(), Ctors.end(),
              [](const CtorEntry &A, const CtorEntry &B) {
                return A.Priority < B.Priority ||
                       (A.Priority == B.Priority && A.Order < B.Order);
              });
    for (StringRef Name :
         {"llvm.global_ctors", "llvm.global_dtors", "llvm.used",
          "llvm.compiler.used", "llvm.global.annotations"})
      if (GlobalVariable *GV = M.getGlobalVariable(Name))
        GV->eraseFromParent();
    return Ctors;
  }

  void addImport(GlobalValue &GV, std::string Id, hotpatch_import_kind Kind,
                 uint32_t Flags, uint64_t LayoutHash, uint64_t Size) {
    auto *Cell = new GlobalVariable(
        M, PtrTy, false, GlobalValue::InternalLinkage,
        ConstantPointerNull::get(PtrTy), HOTPATCH_IMPORT_PREFIX + Id);
    Cell->setSection(HOTPATCH_IMPORT_SECTION);
    Imports[&GV] = {std::move(Id), Kind, Flags, LayoutHash, Size, Cell};
  }

  void planImports() {
    SmallPtrSet<const Function *, 32> Kept;
    for (const FunctionFact *F : Changed)
      Kept.insert(F->F.Impl);
    for (const FunctionFact &F : Facts.Functions) {
      bool IsNew = KeepUsed.contains(F.F.Stub);
      if (IsNew)
        continue;
      addImport(*F.F.Stub, F.Id, HOTPATCH_IMPORT_FUNCTION, F.Flags, 0, 0);
      addImport(*F.F.Slot, F.Id, HOTPATCH_IMPORT_SLOT, F.Flags, 0, 0);
      Remove.insert(F.F.Stub);
      Remove.insert(F.F.Slot);
      if (!Kept.contains(F.F.Impl)) // unchanged: stray uses reach the stub
        StrayImplUses.push_back({F.F.Impl, F.F.Stub});
    }
    DenseMap<const GlobalVariable *, const DataFact *> FactOf;
    for (const DataFact &D : Facts.Data)
      FactOf[D.Var] = &D;
    for (GlobalVariable &GV : M.globals())
      planGlobalVariable(GV, FactOf.lookup(&GV));
    CrossUnitCallSites Sites(M);
    for (Function &F : M)
      if (F.isDeclaration() && !F.isIntrinsic() &&
          B.Functions.count(F.getName())) {
        importSlotForCalls(F, Sites.calls(F));
        addImport(F, F.getName().str(), HOTPATCH_IMPORT_FUNCTION, 0, 0, 0);
      }
  }

  /// \p Calls of another unit's function \p F load the process's slot of
  /// F, as the build's calls do (CrossUnitCalls.cpp), rather than calling
  /// its stub: a declaration of F.hp.slot that becomes an import.
  void importSlotForCalls(Function &F, ArrayRef<Use *> Calls) {
    if (Calls.empty())
      return;
    auto *Slot = new GlobalVariable(M, PtrTy, /*isConstant=*/false,
                                    GlobalValue::ExternalLinkage, nullptr,
                                    F.getName() + HOTPATCH_SLOT_SUFFIX);
    Slot->setAlignment(M.getDataLayout().getPointerABIAlignment(0));
    for (Use *U : Calls)
      callThroughSlot(*cast<CallBase>(U->getUser()), *U, *Slot);
    addImport(*Slot, F.getName().str(), HOTPATCH_IMPORT_SLOT, 0, 0, 0);
  }

  void planGlobalVariable(GlobalVariable &GV, const DataFact *D) {
    if (GV.isDeclaration()) {
      auto It = B.Data.find(GV.getName());
      if (It != B.Data.end())
        addImport(GV, GV.getName().str(),
                  GV.isThreadLocal() ? HOTPATCH_IMPORT_TLS
                                     : HOTPATCH_IMPORT_DATA,
                  0, 0, 0);
      return;
    }
    if (D && isCxxIdentity(GV) && B.Data.count(D->Id))
      return planCxxIdentity(GV, *D);
    if (D && D->Kind == HOTPATCH_DATA_CONSTANT && !GV.hasLocalLinkage())
      return planExternalConstant(GV, *D);
    // Literals, constant tables, our own tables: the patch has its copy.
    if (!D || D->Kind == HOTPATCH_DATA_CONSTANT)
      return;
    if (!isProcessState(B.Data.find(D->Id))) {
      NewData.push_back(D);
      return;
    }
    addImport(GV, D->Id,
              GV.isThreadLocal() ? HOTPATCH_IMPORT_TLS : HOTPATCH_IMPORT_DATA,
              D->Flags, D->LayoutHash, D->Size);
    Remove.insert(&GV);
  }

  /// A type_info, vtable or VTT the program has: the patch uses the
  /// program's.  Its content changing means a class's virtual functions or
  /// bases changed, and live objects point at the old one.
  void planCxxIdentity(GlobalVariable &GV, const DataFact &D) {
    if (B.Data.find(D.Id)->second.LayoutHash != D.LayoutHash) {
      refuse(HOTPATCH_REFUSAL_CLASS,
             "cannot patch " + quoted(GV.getName()) + " of " +
                 M.getSourceFileName() +
                 ": the class's virtual functions or base classes changed, and "
                 "objects that exist point at the old one; undo that change, "
                 "or restart the program to use it");
      return;
    }
    addImport(GV, D.Id, HOTPATCH_IMPORT_DATA, D.Flags, 0, D.Size);
    Remove.insert(&GV);
  }

  /// A minimal __class_type_info naming the class of the type_info \p TI,
  /// which another unit defines: the catch side of a class type only needs
  /// the kind (its vtable) and the name.  Null for other type_infos.
  Constant *classTypeInfoNamedLike(GlobalVariable &TI) {
    if (!TI.getName().starts_with("_ZTI"))
      return nullptr;
    std::string NameId = ("_ZTS" + TI.getName().drop_front(4)).str();
    auto *Name = cast<GlobalVariable>(
        M.getOrInsertGlobal(NameId, ArrayType::get(Type::getInt8Ty(Ctx), 0)));
    if (B.Data.count(NameId) && !Imports.count(Name))
      addImport(*Name, NameId, HOTPATCH_IMPORT_DATA, 0, 0, 0);
    Constant *Kind =
        M.getOrInsertGlobal("_ZTVN10__cxxabiv117__class_type_infoE", PtrTy);
    Constant *VPtr = ConstantExpr::getInBoundsGetElementPtr(
        PtrTy, Kind, ConstantInt::get(Type::getInt64Ty(Ctx), 2));
    return ConstantStruct::getAnon({VPtr, Name});
  }

  /// Landing pads and llvm.eh.typeid.for need a symbol where an imported
  /// type_info is a load from a cell: they get a copy whose fields point at
  /// the program's objects (the name above all, which the C++ runtime
  /// compares first).  Taken before the imports' initialisers are dropped.
  void copyTypeInfosForExceptionTables() {
    SmallVector<GlobalVariable *, 4> Caught;
    for (auto &[GV, Imp] : Imports)
      if (auto *Var = dyn_cast<GlobalVariable>(GV))
        if (any_of(Var->uses(), isExceptionTableUse))
          Caught.push_back(Var);
    for (GlobalVariable *Var : Caught) {
      Constant *Init = Var->hasInitializer() ? Var->getInitializer()
                                             : classTypeInfoNamedLike(*Var);
      if (!Init) {
        refuse(HOTPATCH_REFUSAL_EXCEPTION_TYPE,
               "cannot patch " + M.getSourceFileName() +
                   ": its exception handling names '" + Var->getName() +
                   "', which is not a type_info the patch can refer to");
        continue;
      }
      auto *Copy = new GlobalVariable(M, Init->getType(), true,
                                      GlobalValue::InternalLinkage, Init,
                                      Var->getName() + ".hp.eh");
      Copy->setAlignment(M.getDataLayout().getPointerABIAlignment(0));
      Var->replaceUsesWithIf(Copy, isExceptionTableUse);
    }
  }

  /// Other modules read an external constant in place, so the patch uses
  /// the process's copy too, and ships new content to copy over it.
  void planExternalConstant(GlobalVariable &GV, const DataFact &D) {
    auto It = B.Data.find(D.Id);
    if (It == B.Data.end())
      return; // new: the patch defines it
    if (It->second.LayoutHash != D.LayoutHash) {
      if (It->second.Size != D.Size) {
        refuse(
            HOTPATCH_REFUSAL_CONSTANT_SIZE,
            "cannot patch constant " + quoted(GV.getName()) + " of " +
                M.getSourceFileName() + ": its size changed (was " +
                Twine(It->second.Size) + " bytes, now " + Twine(D.Size) +
                " bytes) and code in other files was built for the old size; "
                "restart the program to use it");
        return;
      }
      auto *Copy = new GlobalVariable(
          M, GV.getValueType(), true, GlobalValue::InternalLinkage,
          GV.getInitializer(), GV.getName() + ".hp.new");
      Copy->setAlignment(GV.getAlign());
      Updates.push_back({&GV, Copy});
    }
    addImport(GV, D.Id, HOTPATCH_IMPORT_DATA, D.Flags, 0, D.Size);
    Remove.insert(&GV);
  }

  // ---- Rewriting --------------------------------------------------------

  /// Every instruction that used \p GV now loads the address from the cell
  /// (thread-locals: calls the accessor the cell holds).
  void replaceInstructionUses(GlobalValue &GV, const Import &Imp) {
    convertUsersOfConstantsToInstructions({&GV});
    // The process's storage is only known to have the declared alignment.
    if (auto *Var = dyn_cast<GlobalVariable>(&GV))
      clampAccessAlignment(*Var, declaredAlignment(*Var));
    DenseMap<std::pair<PHINode *, BasicBlock *>, Value *> PhiLoads;
    for (Use &U : make_early_inc_range(GV.uses())) {
      auto *I = dyn_cast<Instruction>(U.getUser());
      if (!I)
        continue;
      if (Imp.Kind == HOTPATCH_IMPORT_TLS) {
        auto *II = dyn_cast<IntrinsicInst>(I);
        if (II && II->getIntrinsicID() == Intrinsic::threadlocal_address) {
          IRBuilder<> Bld(II);
          Value *Accessor = Bld.CreateLoad(PtrTy, Imp.Cell);
          Value *Addr =
              Bld.CreateCall(FunctionType::get(PtrTy, false), Accessor);
          II->replaceAllUsesWith(Addr);
          II->eraseFromParent();
          continue;
        }
      }
      if (auto *PN = dyn_cast<PHINode>(I)) {
        BasicBlock *From = PN->getIncomingBlock(U);
        Value *&Load = PhiLoads[{PN, From}];
        if (!Load)
          Load = IRBuilder<>(From->getTerminator()).CreateLoad(PtrTy, Imp.Cell);
        U.set(Load);
        continue;
      }
      U.set(IRBuilder<>(I).CreateLoad(PtrTy, Imp.Cell));
    }
  }

  bool usesImport(Constant *C) const {
    if (auto *GV = dyn_cast<GlobalValue>(C))
      return Imports.count(GV);
    // A label address (computed goto tables) names a block of a function
    // the patch keeps: the blocks of functions it drops are gone already.
    if (isa<BlockAddress>(C))
      return false;
    for (Value *Op : C->operands())
      if (usesImport(cast<Constant>(Op)))
        return true;
    return false;
  }

  /// Value of \p C computed at run time, imports loaded from their cells.
  Value *materialize(Constant *C, IRBuilder<> &Bld) {
    if (auto *GV = dyn_cast<GlobalValue>(C)) {
      auto It = Imports.find(GV);
      if (It == Imports.end())
        return C;
      return Bld.CreateLoad(PtrTy, It->second.Cell);
    }
    if (!usesImport(C))
      return C;
    auto *CE = cast<ConstantExpr>(C);
    Instruction *I = CE->getAsInstruction();
    for (unsigned Op = 0; Op < I->getNumOperands(); ++Op)
      I->setOperand(Op, materialize(cast<Constant>(I->getOperand(Op)), Bld));
    return Bld.Insert(I);
  }

  /// Returns \p C with every leaf that uses an import replaced by zero,
  /// recording the leaf's index path in \p Leaves.
  Constant *splitInitializer(
      Constant *C, SmallVectorImpl<unsigned> &Path,
      std::vector<std::pair<std::vector<unsigned>, Constant *>> &Leaves) {
    if (!usesImport(C))
      return C;
    if (isa<ConstantAggregate>(C)) {
      SmallVector<Constant *, 8> Ops;
      for (unsigned I = 0; I < C->getNumOperands(); ++I) {
        Path.push_back(I);
        Ops.push_back(
            splitInitializer(cast<Constant>(C->getOperand(I)), Path, Leaves));
        Path.pop_back();
      }
      if (auto *ST = dyn_cast<StructType>(C->getType()))
        return ConstantStruct::get(ST, Ops);
      if (auto *AT = dyn_cast<ArrayType>(C->getType()))
        return ConstantArray::get(AT, Ops);
      return ConstantVector::get(Ops);
    }
    Leaves.push_back({std::vector<unsigned>(Path.begin(), Path.end()), C});
    return Constant::getNullValue(C->getType());
  }

  /// Fills globals whose initialisers use imports, then runs the new
  /// constructors; null when there is nothing to do.
  Function *buildInit(const std::vector<CtorEntry> &Ctors) {
    Function *Init = T.unitTarget().createFunction(
        M, FunctionType::get(Type::getVoidTy(Ctx), false),
        HOTPATCH_PATCH_INIT_NAME);
    IRBuilder<> Bld(BasicBlock::Create(Ctx, "entry", Init));
    bool Empty = Ctors.empty();
    for (GlobalVariable &GV : M.globals()) {
      if (!GV.hasInitializer() || Remove.contains(&GV) ||
          !usesImport(GV.getInitializer()))
        continue;
      SmallVector<unsigned, 4> Path;
      std::vector<std::pair<std::vector<unsigned>, Constant *>> Leaves;
      GV.setInitializer(splitInitializer(GV.getInitializer(), Path, Leaves));
      GV.setConstant(false);
      for (auto &[LeafPath, C] : Leaves) {
        SmallVector<Value *, 4> Idx{Bld.getInt32(0)};
        for (unsigned I : LeafPath)
          Idx.push_back(Bld.getInt32(I));
        Value *Addr = Bld.CreateInBoundsGEP(GV.getValueType(), &GV, Idx);
        Bld.CreateStore(materialize(C, Bld), Addr);
        Empty = false;
      }
    }
    for (const CtorEntry &C : Ctors)
      Bld.CreateCall(C.Fn->getFunctionType(), C.Fn);
    Bld.CreateRetVoid();
    if (!Empty)
      return Init;
    Init->eraseFromParent();
    return nullptr;
  }

  /// Bodies and initialisers of what the patch does not keep go first, so
  /// that only the kept code's references become imports.
  void dropUnkeptDefinitions() {
    // A unit that defines no function (only data, only declarations, or
    // nothing) has no function list.
    if (NamedMDNode *List = M.getNamedMetadata(FunctionsMetadataName))
      M.eraseNamedMetadata(List);
    for (GlobalValue *GV : Remove) {
      if (auto *F = dyn_cast<Function>(GV))
        F->deleteBody();
      else if (auto *V = dyn_cast<GlobalVariable>(GV))
        V->setInitializer(nullptr);
    }
  }

  /// Erases what is no longer referenced, and the imports nobody uses.
  void eraseUnkept() {
    for (GlobalValue *GV : Remove)
      if (GV->use_empty())
        GV->eraseFromParent();
    SmallPtrSet<GlobalValue *, 4> Updated;
    for (auto [Original, Copy] : Updates)
      Updated.insert(Original);
    Imports.remove_if([&](const auto &Entry) {
      GlobalVariable *Cell = Entry.second.Cell;
      if (!Cell->use_empty() || Updated.contains(Entry.first))
        return false;
      Cell->eraseFromParent();
      return true;
    });
  }

  /// Declarations whose uses all became imports go: an unused declaration
  /// with hidden visibility (e.g. Lua's LUAI_FUNC) would still be emitted
  /// as an undefined hidden symbol, which no shared object may have.
  void eraseUnusedDeclarations() {
    SmallVector<GlobalValue *, 16> Dead;
    for (GlobalValue &GV : M.global_values())
      if (GV.isDeclaration() && GV.use_empty() &&
          !(isa<Function>(GV) && cast<Function>(GV).isIntrinsic()))
        Dead.push_back(&GV);
    for (GlobalValue *GV : Dead)
      GV->eraseFromParent();
  }

  /// A patch exports nothing: everything it defines is reached through its
  /// descriptor, and nothing may interpose on the program's symbols.  What
  /// it defines with external linkage becomes hidden rather than internal,
  /// so that another module of the same patch may call a function that is
  /// new in this one.  The new body of a changed function is internal and
  /// leaves its COMDAT: it binds to this module's imports, and a program
  /// and a -fvisibility=hidden library each have their own copy of an
  /// inline function of a header, with their own static locals, so the
  /// linker must not keep one unit's body for both (registry.c, duplicate
  /// rule 3).
  void hideEverything() {
    for (const FunctionFact *F : Changed) {
      F->F.Impl->setLinkage(GlobalValue::InternalLinkage);
      F->F.Impl->setComdat(nullptr);
    }
    ownNewInlineFunctions();
    for (GlobalValue &GV : M.global_values())
      if (!GV.isDeclaration() && !GV.hasLocalLinkage() &&
          !GV.getName().starts_with("llvm.")) {
        GV.setVisibility(GlobalValue::HiddenVisibility);
        GV.setDSOLocal(true);
      }
    SmallVector<GlobalValue *, 16> Used(KeepUsed.begin(), KeepUsed.end());
    for (const FunctionFact *F : Changed)
      Used.push_back(F->F.Impl);
    if (!Used.empty())
      appendToCompilerUsed(M, Used);
  }

  /// A new hidden function in a COMDAT (an inline function a header edit
  /// added, under -fvisibility=hidden or -fvisibility-inlines-hidden) is
  /// one per linked object, like the inline functions the objects had: the
  /// units of one object share it and its static locals, a program and a
  /// hidden library each have their own (a default-visibility one stays
  /// one for all, as the dynamic linker made the existing ones).  The patch
  /// links the units of both, so its COMDAT and its static locals'
  /// ("_ZZ<its encoding>E...", their guards "_ZGVZ...") are renamed for
  /// the object the unit is part of (its build-id, which hcc gives as the
  /// target): ld.lld merges the copies of one object, not of two.  Ids
  /// stay the same.
  void ownNewInlineFunctions() {
    std::string Target = targetBuildId();
    if (Target.empty())
      return;
    std::string Suffix = ".hp." + Target;
    SmallPtrSet<Comdat *, 8> Comdats;
    for (const FunctionFact *F : New) {
      Comdat *C = F->F.Impl->getComdat();
      if (!C || !F->F.Stub->hasHiddenVisibility() ||
          !StringRef(F->Id).starts_with("_Z"))
        continue;
      Comdats.insert(C);
      std::string Encoding = F->Id.substr(2) + "E";
      for (GlobalVariable &GV : M.globals())
        if ((GV.getName().starts_with("_ZZ" + Encoding) ||
             GV.getName().starts_with("_ZGVZ" + Encoding)) &&
            GV.hasComdat())
          Comdats.insert(GV.getComdat());
    }
    SmallVector<GlobalObject *, 16> Members;
    for (GlobalObject &GO : M.global_objects())
      if (Comdats.contains(GO.getComdat()))
        Members.push_back(&GO);
    for (GlobalObject *GO : Members) {
      Comdat *Old = GO->getComdat();
      Comdat *Renamed = M.getOrInsertComdat((Old->getName() + Suffix).str());
      Renamed->setSelectionKind(Old->getSelectionKind());
      GO->setName(GO->getName() + Suffix);
      GO->setComdat(Renamed);
    }
  }

  // ---- Describing -------------------------------------------------------

  void emitDescriptor(Function *Init) {
    std::vector<Constant *> Functions, Data, ImportRows;
    for (const FunctionFact *F : Changed)
      Functions.push_back(T.functionRow(*F, /*WithSlotAndStub=*/false));
    for (const FunctionFact *F : New)
      Functions.push_back(T.functionRow(*F, /*WithSlotAndStub=*/true));
    for (const DataFact *D : NewData)
      Data.push_back(T.dataRow(*D));
    for (auto &[GV, Imp] : Imports)
      ImportRows.push_back(abi::Import{.id = T.str(Imp.Id),
                                       .cell = T.ptr(Imp.Cell),
                                       .layout_hash = T.u64(Imp.LayoutHash),
                                       .size = T.u64(Imp.Size),
                                       .kind = T.u32(Imp.Kind),
                                       .flags = T.u32(Imp.Flags)}
                               .toConstant(M));
    std::vector<Constant *> UpdateRows;
    UpdateRows.reserve(Updates.size());
    for (auto [Original, Copy] : Updates)
      UpdateRows.push_back(abi::Update{
          .target_cell = T.ptr(Imports.lookup(Original).Cell),
          .content = T.ptr(Copy),
          .size =
              T.u64(M.getDataLayout().getTypeAllocSize(Copy->getValueType()))}
                               .toConstant(M));
    // The fields struct hotpatch_module shares (ModuleDescriptor.cpp) are
    // set alike: a mirror of the ABI, field for field.
    auto *Desc = T.descriptor(
        abi::Patch{.abi_version = T.u32(HOTPATCH_ABI_VERSION),
                   .flags = T.u32(0),
                   .module_id = T.str(Facts.ModuleId),
                   .hash_lo = T.u64(Facts.ModuleHash.Lo),
                   .hash_hi = T.u64(Facts.ModuleHash.Hi),
                   .function_count = T.u32(Functions.size()),
                   .data_count = T.u32(Data.size()),
                   .import_count = T.u32(ImportRows.size()),
                   .reserved = T.u32(0),
                   .functions = T.functionTable(Functions),
                   .data = T.dataTable(Data),
                   .imports = T.table(ImportRows, abi::Import::structTy(M),
                                      "__hotpatch.imports"),
                   .init = Init ? T.ptr(Init) : T.null(),
                   .info = T.info(Facts.infoText()),
                   .update_count = T.u32(UpdateRows.size()),
                   .reserved2 = T.u32(0),
                   .updates = T.table(UpdateRows, abi::Update::structTy(M),
                                      "__hotpatch.updates")}
            .toConstant(M),
        HOTPATCH_PATCH_NAME);
    T.constructor(HOTPATCH_CTOR_NAME, HOTPATCH_REGISTER_PATCH_FN, Desc,
                  /*Weak=*/false, /*Priority=*/0);
    emitSummary();
    emitTarget();
  }

  /// HOTPATCH_TARGET_SECTION: the build this patch is for, when hcc said.
  void emitTarget() {
    std::string Target = targetBuildId();
    if (Target.empty())
      return;
    Target += '\n';
    auto *GV = new GlobalVariable(
        M, ArrayType::get(Type::getInt8Ty(Ctx), Target.size()), true,
        GlobalValue::InternalLinkage,
        ConstantDataArray::getString(Ctx, Target, /*AddNull=*/false),
        "__hotpatch.target");
    GV->setSection(HOTPATCH_TARGET_SECTION);
    GV->setAlignment(Align(1));
    appendToCompilerUsed(M, {GV});
  }

  /// Functions of the baseline's module that this compile no longer
  /// defines, sorted: the process keeps them, the new code does not call
  /// them (reported only, by hcc patch --dry-run).
  std::vector<StringRef> removedFunctions() const {
    StringSet<> Defined;
    for (const FunctionFact &F : Facts.Functions)
      Defined.insert(F.Id);
    std::vector<StringRef> Removed;
    for (const auto &Entry : B.ModuleFunctions)
      if (!Defined.contains(Entry.getKey()))
        Removed.push_back(Entry.getKey());
    llvm::sort(Removed);
    return Removed;
  }

  /// The HOTPATCH_PATCH_SECTION text: what this patch module contains.
  void emitSummary() {
    std::string Text;
    raw_string_ostream OS(Text);
    OS << HOTPATCH_PATCH_MAGIC << ' ' << HOTPATCH_ABI_VERSION << ' '
       << Facts.ModuleId << '\n';
    for (const FunctionFact *F : Changed)
      OS << "changed " << F->Id << '\n';
    for (const FunctionFact *F : New)
      OS << "new " << F->Id << '\n';
    for (const DataFact *D : NewData)
      OS << "new-data " << D->Id << '\n';
    for (auto [Original, Copy] : Updates)
      OS << "update " << Imports.lookup(Original).Id << '\n';
    for (StringRef Id : removedFunctions())
      OS << "removed " << Id << '\n';
    std::string LocalPrefix = Facts.ModuleId + ":"; // stableId() of a local
    auto EmitLines = [&](const FunctionFact *F) {
      StringRef Name = F->Id;
      Name.consume_front(LocalPrefix);
      if (const std::string *Lines = functionLines(Name))
        OS << "lines " << *Lines << '\n';
    };
    for_each(Changed, EmitLines);
    for_each(New, EmitLines);
    size_t Skipped = 0, Inlinable = 0, NoIR = 0;
    for (const FunctionFact &F : Facts.Functions) {
      ClosureSkip Skip = closureSkip(Facts.ModuleId, F.Id);
      Skipped += Skip == ClosureSkip::Whole;
      Inlinable += Skip == ClosureSkip::AfterInliner;
      NoIR += pluginConfig().FrontendSkipped.count(F.Id);
    }
    if (closuresEnabled(Facts.ModuleId))
      OS << "skipped " << Skipped << ' ' << Facts.Functions.size() << '\n'
         << "skipped-after-inliner " << Inlinable << '\n'
         << "recorded-bodies " << settledBodies(Facts.ModuleId) << '\n'
         << "unaffected " << unaffectedFunctions(Facts.ModuleId) << '\n'
         << "no-ir " << NoIR << '\n'
         << "not-parsed " << pluginConfig().ParseSkipped << '\n';
    OS << "end\n";
    auto *Summary = new GlobalVariable(
        M, ArrayType::get(Type::getInt8Ty(Ctx), Text.size() + 1), true,
        GlobalValue::InternalLinkage, ConstantDataArray::getString(Ctx, Text),
        "__hotpatch.summary");
    Summary->setSection(HOTPATCH_PATCH_SECTION);
    Summary->setAlignment(Align(1));
    appendToCompilerUsed(M, {Summary});
  }
};

} // namespace

bool buildPatchModule(Module &M, const ModuleFacts &Facts,
                      StringRef BaselinePath) {
  Expected<const Baseline &> B = Baseline::read(BaselinePath, Facts.ModuleId);
  if (!B) {
    M.getContext().emitError("hotpatch: " + toString(B.takeError()));
    return false;
  }
  return PatchBuilder(M, Facts, *B).run();
}

} // namespace hotpatch
