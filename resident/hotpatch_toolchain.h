/*
** hotpatch_toolchain.h: the resident toolchain, clang and ld.lld as a
** library that hcc loads once and runs in forked children.
**
** A patch is one compile and one link.  Run as programs, clang-19 and
** ld.lld-19 each spend 17-35 ms before doing any work, mostly relocating
** libLLVM and libclang-cpp and running their static constructors; for a
** small file that is a third of the time from save to applied.  hcc run
** and hcc patch dlopen lib/hotpatch-toolchain.so instead, pay that once,
** and fork for every compile and link: the child starts with everything
** relocated and the hotpatch plugin already loaded, runs the same driver
** code the clang and ld.lld executables run, and exits.
**
** The library is C++ (clang's and lld's APIs); this is its C interface,
** the only thing hcc (C11) sees.  hcc looks symbols up with dlsym, so the
** names below are the contract; HOTPATCH_TOOLCHAIN_ABI changes whenever a
** signature does.
*/
#ifndef HOTPATCH_TOOLCHAIN_H
#define HOTPATCH_TOOLCHAIN_H

#define HOTPATCH_TOOLCHAIN_ABI 2

/* The ABI version the library was built with (HOTPATCH_TOOLCHAIN_ABI). */
int hotpatch_toolchain_abi(void);

/* The clang executable whose libraries this library runs: the `clang` in
** the LLVM installation libclang-cpp belongs to (a path, not resolved). */
const char *hotpatch_toolchain_clang_path(void);

/* Warm up in the calling process: register the LLVM targets, and load
** the clang plugin at `plugin` (NULL for none) so that no child loads it
** again.  Returns 0, or -1 with a message in err (errlen bytes). */
int hotpatch_toolchain_prepare(const char *plugin, char *err,
                               unsigned long errlen);

/* Run a clang command line (argv[0] names the clang, as for execv) the way
** the clang executable would: driver, then the compiler in this process.
** Diagnostics go to file descriptor 2.  Returns the exit status clang
** would have had.  Meant for a forked child: it leaves global compiler
** state behind, and the caller is expected to _exit() with the result. */
int hotpatch_toolchain_clang(int argc, const char **argv);

/* In the long-lived process, after a compile of a unit: build the unit's
** precompiled preamble (the #include lines and other directives at the
** top of its main file), or keep the one built before if it still fits,
** for the compiles forked from now on.  `argv` is the compile's clang
** command line, `dir` the directory it runs in.  Returns 1 when built, 0
** when kept, -1 when the unit has none (no leading directives, or they do
** not parse).  Not for a child. */
int hotpatch_toolchain_preamble(const char *dir, int argc, const char **argv);

/* Run an ld.lld command line (argv[0] names ld.lld) in this process, like
** the ld.lld executable; the same rules as hotpatch_toolchain_clang. */
int hotpatch_toolchain_lld(int argc, const char **argv);

#endif /* HOTPATCH_TOOLCHAIN_H */
