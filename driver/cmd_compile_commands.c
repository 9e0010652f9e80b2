/*
** cmd_compile_commands.c: `hcc compile-commands [-o FILE] [DIR]`: write the
** JSON compilation database (clang's compile_commands.json) of a build root
** from its build database, so that clangd, clang-tidy and editors see the
** same sources with the same arguments as hcc compiled them.
**
** One entry per source that still exists, compiled in a directory that
** still exists: its latest compile record (the database is an
** append-only log, so a source compiled again supersedes its earlier
** records), with "directory" (the compile's working directory), "file"
** (the source, absolute), "output" (the object, when it was not a
** temporary) and "arguments" (argv as recorded: hcc or hcc++ as invoked,
** then the user's arguments, response files expanded), plus
** "-idirafter <include/hotpatch>", which hcc adds to every compile so that
** <hotpatch.h> is found without -I.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builddb.h"
#include "hcc.h"
#include "json.h"
#include "paths.h"
#include "program_db.h"
#include "util.h"

static void json_entry(struct hu_buf *out, const struct pd_compile *c,
                       const char *incdir) {
  hu_buf_adds(out, "  {\n    \"directory\": ");
  hj_quote(out, c->cwd);
  hu_buf_adds(out, ",\n    \"file\": ");
  hj_quote(out, c->source);
  if (c->output) {
    hu_buf_adds(out, ",\n    \"output\": ");
    hj_quote(out, c->output);
  }
  hu_buf_adds(out, ",\n    \"arguments\": [");
  for (int i = 0; i < c->argv.count; i++) {
    hj_quote(out, c->argv.items[i]);
    hu_buf_adds(out, ", ");
  }
  hu_buf_adds(out, "\"-idirafter\", ");
  hj_quote(out, incdir);
  hu_buf_adds(out, "]\n  }");
}

static int usage(void) {
  fprintf(stderr, "usage: hcc compile-commands [-o FILE] [DIR]\n");
  return HCC_EXIT_USAGE;
}

int cmd_compile_commands(int argc, char **argv) {
  const char *out_path = NULL, *dir = NULL;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
      out_path = argv[++i];
    else if (argv[i][0] == '-' || dir)
      return usage();
    else
      dir = argv[i];
  }
  if (dir && !hu_is_dir(dir))
    return hu_error(
        "%s is not a directory: give the build root (or a directory below it)",
        dir);
  struct hp_paths paths;
  if (hp_paths_find(&paths, HP_NEED_HEADER))
    return HCC_EXIT_FAIL;
  char *cwd = hu_getcwd();
  char *start = hu_abspath(cwd, dir ? dir : ".");
  char *root = hb_find_root(start);
  char *db_file = hu_xasprintf("%s/%s/%s", root, HB_DIR_NAME, HB_FILE_NAME);
  char *target = out_path ? hu_abspath(cwd, out_path)
                          : hu_xasprintf("%s/compile_commands.json", root);
  struct pd_compile *tus;
  int count = pd_latest_compiles(db_file, &tus);
  int rc = HCC_EXIT_FAIL;
  if (count >= 0) {
    struct hu_buf json = HU_BUF_INIT;
    hu_buf_adds(&json, "[");
    int written = 0;
    for (int i = 0; i < count; i++) {
      /* a source or directory deleted since (a build system's scratch
      ** compile) is nothing an editor or clang can use */
      if (!hu_exists(tus[i].source) || !hu_is_dir(tus[i].cwd))
        continue;
      hu_buf_adds(&json, written++ ? ",\n" : "\n");
      json_entry(&json, &tus[i], paths.incdir);
    }
    hu_buf_adds(&json, "\n]\n");
    if (hu_write_file_atomic(target, json.data, json.len) != 0)
      hu_error("cannot write %s: %s", target, strerror(errno));
    else
      rc = HCC_EXIT_OK;
    hu_buf_free(&json);
    pd_compiles_free(tus, count);
  }
  free(target);
  free(db_file);
  free(root);
  free(start);
  free(cwd);
  hp_paths_free(&paths);
  return rc;
}
