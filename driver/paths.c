/*
** paths.c: locating clang and hcc's own plugin, runtime and header.
*/
#define _GNU_SOURCE
#include "paths.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

#ifndef HCC_CONFIGURED_CLANG
#define HCC_CONFIGURED_CLANG ""
#endif

/* The installation prefix: the directory above the one holding hcc. */
static char *self_prefix(void) {
  char exe[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n < 0)
    hu_die(HCC_EXIT_FAIL,
           "cannot find hcc's own location (/proc/self/exe): %s; "
           "is /proc mounted?",
           strerror(errno));
  exe[n] = '\0';
  char *bindir = hu_dirname(exe);
  char *prefix = hu_abspath(bindir, "..");
  free(bindir);
  return prefix;
}

static int check(unsigned need, unsigned bit, const char *what,
                 const char *path) {
  if (!(need & bit) || hu_exists(path))
    return 0;
  hu_error("hotpatch %s not found at %s; reinstall hotpatch or rebuild it "
           "(hcc looks for it relative to its own location)",
           what, path);
  return 1;
}

/* See paths.h. */
int hp_paths_find(struct hp_paths *p, unsigned need) {
  char *prefix = self_prefix();
  p->libdir = hu_xasprintf("%s/lib", prefix);
  p->plugin = hu_xasprintf("%s/hotpatch.so", p->libdir);
  p->gcc_plugin = hu_xasprintf("%s/hotpatch_gcc.so", p->libdir);
  p->runtime_shared = hu_xasprintf("%s/libhotpatch.so", p->libdir);
  p->runtime_static = hu_xasprintf("%s/libhotpatch.a", p->libdir);
  p->incdir = hu_xasprintf("%s/include/hotpatch", prefix);
  free(prefix);
  if (check(need, HP_NEED_HEADER, "header directory", p->incdir) ||
      check(need, HP_NEED_PLUGIN, "plugin", p->plugin) ||
      check(need, HP_NEED_GCC_PLUGIN,
            "GCC plugin (built when gcc-12-plugin-dev is installed)",
            p->gcc_plugin) ||
      check(need, HP_NEED_RUNTIME_SHARED, "runtime", p->runtime_shared) ||
      check(need, HP_NEED_RUNTIME_STATIC, "static runtime",
            p->runtime_static)) {
    hp_paths_free(p);
    return 1;
  }
  return 0;
}

/* See paths.h. */
void hp_paths_free(struct hp_paths *p) {
  free(p->libdir);
  free(p->plugin);
  free(p->gcc_plugin);
  free(p->runtime_shared);
  free(p->runtime_static);
  free(p->incdir);
}

/* See paths.h. */
void hp_push_plugin(struct hu_vec *argv, const struct hp_paths *p) {
  hu_vec_pushf(argv, "-fplugin=%s", p->plugin);
  if (hu_env_switch("HOTPATCH_DROP_INLINED") == 0)
    hu_vec_push(argv, "-fplugin-arg-hotpatch-drop-inlined=0");
  if (hu_env_switch("HOTPATCH_STUB_BLOCK") == 0)
    hu_vec_push(argv, "-fplugin-arg-hotpatch-stub-block=0");
  if (hu_env_switch("HOTPATCH_SKIP_STUBS") == 0)
    hu_vec_push(argv, "-fplugin-arg-hotpatch-skip-stubs=0");
  if (hu_env_switch("HOTPATCH_INLINED_BODIES") == 0)
    hu_vec_push(argv, "-fplugin-arg-hotpatch-inlined-bodies=0");
  if (hu_env_switch("HOTPATCH_SKIP_FRONTEND") == 0)
    hu_vec_push(argv, "-fplugin-arg-hotpatch-skip-frontend=0");
  if (hu_env_switch("HOTPATCH_LAST_CALL_BONUS") == 0)
    hu_vec_push(argv, "-fplugin-arg-hotpatch-last-call-bonus=0");
  if (hu_env_switch("HOTPATCH_CROSS_UNIT_CALLS") == 0)
    hu_vec_push(argv, "-fplugin-arg-hotpatch-cross-unit-calls=0");
  hp_push_shared_switches(argv, "-fplugin-arg-hotpatch-");
}

/* See paths.h. */
void hp_push_shared_switches(struct hu_vec *argv, const char *prefix) {
  if (hu_env_switch("HOTPATCH_READ_ONLY_STATICS") == 0)
    hu_vec_pushf(argv, "%sread-only-statics=0", prefix);
}

/* See paths.h. */
const char *hp_clang(void) {
  const char *env = getenv("HOTPATCH_CLANG");
  if (env && *env)
    return env;
  if (HCC_CONFIGURED_CLANG[0] && access(HCC_CONFIGURED_CLANG, X_OK) == 0)
    return HCC_CONFIGURED_CLANG;
  return "clang-19";
}

/* See paths.h. */
const char *hp_gcc(void) {
  const char *env = getenv("HOTPATCH_GCC");
  return env && *env ? env : "gcc-12";
}

/* See paths.h. */
int hp_gcc_error(const char *gcc, int err) {
  return hu_error(
      "cannot run gcc-12 (%s): %s; install gcc-12 or set HOTPATCH_GCC", gcc,
      strerror(err));
}

/* See paths.h. */
int hp_clang_error(const char *clang, int err) {
  return hu_error(
      "cannot run clang-19 (%s): %s; install clang-19 or set HOTPATCH_CLANG",
      clang, strerror(err));
}
