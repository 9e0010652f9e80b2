"""programs.py: the programs under test, built with clang-19 and with hcc.

Every build is a fresh copy in <work>/<program>/<compiler>-<opt>/, with a
.hotpatch directory so that hcc's build root is that copy.  Build commands
are timed: the first sample of the build-time comparison comes free.

With gcc-12 and the GCC plugin present, the micro programs, Lua and zlib
are also built with gcc-12 and with hcc-gcc.

Sources: Debian's lua5.4, zlib, sqlite3, tinyxml2 (C++) and git through
lit_tests/realworld/fetch-source.sh (cached under build/realworld-src).
The SQLite amalgamation is generated once from the Debian tree with
clang-19 (its generator tools are not what is measured).

The latency benchmark edits one function of a program that is running; for
that, sqlite3.c gets one statement, an empty asm comment, at the top of
sqlite3VdbeExec (marker `edit`) and another at the top of
sqlite3_libversion_number (marker `small-edit`: a small function of the same
big unit), and lvm.c at the top of luaV_execute (the interpreter loop), in
the clang-19 builds as well as in the hcc builds, so both run the same
source.  git (the large program: over 400 units) is built with hcc
only, for the latency of a patch in a program that size; its object.c gets
the statement at the top of type_name.
"""
import os
import re
import shutil

from measure import BenchError, run, sh

EDIT_LINE = '  __asm__ volatile("# hpbench %s 0"); /* HPBENCH-EDIT */\n'
COMPILERS = ("clang", "hcc")
# The same comparison for gcc builds (issue 13): plain gcc-12 against hcc
# on gcc.  Micro programs, Lua and zlib only.
GCC_COMPILERS = ("gcc", "hcc-gcc")

class Workspace:
    """Paths and settings shared by every benchmark."""

    def __init__(self, repo, build, nproc):
        self.repo = repo
        self.build = build
        self.work = os.path.join(build, "bench")
        self.cache = os.path.join(build, "realworld-src")
        self.hcc = os.path.join(build, "bin", "hcc")
        self.clang = "clang-19"
        self.nproc = nproc
        self.src = os.path.join(self.work, "src")
        os.makedirs(self.src, exist_ok=True)

    def cc(self, compiler):
        return {"hcc": self.hcc, "hcc-gcc": self.hcc + "-gcc", "gcc": "gcc-12"}.get(
            compiler, self.clang)

    def has_gcc(self):
        """Whether gcc-12 and hcc's GCC plugin are here (the plugin is built
        only where gcc-12-plugin-dev is installed)."""
        return bool(shutil.which("gcc-12")) and os.path.exists(
            os.path.join(self.build, "lib", "hotpatch_gcc.so"))

    def cxx(self, compiler):
        return self.hcc + "++" if compiler == "hcc" else "clang++-19"

    def bench_dir(self, *parts):
        return os.path.join(self.repo, "bench", *parts)

    def fresh_dir(self, *parts):
        path = os.path.join(self.work, *parts)
        shutil.rmtree(path, ignore_errors=True)
        os.makedirs(path)
        return path


def variant_env(variant):
    """The environment of a build variant (None: this process's)."""
    return dict(os.environ, **variant[1]) if variant else None


def opt_flag(opt):
    return "-" + opt


def inject_edit(path, pattern, marker="edit"):
    """Inserts EDIT_LINE with marker (latency.set_edit's word) after the
    first match of pattern (which ends with the function's opening brace)."""
    line = EDIT_LINE % marker
    with open(path) as f:
        text = f.read()
    if "# hpbench %s " % marker in text:
        return
    match = re.search(pattern, text)
    if not match:
        raise BenchError("cannot find the function to edit in %s (pattern %s)" % (path, pattern))
    text = text[:match.end()] + line + text[match.end():]
    with open(path, "w") as f:
        f.write(text)


def fetch(ws, package):
    """A fresh copy of a Debian source package in <work>/src/<package>."""
    dest = os.path.join(ws.src, package)
    run(["bash", os.path.join(ws.repo, "lit_tests/realworld/fetch-source.sh"), package,
         ws.cache, dest])
    return dest


def copy_tree(src, dest):
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(src, dest, symlinks=True)
    os.makedirs(os.path.join(dest, ".hotpatch"), exist_ok=True)


# ==================================================================== micro

MICRO = ("fib", "qsort", "dispatch")


def build_micro(ws, compiler, opt, variant=None):
    """Builds bench/micro/*.c; returns name -> binary path.
    variant: (name, environment) of an hcc build with a switch set."""
    out = ws.fresh_dir("micro", "%s-%s" % (variant[0] if variant else compiler, opt))
    os.makedirs(os.path.join(out, ".hotpatch"))
    bins = {}
    for name in MICRO:
        binary = os.path.join(out, name)
        run([ws.cc(compiler), opt_flag(opt), "-o", binary, ws.bench_dir("micro", name + ".c")],
            cwd=out, env=variant_env(variant))
        bins[name] = binary
    return bins


# ====================================================================== lua

def prepare_lua(ws):
    src = fetch(ws, "lua5.4")
    run(["bash", os.path.join(ws.repo, "lit_tests/realworld/prepare-lua.sh"), src])
    inject_edit(os.path.join(src, "src", "lvm.c"),
                r"void luaV_execute \(lua_State \*L, CallInfo \*ci\) \{\n")
    return src


