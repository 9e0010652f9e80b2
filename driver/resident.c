/*
** resident.c: the resident toolchain in hcc (see resident.h).
*/
#define _GNU_SOURCE
#include "resident.h"

#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hotpatch_toolchain.h"
#include "paths.h"
#include "standby.h"
#include "util.h"

typedef rs_tool_fn tool_fn;

/* One per process: loaded at most once, never unloaded (children need it
** until hcc exits). */
static struct {
  int tried;
  tool_fn *clang, *lld;
  char *clang_path, *lld_path; /* resolved: what argv[0] must resolve to */
  int (*preamble)(const char *dir, int argc, const char **argv);
  int many;     /* loaded for many patches (hcc run)      */
  char *exe;    /* hcc patch: lib/hotpatch-toolchain runs the jobs */
  char **env;   /* and runs in this environment                    */
  char *plugin; /* the one built into it                           */
} the;

/* A load rs_start began in a thread of its own, until rs_load (or exit)
** joins it.  The thread owns copies of what it reads. */
static struct {
  pthread_t thread;
  int running;
  char *libdir, *plugin, *clang;
  int many;
  char why[512]; /* why the library cannot be used; "" when it can */
} bg;

/* Only the clang the toolchain is (`own`): another one (HOTPATCH_CLANG)
** may compile differently, and its objects are what patches are made of.
** 1 when `clang` is it (then the paths a command's argv[0] must resolve
** to are set), else 0 with why in `why`. */
static int runs_clang(const char *own, const char *clang, char *why,
                      size_t size) {
  char *mine = hu_resolve_program(own);
  char *wanted = hu_resolve_program(clang);
  int same = mine && wanted && !strcmp(mine, wanted);
  free(wanted);
  if (!same) {
    free(mine);
    snprintf(why, size, "it runs %s, not %s", own, clang);
    return 0;
  }
  char *dir = hu_dirname(mine);
  char *lld = hu_xasprintf("%s/ld.lld", dir);
  free(dir);
  free(the.lld_path);
  free(the.clang_path);
  the.lld_path = hu_resolve_program(lld);
  free(lld);
  the.clang_path = mine;
  return 1;
}

/* Why the library cannot serve `clang`, or NULL when it can (then `the`
** is filled).  `why` is a buffer for messages. */
static const char *open_library(const char *libdir, const char *plugin,
                                const char *clang, int many, char *why,
                                size_t size) {
  char *lib = hu_xasprintf("%s/hotpatch-toolchain.so", libdir);
  /* RTLD_GLOBAL: the plugin, loaded next, resolves clang's symbols
  ** against the libclang-cpp this library brought in.  Binding every
  ** symbol now costs about 7 ms; worth it when many children inherit
  ** the bound table, not for one compile and one link. */
  void *h = dlopen(lib, (many ? RTLD_NOW : RTLD_LAZY) | RTLD_GLOBAL);
  free(lib);
  if (!h)
    return dlerror();
  int (*abi)(void) = (int (*)(void))dlsym(h, "hotpatch_toolchain_abi");
  const char *(*own_clang)(void) =
      (const char *(*)(void))dlsym(h, "hotpatch_toolchain_clang_path");
  int (*prepare)(const char *, char *, unsigned long) =
      (int (*)(const char *, char *, unsigned long))dlsym(
          h, "hotpatch_toolchain_prepare");
  tool_fn *run_clang = (tool_fn *)dlsym(h, "hotpatch_toolchain_clang");
  tool_fn *run_lld = (tool_fn *)dlsym(h, "hotpatch_toolchain_lld");
  int (*preamble)(const char *, int, const char **) = (int (*)(
      const char *, int, const char **))dlsym(h, "hotpatch_toolchain_preamble");
  if (!abi || !own_clang || !prepare || !run_clang || !run_lld || !preamble ||
      abi() != HOTPATCH_TOOLCHAIN_ABI)
    return "it is from another version of hotpatch";
  if (!runs_clang(own_clang(), clang, why, size) ||
      prepare(plugin, why, size) != 0)
    return why;
  the.clang = run_clang;
  the.lld = run_lld;
  the.preamble = preamble;
  the.many = many;
  return NULL;
}

