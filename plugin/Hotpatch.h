//===- Hotpatch.h - The hotpatch plugin's passes and shared helpers -------===//
//
// The plugin runs in two places of clang's pipeline:
//
//   pipeline start   InstrumentPass  every defined function F becomes a stub
//                                    that tail-calls through F.hp.slot, whose
//                                    initial value is F.hp.impl (F's body)
//   optimizer last   FinalizePass    remaining direct calls to impls go
//                                    through the slot; every function gets a
//                                    content hash of its final IR; the module
//                                    descriptor and its registration are added
//
// InstrumentPass records each (stub, impl, slot) triple in the named metadata
// "hotpatch.functions" so that FinalizePass finds them again whatever the
// optimiser did to names in between.
//
//===----------------------------------------------------------------------===//
#ifndef HOTPATCH_PLUGIN_HOTPATCH_H
#define HOTPATCH_PLUGIN_HOTPATCH_H

#include "BodyScan.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/IR/Attributes.h"
#include "llvm/IR/PassManager.h"
#include "llvm/Passes/OptimizationLevel.h"
#include "llvm/Support/Alignment.h"
#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace llvm {
class CallBase;
class Function;
class FunctionType;
class GlobalValue;
class GlobalVariable;
class LLVMContext;
class LoadInst;
class Module;
class PassBuilder;
class TargetLibraryInfoImpl;
class Twine;
class Type;
class Use;
class User;
} // namespace llvm