def build_lua(ws, src, compiler, opt, variant=None):
    """make linux CC=... (MYCFLAGS=-O0 for -O0); returns (dir, Sample of the make).
    variant: (name, environment) of an hcc build with a switch set."""
    dest = os.path.join(ws.work, "lua", "%s-%s" % (variant[0] if variant else compiler, opt))
    copy_tree(src, dest)
    myflags = "" if opt == "O2" else opt_flag(opt)
    sample = run(["make", "-j%d" % ws.nproc, "linux", "CC=" + ws.cc(compiler),
                  "MYCFLAGS=" + myflags], cwd=dest, env=variant_env(variant))
    return dest, sample


# =================================================================== sqlite

def prepare_sqlite(ws):
    """The amalgamation (generated once) plus speedtest1.c in <work>/src/sqlite-amalg."""
    amalg = os.path.join(ws.src, "sqlite-amalg")
    if not os.path.exists(os.path.join(amalg, "sqlite3.c")):
        if not shutil.which("tclsh"):
            raise BenchError("tclsh is needed to generate the SQLite amalgamation: "
                             "apt-get install tcl")
        src = fetch(ws, "sqlite3")
        gen = os.path.join(ws.src, "sqlite-gen")
        shutil.rmtree(gen, ignore_errors=True)
        os.makedirs(gen)
        sh("'%s/configure' CC=clang-19 --disable-tcl >configure.log 2>&1 && "
           "make -j%d sqlite3.c >make.log 2>&1" % (src, ws.nproc), cwd=gen)
        os.makedirs(amalg + ".tmp", exist_ok=True)
        for name in ("sqlite3.c", "sqlite3.h"):
            shutil.copy(os.path.join(gen, name), amalg + ".tmp")
        shutil.copy(os.path.join(src, "test", "speedtest1.c"), amalg + ".tmp")
        shutil.rmtree(amalg, ignore_errors=True)
        os.rename(amalg + ".tmp", amalg)
        shutil.rmtree(gen, ignore_errors=True)
    return amalg


def build_sqlite(ws, amalg, compiler, opt, variant=None):
    """speedtest1 and idle from the amalgamation; returns (dir, Sample of the make).
    variant: as for build_lua."""
    dest = ws.fresh_dir("sqlite", "%s-%s" % (variant[0] if variant else compiler, opt))
    os.makedirs(os.path.join(dest, ".hotpatch"))
    for name in ("sqlite3.c", "sqlite3.h", "speedtest1.c"):
        shutil.copy(os.path.join(amalg, name), dest)
    for name in ("idle.c", "Makefile"):
        shutil.copy(ws.bench_dir("sqlite", name), dest)
    inject_edit(os.path.join(dest, "sqlite3.c"), r"int sqlite3VdbeExec\(\n[^)]*\)\{\n")
    inject_edit(os.path.join(dest, "sqlite3.c"), r"int sqlite3_libversion_number\(void\)\{",
                "small-edit")
    sample = run(["make", "-j%d" % ws.nproc, "CC=" + ws.cc(compiler), "OPT=" + opt_flag(opt)],
                 cwd=dest, env=variant_env(variant))
    return dest, sample


# ===================================================================== zlib

def prepare_zlib(ws):
    return fetch(ws, "zlib")


def build_zlib(ws, src, compiler, opt):
    """libz.a by zlib's configure + make, and zbench linked with it."""
    dest = os.path.join(ws.work, "zlib", "%s-%s" % (compiler, opt))
    copy_tree(src, dest)
    env = dict(os.environ, CC=ws.cc(compiler), CFLAGS=opt_flag(opt))
    sample = sh("./configure --static >configure.log 2>&1 && make -j%d libz.a >make.log 2>&1"
                % ws.nproc, cwd=dest, env=env)
    run([ws.cc(compiler), opt_flag(opt), "-I.", "-o", "zbench", ws.bench_dir("zlib", "zbench.c"),
         "libz.a"], cwd=dest)
    return dest, sample.wall


# ================================================================= tinyxml2

def prepare_tinyxml2(ws):
    return fetch(ws, "tinyxml2")


def build_tinyxml2(ws, src, compiler, opt):
    """tinyxml2 (C++, CMake and Ninja) and its test program xmltest, with
    clang++-19 or hcc++; xmltest runs in the tree (it reads resources/)."""
    dest = os.path.join(ws.work, "tinyxml2", "%s-%s" % (compiler, opt))
    copy_tree(src, dest)
    sample = sh("cmake -S . -B build -G Ninja -DCMAKE_CXX_COMPILER=%s -DCMAKE_BUILD_TYPE=Release "
                "-DCMAKE_CXX_FLAGS_RELEASE=%s -Dtinyxml2_BUILD_TESTING=ON >configure.log 2>&1 && "
                "ninja -C build -j%d >build.log 2>&1" % (ws.cxx(compiler), opt_flag(opt), ws.nproc),
                cwd=dest)
    return dest, sample.wall


# ====================================================================== git

def prepare_git(ws):
    src = fetch(ws, "git")
    inject_edit(os.path.join(src, "object.c"),
                r"const char \*type_name\(unsigned int type\)\n\{\n")
    return src


def build_git(ws, src):
    """The git program (make-git.sh ... git) with hcc and an empty
    repository beside it; returns (dir, seconds, units)."""
    dest = os.path.join(ws.work, "git", "hcc-O2")
    copy_tree(src, dest)
    sample = run(["bash", os.path.join(ws.repo, "lit_tests/realworld/make-git.sh"), dest,
                  ws.hcc, "git"])
    units = sum(1 for line in run([ws.hcc, "inspect", os.path.join(dest, "git")]).out.splitlines()
                if line.startswith("module "))
    repo = os.path.join(ws.work, "git", "repo")
    shutil.rmtree(repo, ignore_errors=True)
    run([os.path.join(dest, "git"), "init", "-q", repo])
    return dest, sample.wall, units