static void *load_in_background(void *arg) {
  (void)arg;
  const char *err = open_library(bg.libdir, bg.plugin, bg.clang, bg.many,
                                 bg.why, sizeof bg.why);
  /* dlerror()'s text belongs to this thread: keep a copy. */
  if (err && err != bg.why)
    snprintf(bg.why, sizeof bg.why, "%s", err);
  if (!err)
    bg.why[0] = '\0';
  return NULL;
}

static void free_copies(void) {
  free(bg.libdir);
  free(bg.plugin);
  free(bg.clang);
}

/* Wait for the background load; returns why it failed, or NULL. */
static const char *join_background(void) {
  if (!bg.running)
    return NULL;
  pthread_join(bg.thread, NULL);
  bg.running = 0;
  free_copies();
  return bg.why[0] ? bg.why : NULL;
}

/* See resident.h. */
void rs_finish(void) {
  join_background();
  if (the.exe)
    sb_drop(); /* started for jobs that did not come */
}

/* In a forked child, when no standby took its job: run argv in a fresh
** lib/hotpatch-toolchain. */
static int run_in_executable(int argc, const char **argv) {
  const char **args = hu_xmalloc(((size_t)argc + 3) * sizeof *args);
  args[0] = "hotpatch-toolchain";
  args[1] = "--run";
  memcpy(args + 2, argv, ((size_t)argc + 1) * sizeof *args);
  execve(the.exe, (char *const *)args, the.env);
  fprintf(stderr, "hcc: cannot run %s: %s\n", the.exe, strerror(errno));
  return 127;
}

/* The environment lib/hotpatch-toolchain runs in: hcc's, with mimalloc
** preloaded (before anything the user preloads) unless HOTPATCH_MIMALLOC
** is 0 or the library is gone.  LLVM allocates and frees small objects at
** a high rate: glibc's malloc was about a tenth of a large unit's patch
** compile, and with mimalloc the whole compile takes 10-20% less time
** (docs/design.md, "The toolchain executable allocates with mimalloc").
** Preloaded, not linked, so that the switch needs no second build; the
** executable starts no other program that would inherit it. */
static char **executable_environment(void) {
  const char *lib = HOTPATCH_MIMALLOC_LIBRARY;
  if (hu_env_switch("HOTPATCH_MIMALLOC") != 0 && access(lib, R_OK) == 0) {
    size_t n = 0;
    while (environ[n])
      n++;
    char **env = hu_xmalloc((n + 2) * sizeof *env);
    const char *theirs = getenv("LD_PRELOAD");
    size_t k = 0;
    env[k++] = theirs && *theirs ? hu_xasprintf("LD_PRELOAD=%s:%s", lib, theirs)
                                 : hu_xasprintf("LD_PRELOAD=%s", lib);
    for (size_t i = 0; i < n; i++)
      if (strncmp(environ[i], "LD_PRELOAD=", 11) != 0)
        env[k++] = hu_xstrdup(environ[i]);
    env[k] = NULL;
    return env;
  }
  return environ;
}

static void free_environment(char **env) {
  if (env == environ)
    return;
  for (char **e = env; *e; e++)
    free(*e);
  free(env);
}

/* hcc patch's way: lib/hotpatch-toolchain, the toolchain linked statically,
** started now as a standby (standby.h) so that its start (about 10 ms)
** overlaps the work before the compile, where loading the library takes
** about 25 ms.  0 when it runs the jobs from now on; -1 when it cannot
** (not built, another clang, HOTPATCH_TOOLCHAIN_EXE=0). */
static int start_executable(const struct hp_paths *paths, const char *clang) {
  char why[512];
  char *exe = hu_xasprintf("%s/hotpatch-toolchain", paths->libdir);
  if (hu_env_switch("HOTPATCH_TOOLCHAIN_EXE") == 0 || access(exe, X_OK) != 0 ||
      !runs_clang(HCC_CONFIGURED_CLANG, clang, why, sizeof why)) {
    free(exe);
    return -1;
  }
  char **env = executable_environment();
  if (sb_spawn(exe, env) != 0) {
    free_environment(env);
    free(exe);
    return -1;
  }
  the.tried = 1;
  the.exe = exe;
  the.env = env;
  the.plugin = hu_xstrdup(paths->plugin);
  the.clang = the.lld = run_in_executable;
  return 0;
}

