/*
** toolchain_main.c: lib/hotpatch-toolchain, the resident toolchain as an
** executable of its own, for hcc patch.
**
** hcc patch runs one compile and one link and exits, so loading
** hotpatch-toolchain.so into it (dlopen of libclang-cpp and libLLVM: about
** 25 ms of symbol lookups, relocations and copied pages, then the plugin)
** is paid on every patch.  This executable holds the same code linked
** statically from Debian's static LLVM, clang and lld libraries and the
** plugin, at a fixed address: nothing to look up or relocate, and about 10
** ms from exec to ready, most of it LLVM's static constructors and the page
** faults of the code they run.  hcc patch starts one as soon as it starts
** (standby.h, sb_spawn), so that this overlaps the work before the compile,
** and another for the link when a compile begins.
**
**   hotpatch-toolchain --standby   wait on descriptor 3 for one job, as a
**                                  standby child of hcc does (standby.c)
**   hotpatch-toolchain --run ARGV  run ARGV (clang or ld.lld) right here
*/
#define _GNU_SOURCE
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hotpatch_toolchain.h"
#include "standby.h"
#include "util.h"

/* The plugin built into this executable is hotpatch.so's code; the
** copy hcc names with -fplugin= must not be loaded again (it would bring
** the shared libLLVM, a second LLVM, with it).  hcc hands this executable
** no command with another plugin (resident.c). */
static int is_own_plugin(const char *arg) {
  if (strncmp(arg, "-fplugin=", 9) != 0)
    return 0;
  static char *own;
  if (!own) {
    char *self = realpath("/proc/self/exe", NULL);
    char *dir = self ? hu_dirname(self) : NULL;
    char *path = dir ? hu_xasprintf("%s/hotpatch.so", dir) : NULL;
    own = path ? realpath(path, NULL) : NULL;
    free(self);
    free(dir);
    free(path);
    if (!own)
      return 0;
  }
  char *named = realpath(arg + 9, NULL);
  int same = named && strcmp(named, own) == 0;
  free(named);
  return same;
}

static int run_clang(int argc, const char **argv) {
  const char **kept = hu_xmalloc(((size_t)argc + 1) * sizeof *kept);
  int n = 0;
  for (int i = 0; i < argc; i++)
    if (!is_own_plugin(argv[i]))
      kept[n++] = argv[i];
  kept[n] = NULL;
  return hotpatch_toolchain_clang(n, kept);
}

/* What runs argv: hcc hands this executable clang and ld.lld commands
** only, named by the file name of argv[0]. */
static sb_program *program_for(char *const *argv) {
  const char *slash = strrchr(argv[0], '/');
  const char *name = slash ? slash + 1 : argv[0];
  return strcmp(name, "ld.lld") == 0 ? hotpatch_toolchain_lld : run_clang;
}

int main(int argc, char **argv) {
  char err[512];
  if (argc < 2 || (strcmp(argv[1], "--standby") != 0 &&
                   (strcmp(argv[1], "--run") != 0 || argc < 3))) {
    fprintf(stderr, "usage: hotpatch-toolchain --standby | --run ARGV...\n"
                    "(run by hcc patch, not by hand)\n");
    return 2;
  }
  if (hotpatch_toolchain_prepare(NULL, err, sizeof err) != 0) {
    fprintf(stderr, "hotpatch-toolchain: %s\n", err);
    return 1;
  }
  if (strcmp(argv[1], "--standby") == 0)
    sb_serve(3, NULL, program_for);
  return program_for(argv + 2)(argc - 2, (const char **)argv + 2);
}
