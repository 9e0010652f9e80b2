/*
** paths.h: where hcc finds clang and its own plugin, runtime and header.
**
** The build tree and an install share one layout, so everything is found
** relative to the running hcc (/proc/self/exe): ../lib/hotpatch.so,
** ../lib/libhotpatch.{so,a}, ../include/hotpatch/hotpatch.h.
*/
#ifndef HCC_PATHS_H
#define HCC_PATHS_H

/* What the caller needs to exist; a missing one is reported by path. */
enum hp_need {
  HP_NEED_HEADER = 1u << 0,
  HP_NEED_PLUGIN = 1u << 1,
  HP_NEED_RUNTIME_SHARED = 1u << 2,
  HP_NEED_RUNTIME_STATIC = 1u << 3,
  HP_NEED_GCC_PLUGIN = 1u << 4
};

struct hp_paths {
  char *libdir;         /* <prefix>/lib                     */
  char *plugin;         /* <prefix>/lib/hotpatch.so         */
  char *gcc_plugin;     /* <prefix>/lib/hotpatch_gcc.so     */
  char *runtime_shared; /* <prefix>/lib/libhotpatch.so      */
  char *runtime_static; /* <prefix>/lib/libhotpatch.a       */
  char *incdir;         /* <prefix>/include/hotpatch        */
};

/* Fill `p` from the location of the running executable.  For every bit in
** `need` checks that the file exists; on the first missing one prints a
** one-line error naming it and returns 1.  Returns 0 on success. */
int hp_paths_find(struct hp_paths *p, unsigned need);

struct hu_vec;

/* Push -fplugin=<plugin> onto a clang command, and the plugin's switches
** that the environment turns off: HOTPATCH_DROP_INLINED=0 keeps static
** functions inlined everywhere (plugin argument drop-inlined=0),
** HOTPATCH_STUB_BLOCK=0 compiles each stub as a naked function
** (stub-block=0), HOTPATCH_LAST_CALL_BONUS=0 denies a static function's
** only call the inliner's last-call bonus (last-call-bonus=0), and so
** on. */
void hp_push_plugin(struct hu_vec *argv, const struct hp_paths *p);

/* The switches both plugins have that the environment turns off, each as
** PREFIX NAME=0 (clang's prefix -fplugin-arg-hotpatch-, gcc's
** -fplugin-arg-hotpatch_gcc-): HOTPATCH_READ_ONLY_STATICS=0 keeps as state
** the static locals their function only reads (read-only-statics=0). */
void hp_push_shared_switches(struct hu_vec *argv, const char *prefix);

/* Free what hp_paths_find filled in. */
void hp_paths_free(struct hp_paths *p);

/* The clang to run: $HOTPATCH_CLANG, else the clang found at configure
** time if it exists, else "clang-19" (searched in PATH).  Never NULL. */
const char *hp_clang(void);

/* The gcc that hcc-gcc runs: $HOTPATCH_GCC, else "gcc-12" (searched in
** PATH).  Never NULL. */
const char *hp_gcc(void);

/* Print the one-line "cannot run gcc" error for `gcc` with errno value
** `err`; returns HCC_EXIT_FAIL. */
int hp_gcc_error(const char *gcc, int err);

/* Print the one-line "cannot run clang" error for `clang` with errno
** value `err`; returns HCC_EXIT_FAIL. */
int hp_clang_error(const char *clang, int err);

#endif /* HCC_PATHS_H */
