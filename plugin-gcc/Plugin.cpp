//===- Plugin.cpp - Loading hotpatch_gcc.so with gcc -fplugin= ------------===//
//
// Reads -fplugin-arg-hotpatch_gcc-KEY=VALUE (module-id, root; baseline,
// target and refusals for patch mode, as the clang plugin's; the file is
// hotpatch_gcc.so, not hotpatch-gcc.so, because gcc ends a plugin's name in
// such an argument at its first dash, and then never matches a name that
// has one), accepts
// __attribute__((annotate("no_hotpatch"))) (HOTPATCH_NO_PATCH of hotpatch.h;
// gcc has no annotate attribute of its own), and hooks the passes and
// events of GccPlugin.h into gcc.
//
//===----------------------------------------------------------------------===//
#include "GccPlugin.h"
#include "PatchMode.h"
#include "hotpatch_abi.h"

#include "plugin-version.h"
#include "context.h"
#include "tree-pass.h"
#include "stringpool.h"
#include "attribs.h"
#include "diagnostic-core.h"
#include "ggc.h"
#include "options.h"
#include "tree-core.h"
#include "tm.h"
#include <climits>
#include <cstring>
#include <cstdlib>

int plugin_is_GPL_compatible;

namespace hotpatch_gcc {

Config &config() {
  static Config C;
  return C;
}

std::string moduleId() {
  const Config &C = config();
  if (!C.ModuleId.empty())
    return C.ModuleId;
  std::string Source = main_input_filename ? main_input_filename : "";
  if (C.Root.empty())
    return Source;
  // The source as typed is relative to the compile's directory.
  char Absolute[PATH_MAX];
  if (!realpath(Source.c_str(), Absolute))
    return Source;
  std::string Root = C.Root;
  if (Root.empty() || Root.back() != '/')
    Root += '/';
  if (std::strncmp(Absolute, Root.c_str(), Root.size()) == 0)
    return Absolute + Root.size();
  return Absolute;
}

namespace {

/// Trees the plugin creates and holds across passes: GCC's collector only
/// sees what is reachable from its roots.
tree KeptTrees;
const ggc_root_tab KeptTreesRoot[] = {{&KeptTrees, 1, sizeof(KeptTrees),
                                       &gt_ggc_mx_tree_node,
                                       &gt_pch_nx_tree_node},
                                      LAST_GGC_ROOT_TAB};

/// annotate("...") takes one string and stays on the decl for optedOut().
tree handleAnnotate(tree *Node, tree Name, tree Args, int, bool *NoAdd) {
  if (TREE_CODE(*Node) != FUNCTION_DECL || !Args ||
      TREE_CODE(TREE_VALUE(Args)) != STRING_CST) {
    warning(OPT_Wattributes,
            "%qE attribute takes a string and applies to "
            "functions; ignored",
            Name);
    *NoAdd = true;
  }
  return NULL_TREE;
}

const attribute_spec AnnotateAttribute = {
    "annotate", 1, 1, false, false, false, false, handleAnnotate, nullptr};

void registerAttributes(void *, void *) {
  register_attribute(&AnnotateAttribute);
}

/// IPA transformations that copy F, or part of F, into a clone that
/// callers then call directly (F.constprop.0, F.isra.0, F.part.0), or fold
/// F into another function: such calls would bypass F's slot, and a patch
/// of F would not reach them.  Set before the unit is parsed, for every
/// function whose options are the defaults.
void keepCallsOnSlots() {
  global_options.x_flag_ipa_cp_clone = 0;
  global_options.x_flag_ipa_sra = 0;
  global_options.x_flag_partial_inlining = 0;
  global_options.x_flag_ipa_icf = 0;
  global_options.x_flag_ipa_icf_functions = 0;
  optimization_default_node =
      build_optimization_node(&global_options, &global_options_set);
  optimization_current_node = optimization_default_node;
}

/// AsmWriter.cpp writes x86-64 LP64 assembly only.
bool targetSupported() {
  return POINTER_SIZE == 64 && TARGET_64BIT && TARGET_LP64;
}

void startUnit(void *, void *) {
  if (!targetSupported()) {
    error(
        "hotpatch: the GCC plugin supports x86-64 (LP64) only; remove %qs, or "
        "build without the plugin",
        "-m32/-mx32");
    return;
  }
  if (flag_lto) { // gcc would inline and clone across units after hashing
    error("hotpatch: %qs is not supported: link-time optimisation copies "
          "functions across files after hotpatch has hashed them; remove it",
          "-flto");
    return;
  }
  keepCallsOnSlots();
}

void preGenericize(void *FnDecl, void *) {
  noteThreadStarts(static_cast<tree>(FnDecl));
}

void ipaPassesEnd(void *, void *) {
  prepareUnit(); // a unit of data only lowered no body
  if (patchMode() && !seen_error())
    preparePatchOutput();
}

void finishUnit(void *, void *) {
  if (seen_error())
    return;
  if (patchMode())
    emitPatch();
  else
    emitModule();
}

bool readArguments(const plugin_name_args *Info) {
  for (int I = 0; I < Info->argc; ++I) {
    const plugin_argument &A = Info->argv[I];
    const char *Value = A.value ? A.value : "";
    if (std::strcmp(A.key, "module-id") == 0) {
      config().ModuleId = Value;
    } else if (std::strcmp(A.key, "root") == 0) {
      config().Root = Value;
    } else if (std::strcmp(A.key, "baseline") == 0) {
      config().Baseline = Value;
    } else if (std::strcmp(A.key, "target") == 0) {
      config().Target = Value;
    } else if (std::strcmp(A.key, "refusals") == 0) {
      config().Refusals = Value;
    } else if (std::strcmp(A.key, "spread-stubs") == 0 &&
               (std::strcmp(Value, "0") == 0 || std::strcmp(Value, "1") == 0)) {
      config().SpreadStubs = std::strcmp(Value, "1") == 0;
    } else if (std::strcmp(A.key, "read-only-statics") == 0 &&
               (std::strcmp(Value, "0") == 0 || std::strcmp(Value, "1") == 0)) {
      config().ReadOnlyStatics = std::strcmp(Value, "1") == 0;
    } else {
      error("hotpatch: unknown plugin argument %qs; expected %qs, %qs, %qs, "
            "%qs, %qs, %qs or %qs",
            A.key, "module-id=", "root=", "baseline=", "target=", "refusals=",
            "spread-stubs=0|1", "read-only-statics=0|1");
      return false;
    }
  }
  return true;
}

void addPass(const char *Name, opt_pass *Pass, const char *Reference,
             pass_positioning_ops Where) {
  register_pass_info Info = {Pass, Reference, 1, Where};
  register_callback(Name, PLUGIN_PASS_MANAGER_SETUP, nullptr, &Info);
}

} // namespace

void keepTree(tree T) {
  KeptTrees = tree_cons(NULL_TREE, T, KeptTrees);
}

bool optedOut(tree FnDecl) {
  for (tree A = lookup_attribute("annotate", DECL_ATTRIBUTES(FnDecl)); A;
       A = lookup_attribute("annotate", TREE_CHAIN(A)))
    if (TREE_VALUE(A) && TREE_CODE(TREE_VALUE(TREE_VALUE(A))) == STRING_CST &&
        std::strcmp(TREE_STRING_POINTER(TREE_VALUE(TREE_VALUE(A))),
                    HOTPATCH_OPT_OUT_ANNOTATION) == 0)
      return true;
  return false;
}

} // namespace hotpatch_gcc