namespace hotpatch {

/// A 128-bit content hash.
struct Hash128 {
  uint64_t Lo = 0, Hi = 0;
  bool operator==(const Hash128 &O) const { return Lo == O.Lo && Hi == O.Hi; }
  bool operator!=(const Hash128 &O) const { return !(*this == O); }
  /// Any total order (sorting a set of hashes, keying a map).
  bool operator<(const Hash128 &O) const {
    return Hi < O.Hi || (Hi == O.Hi && Lo < O.Lo);
  }
};

/// What a compile recorded of one function in its unit's closures file
/// (ClosuresFile.h).
struct RecordedFunction {
  /// None: the compile's output had no such function (a static function
  /// it dropped), only its tokens.
  std::optional<Hash128> Closure, Final;
  std::optional<Hash128> Tokens; ///< none: the front end had no hash for it
};

/// How this compile names its module; set from plugin arguments or options.
struct PluginConfig {
  std::string ModuleId; ///< used verbatim when not empty
  std::string Root;     ///< else: the source path relative to this root
  std::string Baseline; ///< patch mode: what the process runs now
  std::string Target;   ///< patch mode: build-id of the program patched
  std::string Closures; ///< the closures directory (Closures.cpp), or empty
  std::string Refusals; ///< patch mode: the refusals file of hotpatch_abi.h
  /// This compile refused a change (refusePatch): what it learnt is not
  /// recorded in the closures file, whose tokens would then claim the
  /// process has code it never got.
  bool Refused = false;
  /// It refused with kind HOTPATCH_REFUSAL_RETRY: hcc compiles the unit
  /// again, so the rest of this compile is wasted (Closures.cpp skips it).
  bool Retry = false;
  /// Under clang, in build mode: the compile the object carries
  /// (UnitCommand.cpp); empty when clang did not load the plugin.
  std::string UnitCwd, UnitSource;
  std::vector<std::string> UnitArgs;
  /// Delete static functions nothing can reach any more (DropInlined.cpp).
  bool DropInlined = true;
  /// Patch mode: skip the passes after the inliner on unchanged functions
  /// kept only to be inlined (Closures.cpp).
  bool SkipAfterInliner = true;
  /// Patch mode: delete again the static functions the build dropped when
  /// no optimised function needs them (Closures.cpp).
  bool SkipDropped = true;
  /// Build mode: define the stubs of a module in one block of module-level
  /// assembly, not as one naked function each (JumpStubs.cpp).
  bool StubBlock = true;
  /// Build mode: each one-jump stub starts a 32-byte block of its own
  /// (JumpStubs.cpp); off, stubs are 16 bytes apart.
  bool SpreadStubs = true;
  /// The optimiser skips the stubs' bodies (Closures.cpp).
  bool SkipStubs = true;
  /// Builds record the bodies after the inliner, and patch compiles give
  /// them to the functions kept to be inlined (InlinedBodies.cpp).
  bool InlinedBodies = true;
  /// The inliner gives a static function's only call LLVM's last-call
  /// bonus although its slot takes its address (InlineRecord.cpp).
  bool LastCallBonus = true;
  /// Calls of other units' functions load the callee's slot instead of
  /// calling its stub (CrossUnitCalls.cpp; in patch mode, PatchModule.cpp).
  bool CrossUnitCalls = true;
  /// A static local its function only reads is a constant
  /// (Instrument.cpp, readOnlyStaticLocal).
  bool ReadOnlyStatics = true;
  /// Patch mode: a function whose own code and whose inlined code did not
  /// change keeps the body its build recorded even when something it calls
  /// changed (Closures.cpp, "unaffected").
  bool KeepUnaffected = true;
  /// Patch mode, under clang: no IR for the functions the patch does not
  /// need (FrontendSkip.cpp).
  bool SkipFrontend = true;
  /// Patch mode, under clang: the functions the front end gave a
  /// placeholder body instead of their IR (FrontendSkip.cpp), by stable
  /// id, with what the compile that skipped them recorded of them;
  /// ClosurePass carries them over.
  llvm::StringMap<RecordedFunction> FrontendSkipped;
  /// Patch mode, under clang: the parser skips the bodies the patch does
  /// not need (FrontendSkip.cpp, "Bodies not parsed").
  bool SkipParse = true;
  /// How many of FrontendSkipped the parser skipped.
  size_t ParseSkipped = 0;
  /// Under clang: the hash of each function body's tokens, by stable id,
  /// and of every token outside function bodies, for the closures file.
  llvm::StringMap<Hash128> FunctionTokens;
  std::optional<Hash128> OutsideTokens;
  /// Under clang: the unit's file as BodyScan saw it, and the functions
  /// whose bodies name pthread_create or thrd_create, for the closures
  /// file.
  std::optional<BodyScan> MainScan;
  llvm::StringSet<> ThreadStarters;
  /// Patch mode, under clang: the unit is one FrontendSkip gives every
  /// function its IR in (main, threads, aliases), for the closures file.
  bool UnitUnsafe = false;
  /// Under clang: -ffunction-sections and -funique-section-names, so that
  /// the stubs of the block get the sections a function would.
  bool FunctionSections = false;
  bool UniqueSectionNames = true;
  /// Under clang: the "target-cpu", "tune-cpu" and "target-features" it
  /// gives a function without a target attribute, empty when it gives
  /// none (NewFunctions.cpp); unknown under opt.
  std::optional<std::array<std::string, 3>> DefaultTarget;
  /// Under clang: the source lines of each function definition, by its
  /// symbol name, as "<first> <last> <file>" (the patch summary's "lines").
  /// Read through functionLines().
  llvm::StringMap<std::string> FunctionLines;
  /// Under clang: the C signature of each function definition, by its
  /// symbol name (hotpatch_abi.h, CallSignature.cpp); every definition the
  /// front end's walk saw has one.  Read through functionSignature().
  llvm::StringMap<std::string> FunctionSignatures;
  /// Under clang, a C unit compiled with a precompiled preamble: the walk
  /// that filled the two maps left the preamble's declarations out; this
  /// walks them (ClangAction.cpp), at most once, when a function is asked
  /// for that the maps do not have.
  std::function<void()> WalkPreamble;
};

/// The source lines of the function definition named \p Name
/// (PluginConfig::FunctionLines), or null.
const std::string *functionLines(llvm::StringRef Name);

/// The C signature of the function definition named \p Name
/// (PluginConfig::FunctionSignatures), or empty.
std::string functionSignature(llvm::StringRef Name);

/// Hooks the passes into a pipeline being built (Plugin.cpp).
void registerCallbacks(llvm::PassBuilder &PB);

/// A type spelled structurally without spaces (named structs with their
/// name), for messages and the module info.
std::string typeSpelling(llvm::Type *T);

/// The configuration of this compiler process (one compile per process).
PluginConfig &pluginConfig();

/// The module id of \p M under the current configuration.
std::string moduleId(const llvm::Module &M);

/// The module id of the unit compiled from \p Source (as the compile
/// names it: the module's source file name).
std::string moduleIdOf(llvm::StringRef Source);

/// Patch mode's baseline file, or empty in build mode.
std::string baselinePath();

/// The build-id the patch is made for, or empty.
std::string targetBuildId();

/// Where patch mode records what it refuses (hotpatch_abi.h), or empty.
std::string refusalsPath();

/// Patch mode: refuses a change that cannot be applied live.  The compile
/// fails with \p Message, and the refusals file says so with \p Kind, a
/// HOTPATCH_REFUSAL_* word, for hcc (Refusals.cpp).
void refusePatch(llvm::LLVMContext &Ctx, llvm::StringRef Kind,
                 const llvm::Twine &Message);
/// What refusePatch does but failing the compile: for the front end, which
/// reports the error itself.
void recordRefusal(llvm::StringRef Kind, const std::string &Text);

/// The stable id of a function or global: its name, or "module-id:name"
/// when it has local linkage.
std::string stableId(const llvm::GlobalValue &GV, llvm::StringRef ModuleId);

/// The name \p Name of a function has in the source: an instrumented
/// function's body is the impl "F" HOTPATCH_IMPL_SUFFIX.
llvm::StringRef sourceName(llvm::StringRef Name);

/// One instrumented function as InstrumentPass left it.
struct InstrumentedFunction {
  llvm::Function *Stub;
  llvm::Function *Impl;
  llvm::GlobalVariable *Slot;
};

/// The triples recorded in "hotpatch.functions"; entries whose parts the
/// optimiser deleted are dropped.
std::vector<InstrumentedFunction> instrumentedFunctions(llvm::Module &M);

class HashBuilder;

/// Hashes of final IR, normalised so that only what changes the machine code
/// that runs changes the hash (see ContentHash.cpp).  One hasher serves a
/// module: it caches what all its functions share.  \p CacheConstants
/// keeps each constant global's content, once read, for the hasher's life:
/// pass false when globals are renamed between hashes.
class ContentHasher {
public:
  ContentHasher(llvm::Module &M, std::string ModuleId,
                const std::vector<InstrumentedFunction> &Functions,
                bool CacheConstants = true);
  ~ContentHasher();
  Hash128 hashFunction(const llvm::Function &F);
  /// XXH3-64 of a global's type, size and alignment.
  uint64_t layoutHash(const llvm::GlobalVariable &GV);

private:
  llvm::Module &M;
  std::string ModuleId;
  llvm::DenseMap<const llvm::GlobalVariable *, const llvm::Function *>
      ImplOfSlot;
  llvm::DenseMap<const llvm::Function *, const llvm::Function *> StubOfImpl;
  std::unique_ptr<HashBuilder> Builder;
};

/// The subtarget attributes ("target-cpu", "target-features"...) of the
/// unit's definitions that have clang's defaults, for the functions the
/// plugin adds: without them the code generator sets up a second subtarget
/// for those (NewFunctions.cpp).
class UnitTarget {
public:
  explicit UnitTarget(const llvm::Module &M);
  /// A new internal function of \p M with those attributes.
  llvm::Function *createFunction(llvm::Module &M, llvm::FunctionType *Ty,
                                 const llvm::Twine &Name) const;

private:
  using Attributes = std::array<llvm::Attribute, 5>;
  Attributes Common;
};

struct ModuleFacts;

/// Adds the module descriptor, its text info and the registering
/// constructor (ModuleDescriptor.cpp).
void emitModuleDescriptor(llvm::Module &M, const ModuleFacts &Facts);

/// Build mode: the compile of the unit (pluginConfig().Unit*) in section
/// HOTPATCH_UNIT_SECTION, when clang gave it and the object is ELF
/// (UnitCommand.cpp).
void emitUnitCommand(llvm::Module &M, llvm::StringRef ModuleId);

/// Patch mode: reduces \p M to what differs from the baseline and adds the
/// patch descriptor (PatchModule.cpp).  Returns false after reporting an
/// error through the context (e.g. a global whose layout changed).
bool buildPatchModule(llvm::Module &M, const ModuleFacts &Facts,
                      llvm::StringRef BaselinePath);

/// A stub's body: one acquire load of \p Slot and a musttail call of what it
/// loaded, with the stub's calling convention and ABI attributes (varargs
/// are forwarded) (Instrument.cpp).
void buildStubBody(llvm::Function &Stub, llvm::GlobalVariable &Slot);

/// Whether a sanitizer instruments \p F (JumpStubs.cpp).
bool isSanitized(const llvm::Function &F);

/// FinalizePass, first: the stubs StubsAsidePass made declarations get
/// their bodies back (StubsAside.cpp).
void restoreStubBodies(const std::vector<InstrumentedFunction> &Functions);

/// Makes the call \p CB, whose callee operand is \p Callee, call what
/// \p Slot holds: an acquire load of it just before the call, which is
/// returned (Finalize.cpp).
llvm::LoadInst *callThroughSlot(llvm::CallBase &CB, llvm::Use &Callee,
                                llvm::GlobalVariable &Slot);

/// Which calls of a function a unit only declares go through the callee's
/// slot (CrossUnitCalls.cpp): a build loads the slot, or a weak copy of
/// it; a patch compile imports the process's slot (PatchModule.cpp).
class CrossUnitCallSites {
public:
  explicit CrossUnitCallSites(llvm::Module &M);
  ~CrossUnitCallSites();
  /// The direct calls of \p Callee to route; none when it may not be.
  llvm::SmallVector<llvm::Use *, 8> calls(llvm::Function &Callee) const;

private:
  llvm::Module &M;
  std::unique_ptr<llvm::TargetLibraryInfoImpl> Library;
  bool SharedLibrary; ///< a PIC compile that is not PIE
};

/// Build mode, after the content hashes: other objects may name the slots
/// of the unit's external functions, and calls of functions the unit only
/// declares load the callee's slot, or a weak copy holding its address
/// when the link has no such slot (CrossUnitCalls.cpp).
void routeCrossUnitCalls(llvm::Module &M,
                         const std::vector<InstrumentedFunction> &Functions);

/// Build mode, after the optimiser: stubs whose musttail call would compile
/// to `jmp *slot` become exactly that, cheaper to compile: one block of
/// module-level assembly, or naked functions (JumpStubs.cpp).
void lowerStubsToJumps(llvm::Module &M,
                       const std::vector<InstrumentedFunction> &Functions);

/// Pipeline start, before instrumenting: C++ dynamic initialisers named
/// after the global they initialise; in patch mode, only those of new
/// globals run, from the constructor NewInitsName (StaticInit.cpp).
void prepareStaticInitialisers(llvm::Module &M);

/// Patch mode, before the module is hashed: renumbers the lambdas of each
/// function ("main::$_1", "tally()::{lambda()#2}") to the numbers the
/// process knows them by, so that a lambda added before another does not
/// take its id; refuses when units could number shared ones apart
/// (LambdaIds.cpp).
void matchLambdaNumbers(llvm::Module &M, llvm::StringRef ModuleId,
                        const std::vector<InstrumentedFunction> &Fns,
                        llvm::StringRef BaselinePath);

/// Whether \p Name may belong to a numbered lambda ("$_N", or "UlvE0_" of
/// an inline function), whose id matchLambdaNumbers may change.
inline bool mayBeNumberedLambda(llvm::StringRef Name) {
  return Name.contains("$_") || Name.contains("Ul");
}

/// Pipeline start: stubs, slots and impls.
struct InstrumentPass : llvm::PassInfoMixin<InstrumentPass> {
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  static bool isRequired() { return true; }
};

/// Pipeline start, after InstrumentPass, at -O1 and above: closure hashes;
/// in patch mode, skips optimising what cannot have changed (Closures.cpp).
struct ClosurePass : llvm::PassInfoMixin<ClosurePass> {
  explicit ClosurePass(llvm::OptimizationLevel Level) : Level(Level) {}
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  static bool isRequired() { return true; }
  llvm::OptimizationLevel Level;
};

/// Pipeline start, after ClosurePass, at -O1 and above: the stubs the
/// optimiser can see as declarations are declarations until FinalizePass
/// (StubsAside.cpp).
struct StubsAsidePass : llvm::PassInfoMixin<StubsAsidePass> {
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  static bool isRequired() { return true; }
};

/// Optimizer start: deletes the stub, slot and impl of static functions
/// inlined everywhere, or never called, whose address nothing takes
/// (DropInlined.cpp).
struct DropInlinedPass : llvm::PassInfoMixin<DropInlinedPass> {
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  static bool isRequired() { return true; }
};

/// The llvm.compiler.used array of \p M, or null.
const llvm::User *compilerUsedArray(const llvm::Module &M);

/// Whether only the plugin keeps \p F alive, so that DropInlinedPass may
/// delete it once nothing else references its impl: a static function
/// with a body that the process does not have (\p Running: the module's
/// functions in the baseline), whose stub nothing uses and whose slot
/// only its stub loads (\p UsedArray: compilerUsedArray).
bool mayBeDropped(const InstrumentedFunction &F, const llvm::User *UsedArray,
                  const llvm::StringMap<Hash128> &Running,
                  llvm::StringRef ModuleId);

/// Deletes the stub, slot and impl of each of \p Dead, which reference
/// nothing but each other and the plugin's lists.
void eraseInstrumented(llvm::Module &M,
                       llvm::ArrayRef<InstrumentedFunction> Dead);

/// How much of the optimiser a function of the module \p ModuleId was
/// spared because it cannot have changed (Closures.cpp): none, all of it
/// (its body was deleted before), or what follows the inliner (it was kept
/// to be inlined).
enum class ClosureSkip { None, Whole, AfterInliner };
ClosureSkip closureSkip(llvm::StringRef ModuleId, llvm::StringRef Id);

/// The final hash carried over for a function ClosurePass found unchanged
/// (closureSkip is not None), else nothing.
std::optional<Hash128> carriedFunctionHash(llvm::StringRef ModuleId,
                                           llvm::StringRef Id);

/// Registers the pass instrumentation callback that skips the function
/// passes on stubs, and after the inliner on functions kept only to be
/// inlined.
void registerOptimiserSkips(llvm::PassBuilder &PB);

/// Optimizer early (the inliner is done): from here on, the functions kept
/// only to be inlined are not optimised (Closures.cpp).
struct InlinerDonePass : llvm::PassInfoMixin<InlinerDonePass> {
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  static bool isRequired() { return true; }
};

/// How many functions of the module \p ModuleId were given recorded
/// bodies (SettleBodiesPass).
size_t settledBodies(llvm::StringRef ModuleId);

/// How many functions of the module \p ModuleId were found unaffected by
/// the change (Closures.cpp): kept as the build made them although their
/// closure changed.
size_t unaffectedFunctions(llvm::StringRef ModuleId);

/// Whether \p F will be given a recorded body it has not got yet
/// (SettleBodiesPass): what is inlined into it now is thrown away.
bool recordedBodyPending(const llvm::Function &F);

/// Whether ClosurePass ran for the module \p ModuleId (-O1 and above,
/// closures=).
bool closuresEnabled(llvm::StringRef ModuleId);

/// Whether the inliner gives the call of \p Callee in \p Caller (impls'
/// names) in the module \p ModuleId LLVM's last-call bonus, which its
/// slot denies it (InlineRecord.cpp): a build gives it (and records it in
/// the closures file) whenever the call qualifies, a patch compile only to
/// the calls its build gave it, so that the functions it optimises again
/// inline as their build did.  Never without a closures file.
bool claimLastCallBonus(llvm::StringRef ModuleId, llvm::StringRef Callee,
                        llvm::StringRef Caller);

/// Patch mode: whether no function the front end gave a placeholder body
/// still has it (Closures.cpp); else the compile fails with an internal
/// error, never a patch with a placeholder in it.
bool placeholdersSettled(llvm::Module &M, llvm::StringRef ModuleId,
                         llvm::ArrayRef<InstrumentedFunction> Functions);

/// Optimizer last: call rewriting, hashes, descriptor.
struct FinalizePass : llvm::PassInfoMixin<FinalizePass> {
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  static bool isRequired() { return true; }
};

/// Metadata on a global definition: the alignment the front end gave it,
/// recorded before the optimiser may raise it (Alignment.cpp).
inline constexpr const char *DeclaredAlignMetadataName =
    "hotpatch.declared_align";

/// Records, on every global defined in \p M, the alignment it has now
/// (pipeline start: the front end's).
void recordDeclaredAlignments(llvm::Module &M);

/// The alignment recorded by recordDeclaredAlignments, else the current one.
llvm::Align declaredAlignment(const llvm::GlobalVariable &GV);

/// Lowers to \p Limit the alignment every access derived from \p GV
/// assumes (loads, stores, atomics, memory intrinsics, align attributes of
/// calls and of the parameters of callees defined in the module).
void clampAccessAlignment(llvm::GlobalVariable &GV, llvm::Align Limit);

/// Metadata on a function-local static (recordStaticLocals).
inline constexpr const char *StaticLocalMetadataName = "hotpatch.static_local";

/// Pipeline start: marks every function-local static of \p M, which the
/// module info calls "static-local" (ModuleFacts.cpp).
void recordStaticLocals(llvm::Module &M);

/// Patch mode: the constructor that initialises the C++ globals a patch
/// adds (StaticInit.cpp); the patch runs it once.
inline constexpr const char *NewInitsName = "__hotpatch.new_inits";
/// Name of the named metadata listing the instrumented functions.
inline constexpr const char *FunctionsMetadataName = "hotpatch.functions";
/// Module flag set once a module is instrumented, so that loading the plugin
/// both as -fplugin and -fpass-plugin instruments once.
inline constexpr const char *InstrumentedFlagName = "hotpatch.instrumented";

/// On a stub: the source marked the function `used` (it may be referenced
/// where the optimiser cannot see, e.g. from inline assembly), so it is
/// never dropped as unreachable (DropInlined.cpp).
inline constexpr const char *SourceUsedAttrName = "hotpatch-source-used";
/// On a stub: the optimiser's passes skip it (registerOptimiserSkips).
inline constexpr const char *StubAttrName = "hotpatch-stub";
inline constexpr const char *FinalizedFlagName = "hotpatch.finalized";
/// Marks a slot load that replaced a direct call of an impl (FinalizePass),
/// so that the caller's hash covers the callee's inferred attributes.
inline constexpr const char *WasDirectCallMetadataName = "hotpatch.was_direct";

} // namespace hotpatch

#endif