/* Whether lib/hotpatch-toolchain can run this clang command.  It has the
** hotpatch plugin built in and must load no other: a plugin brings the
** shared libLLVM with it, a second LLVM in the process.  And Debian's
** static LLVM libraries lack Polly, which its libLLVM.so has. */
static int executable_serves(char *const *argv) {
  for (size_t i = 1; argv[i]; i++) {
    const char *a = argv[i];
    if ((!strncmp(a, "-fplugin=", 9) && strcmp(a + 9, the.plugin) != 0) ||
        !strncmp(a, "-fpass-plugin=", 14) || !strcmp(a, "-load") ||
        !strncmp(a, "-polly", 6))
      return 0;
  }
  return 1;
}

/* See resident.h. */
void rs_start(const struct hp_paths *paths, const char *clang, int many) {
  if (the.tried || hu_env_switch("HOTPATCH_RESIDENT") != 1)
    return;
  if (!many && start_executable(paths, clang) == 0)
    return;
  bg.libdir = hu_xstrdup(paths->libdir);
  bg.plugin = hu_xstrdup(paths->plugin);
  bg.clang = hu_xstrdup(clang);
  bg.many = many;
  if (pthread_create(&bg.thread, NULL, load_in_background, NULL) != 0) {
    free_copies();
    return; /* rs_load loads it then */
  }
  the.tried = 1;
  bg.running = 1;
  /* At exit too, for the paths that exit without rs_finish: enough when
  ** exit begins before the thread registers any of libLLVM's exit
  ** handlers (else those run first). */
  atexit(rs_finish);
}

/* See resident.h. */
int rs_load(const struct hp_paths *paths, const char *clang, int many,
            int verbose) {
  int on = hu_env_switch("HOTPATCH_RESIDENT");
  if (on <= 0) {
    if (on == 0)
      return 0;
    hu_error(
        "HOTPATCH_RESIDENT is '%s'; set it to 1 (the default) or 0 to run the clang and "
        "ld.lld executables",
        getenv("HOTPATCH_RESIDENT"));
    return -1;
  }
  const char *err = NULL;
  char why[512];
  if (the.exe && the.clang && sb_wait_started() != 0) {
    err = "it exited before it was ready";
    the.clang = the.lld = NULL;
  } else if (bg.running) {
    err = join_background();
  } else if (!the.tried) {
    the.tried = 1;
    err = open_library(paths->libdir, paths->plugin, clang, many, why,
                       sizeof why);
  }
  if (err && verbose)
    fprintf(stderr,
            "hcc: note: compiling patches with the clang executable: cannot "
            "use %s/hotpatch-toolchain%s: %s\n",
            paths->libdir, the.exe ? "" : ".so", err);
  return the.clang != NULL;
}

/* See resident.h. */
int rs_executable(void) {
  return the.exe && the.clang;
}

/* See resident.h. */
rs_tool_fn *rs_tool(char *const *argv) {
  if (!the.clang)
    return NULL;
  char *real = hu_resolve_program(argv[0]);
  int compile = real && !strcmp(real, the.clang_path);
  tool_fn *tool = NULL;
  if (compile)
    tool = the.clang;
  else if (real && the.lld_path && !strcmp(real, the.lld_path))
    tool = the.lld;
  free(real);
  if (the.exe && compile) {
    if (!executable_serves(argv))
      return NULL;
    /* A link (or another compile) follows: start its standby now, so that
    ** its start overlaps this compile. */
    (void)sb_spawn(the.exe, the.env);
  }
  return tool;
}

/* See resident.h. */
int rs_keep_preamble(const char *dir, char *const *argv) {
  if (!the.many || rs_tool(argv) != the.clang ||
      hu_env_switch("HOTPATCH_PREAMBLE") == 0)
    return -1;
  int argc = 0;
  while (argv[argc])
    argc++;
  int built = the.preamble(dir, argc, (const char **)argv);
  if (built == 1)
    sb_drop(); /* forked without it */
  return built;
}

/* See resident.h. */
void rs_fill_standbys(int verbose) {
  if (!the.many || !the.clang || hu_env_switch("HOTPATCH_STANDBY") == 0)
    return;
  int forked = sb_fill();
  if (verbose && forked)
    fprintf(stderr, "hcc: forked %d standby %s for the next compile and link\n",
            forked, forked == 1 ? "child" : "children");
}