int plugin_init(plugin_name_args *Info, plugin_gcc_version *Version) {
  using namespace hotpatch_gcc;
  if (!plugin_default_version_check(Version, &gcc_version)) {
    error("hotpatch: this plugin was built for gcc %s, not %s",
          gcc_version.basever, Version->basever);
    return 1;
  }
  if (!readArguments(Info))
    return 1;
  const char *Name = Info->base_name;
  register_callback(Name, PLUGIN_REGISTER_GGC_ROOTS, nullptr,
                    const_cast<ggc_root_tab *>(KeptTreesRoot));
  register_callback(Name, PLUGIN_ATTRIBUTES, registerAttributes, nullptr);
  register_callback(Name, PLUGIN_START_UNIT, startUnit, nullptr);
  register_callback(Name, PLUGIN_PRE_GENERICIZE, preGenericize, nullptr);
  register_callback(Name, PLUGIN_ALL_IPA_PASSES_END, ipaPassesEnd, nullptr);
  register_callback(Name, PLUGIN_FINISH_UNIT, finishUnit, nullptr);
  // Before the call graph's edges and references are built from bodies.
  addPass(Name, makeInstrumentPass(g), "cfg", PASS_POS_INSERT_AFTER);
  // After every optimisation, before the last CFG cleanup and expansion.
  addPass(Name, makeSlotCallsPass(g), "optimized", PASS_POS_INSERT_BEFORE);
  return 0;
}
