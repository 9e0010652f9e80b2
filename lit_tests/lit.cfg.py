# lit configuration for every hotpatch suite.
#
# Substitutions:
#   %hcc      the hcc built in this tree (%hcc-gcc: as hcc-gcc); with
#             --param compiler=gcc, hcc-gcc too
#   %clang    plain clang-19 (the reference every build is compared with)
#   %cc       the compiler %hcc runs (clang-19, or gcc-12 with
#             --param compiler=gcc), for compiler wrappers; %cc_var is the
#             variable that points hcc at such a wrapper (HOTPATCH_CLANG,
#             HOTPATCH_GCC)
#   %plugin   the plugin, for -fplugin= / -fpass-plugin= / opt -load-pass-plugin=
#   %patchcc  %hcc with what a patch compile of that compiler adds (gcc:
#             -mno-direct-extern-access), and %baseline_arg its plugin's
#             baseline argument: a patch built by hand is
#             `%patchcc -c f.c %baseline_arg=FILE`, then linked -shared
#   %opt      opt-19 with the plugin loaded
#   %hplib    the directory holding libhotpatch.{a,so}
#   %hpinc    the directory holding hotpatch.h
#   %gdbext   the gdb extension (gdb/hotpatch.py, as the build tree has it)
#   %gcchp    gcc-12 with the GCC plugin and hotpatch.h (lit_tests/gcc/)
#   %gcclink  what a link of a gcc build adds: the runtime, the slot pages
#   %realworld_cache  where realworld tests keep Debian sources between runs
#                     (in the build tree, never in the git tree)
import os
import sys
import lit.formats

config.name = "hotpatch"
# bash runs the RUN lines: scenarios need loops and background processes.
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".test", ".c", ".cpp", ".ll"]
config.excludes = ["Inputs"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.hotpatch_obj_root, "lit_tests")

bin_dir = os.path.join(config.hotpatch_obj_root, "bin")
lib_dir = os.path.join(config.hotpatch_obj_root, "lib")
inc_dir = os.path.join(config.hotpatch_obj_root, "include", "hotpatch")
plugin = os.path.join(lib_dir, "hotpatch.so")
tools = config.llvm_tools_dir

config.environment["PATH"] = os.pathsep.join([bin_dir, tools, config.environment.get("PATH", os.environ["PATH"])])
# Tests see a clean hotpatch environment whatever the caller's is.
for var in ["HOTPATCH", "HOTPATCH_ROOT", "HOTPATCH_CLANG", "HOTPATCH_GCC", "HOTPATCH_MODE", "HOTPATCH_LAUNCHER"]:
    config.environment.pop(var, None)
config.environment["HOME"] = os.environ.get("HOME", "/tmp")
if "XDG_RUNTIME_DIR" in os.environ:
    config.environment["XDG_RUNTIME_DIR"] = os.environ["XDG_RUNTIME_DIR"]
# How long safety/fault-storm.c runs (a soak sets it; docs/testing.md).
if "STORM_SECONDS" in os.environ:
    config.environment["STORM_SECONDS"] = os.environ["STORM_SECONDS"]

# The compiler the scenarios build with: `lit --param compiler=gcc` makes
# %hcc hcc-gcc (gcc-12 and the GCC plugin), for the suites that run with
# both (docs/testing.md); tests of one compiler's own features say
# REQUIRES: compiler-clang.
compiler = lit_config.params.get("compiler", "clang")
if compiler not in ("clang", "gcc"):
    lit_config.fatal("compiler=%s: expected clang or gcc" % compiler)
if compiler == "gcc" and not config.hotpatch_gcc_plugin:
    lit_config.fatal("compiler=gcc: the GCC plugin was not built (install gcc-12-plugin-dev)")
config.available_features.add("compiler-" + compiler)
# Helpers for the directories' lit.local.cfg (scenario_lists.py).
sys.path.insert(0, os.path.dirname(__file__))

# A FileCheck prefix for what only one compiler does (CLANG or GCC), as in
# --check-prefixes=CHECK,%compiler-prefix.
config.substitutions.append(("%compiler-prefix", compiler.upper()))

# The language the scenarios are built as: `lit --param language=c++` makes
# %hcc hcc++ (clang++-19, which compiles the `.c` sources as C++; its
# warning that this is deprecated is silenced), for the scenarios whose
# sources are C++ too (each directory's lit.local.cfg lists them,
# scenario_lists.py).
language = lit_config.params.get("language", "c")
if language not in ("c", "c++"):
    lit_config.fatal("language=%s: expected c or c++" % language)
if language == "c++" and compiler == "gcc":
    lit_config.fatal("language=c++: C++ builds are hcc++'s (clang), not hcc-gcc's")
config.available_features.add("language-" + language)
# Each configuration runs in its own tree of Output directories: ctest
# runs lit, lit-gcc and lit-cxx at once, and a scenario in two of them
# would otherwise share (and delete) one %t.
if compiler != "clang" or language != "c":
    config.test_exec_root += "-" + ("gcc" if compiler == "gcc" else "cxx")
config.substitutions.append(("%hcc-gcc", os.path.join(bin_dir, "hcc-gcc")))  # before %hcc
config.substitutions.append((r"%hcc\+\+", os.path.join(bin_dir, "hcc++")))  # before %hcc
hcc = os.path.join(bin_dir, "hcc-gcc" if compiler == "gcc" else "hcc")
if language == "c++":
    hcc = os.path.join(bin_dir, "hcc++")
    # Where %hcc compiles or links (an option or a file name.ext follows
    # it), not where a subcommand, a program or nothing does: hcc takes
    # subcommands first.
    config.substitutions.append((r"%hcc(?= +(?:-|[\w-]+\.\w))", hcc + " -Wno-deprecated"))
    # The scenarios' CHECK lines name functions as C does: FileCheck reads
    # the C++ names written as C's (cxx_filecheck.py).
    config.substitutions.append((r"(?<![\w/.-])FileCheck(?![\w.-])", "%s %s" % (
        sys.executable, os.path.join(os.path.dirname(__file__), "cxx_filecheck.py"))))
config.substitutions.append(("%hcc", hcc))
config.substitutions.append(("%clang", os.path.join(tools, "clang")))
config.substitutions.append(("%cc_var", "HOTPATCH_GCC" if compiler == "gcc" else "HOTPATCH_CLANG"))  # before %cc
config.substitutions.append(("%cc", "gcc-12" if compiler == "gcc" else os.path.join(tools, "clang")))
config.substitutions.append(("%opt", "%s -load-pass-plugin=%s" % (os.path.join(tools, "opt"), os.path.join(lib_dir, "hotpatch-passes.so"))))
config.substitutions.append(("%plugin", plugin))
if compiler == "gcc":
    config.substitutions.append(("%patchcc", os.path.join(bin_dir, "hcc-gcc") + " -mno-direct-extern-access"))
    config.substitutions.append(("%baseline_arg", "-fplugin-arg-hotpatch_gcc-baseline"))
else:
    config.substitutions.append(("%patchcc", os.path.join(bin_dir, "hcc")))
    config.substitutions.append(("%baseline_arg", "-fplugin-arg-hotpatch-baseline"))
config.substitutions.append(("%hplib", lib_dir))
config.substitutions.append(("%hpinc", inc_dir))
config.substitutions.append(("%srcroot", config.hotpatch_src_root))
config.substitutions.append(("%gdbext", os.path.join(config.hotpatch_obj_root, "share", "hotpatch", "gdb", "hotpatch.py")))
config.substitutions.append(("%obj_root", config.hotpatch_obj_root))
# Scenario driver for live patching (lit_tests/live/Inputs/drive.py).
config.substitutions.append(("%drive", "%s %s" % (sys.executable, os.path.join(config.hotpatch_src_root, "lit_tests", "live", "Inputs", "drive.py"))))
config.environment["HCC"] = os.path.join(bin_dir, "hcc")
config.substitutions.append(("%realworld_cache", os.path.join(config.hotpatch_obj_root, "realworld-src")))

# The GCC plugin is built when gcc-12-plugin-dev is installed; the tests of
# gcc builds say REQUIRES: gcc-plugin.
if config.hotpatch_gcc_plugin:
    config.available_features.add("gcc-plugin")
config.substitutions.append(("%gcchp", "gcc-12 -fplugin=%s -I%s" % (os.path.join(lib_dir, "hotpatch_gcc.so"), inc_dir)))
config.substitutions.append(("%gcclink", "-L{0} -Wl,--no-as-needed -lhotpatch -Wl,--as-needed -Wl,-rpath,{0} -Wl,-T,{0}/hotpatch-slots.ld".format(lib_dir)))

if config.hotpatch_realworld:
    config.available_features.add("realworld")
# The large program (realworld/git.test: a few minutes on 2 cores).
if config.hotpatch_large:
    config.available_features.add("large")
# Tests that create files of other users or run clients as `nobody`
# (lit_tests/safety/other-user.c) say REQUIRES: root; lit reports them
# UNSUPPORTED otherwise.
if hasattr(os, "geteuid") and os.geteuid() == 0:
    config.available_features.add("root")
