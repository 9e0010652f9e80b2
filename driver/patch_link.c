/*
** patch_link.c: linking a patch (overview in patch_link.h).
**
** Sections: the command | linking.
*/
#define _GNU_SOURCE
#include "patch_link.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "paths.h"
#include "resident.h"
#include "run_command.h"

/* See patch_link.h. */
int plk_choice(enum plk_linker *out) {
  const char *env = getenv("HOTPATCH_PATCH_LINKER");
  if (!env || !*env || strcmp(env, "lld") == 0)
    *out = PLK_LLD;
  else if (strcmp(env, "driver") == 0)
    *out = PLK_DRIVER;
  else {
    hu_error(
        "HOTPATCH_PATCH_LINKER is '%s'; set it to 'lld' (the default) or 'driver'",
        env);
    return -1;
  }
  return 0;
}

/* See patch_link.h. */
char *plk_lld_path(const char *clang) {
  char *real = hu_resolve_program(clang);
  if (real) {
    char *dir = hu_dirname(real);
    char *lld = hu_xasprintf("%s/ld.lld", dir);
    free(dir);
    free(real);
    if (access(lld, X_OK) == 0)
      return lld;
    free(lld);
  }
  return hu_xstrdup("ld.lld-19");
}

/* See patch_link.h. */
char *plk_key(const char *clang) {
  char *real = hu_resolve_program(clang);
  struct stat st;
  if (!real || stat(real, &st) != 0) {
    free(real);
    return NULL;
  }
  /* PLK_TEMPLATE_FORMAT first: a template learnt by an older hcc (with
  ** the C start files in it) is learnt again. */
  char *key = hu_xasprintf("%s %s %lld.%09ld %lld", PLK_TEMPLATE_FORMAT, real,
                           (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
                           (long long)st.st_size);
  free(real);
  return key;
}

/* One double-quoted argument of a -### line at *p; NULL if malformed. */
static char *quoted(const char **p) {
  const char *s = *p;
  if (*s != '"')
    return NULL;
  struct hu_buf b = HU_BUF_INIT;
  hu_buf_add(&b, "", 0);
  for (s++; *s && *s != '"'; s++) {
    if (*s == '\\' && s[1])
      s++;
    hu_buf_addc(&b, *s);
  }
  if (*s != '"') {
    hu_buf_free(&b);
    return NULL;
  }
  *p = s + 1;
  return hu_buf_detach(&b);
}

/* See patch_link.h. */
int plk_parse_driver(const char *text, const char *so, const char *obj,
                     struct hu_vec *args) {
  const char *last = NULL;
  for (const char *line = text; *line;) {
    if (line[0] == ' ' && line[1] == '"')
      last = line + 1;
    const char *nl = strchr(line, '\n');
    if (!nl)
      break;
    line = nl + 1;
  }
  if (!last)
    return -1;
  int seen_so = 0, seen_obj = 0, first = 1;
  for (const char *p = last; *p && *p != '\n';) {
    if (*p == ' ') {
      p++;
      continue;
    }
    char *arg = quoted(&p);
    if (!arg) {
      hu_vec_free(args);
      return -1;
    }
    if (first)
      first = 0; /* the linker itself */
    else if (strcmp(arg, so) == 0 && !seen_so)
      seen_so = 1, hu_vec_push(args, "@OUTPUT@");
    else if (strcmp(arg, obj) == 0 && !seen_obj)
      seen_obj = 1, hu_vec_push(args, "@OBJECTS@");
    else
      hu_vec_push(args, arg);
    free(arg);
  }
  if (!seen_so || !seen_obj) {
    hu_vec_free(args);
    return -1;
  }
  return 0;
}

/* See patch_link.h. */
int plk_load(const char *path, const char *key, struct hu_vec *args) {
  char *text = hu_read_file(path, NULL);
  if (!text)
    return -1;
  char *cursor = text, *line;
  int ok = 0, n = 0;
  while ((line = hu_next_line(&cursor)) != NULL) {
    if (n++ == 0) {
      if (strncmp(line, "key ", 4) != 0 || strcmp(line + 4, key) != 0)
        break;
      ok = 1;
    } else
      hu_vec_push(args, line);
  }
  free(text);
  if (!ok || args->count == 0) {
    hu_vec_free(args);
    return -1;
  }
  return 0;
}

/* See patch_link.h. */
void plk_save(const char *path, const char *key, const struct hu_vec *args) {
  for (int i = 0; i < args->count; i++)
    if (strchr(args->items[i], '\n'))
      return;
  /* Written aside and renamed: a concurrent hcc reads a whole file. */
  struct hu_buf text = HU_BUF_INIT;
  hu_buf_addf(&text, "key %s\n", key);
  for (int i = 0; i < args->count; i++)
    hu_buf_addf(&text, "%s\n", args->items[i]);
  hu_write_file_atomic(path, text.data, text.len);
  hu_buf_free(&text);
}

/* See patch_link.h. */
void plk_command(struct hu_vec *argv, const char *lld,
                 const struct hu_vec *tmpl, const struct hu_vec *objects,
                 const char *so, const char *script) {
  hu_vec_push(argv, lld);
  for (int i = 0; i < tmpl->count; i++) {
    const char *a = tmpl->items[i];
    if (strcmp(a, "@OUTPUT@") == 0)
      hu_vec_push(argv, so);
    else if (strcmp(a, "@OBJECTS@") == 0)
      hu_vec_pushv(argv, objects->items, objects->count);
    else if (strcmp(a, "--build-id") == 0)
      hu_vec_push(argv, "--build-id=sha1");
    else
      hu_vec_push(argv, a);
  }
  static const char *const layout[] = {PLK_LAYOUT};
  for (size_t i = 0; i < sizeof layout / sizeof *layout; i++) {
    hu_vec_push(argv, "-z");
    hu_vec_push(argv, layout[i]);
  }
  hu_vec_push(argv, script);
}

/* ================================================================= linking */

/* Run argv in dir with its output in dir/<name>; returns the status.
** *out is the output's path; caller frees. */
static int run_in(struct hu_vec *argv, const char *dir, const char *name,
                  char **out) {
  *out = hu_xasprintf("%s/%s", dir, name);
  struct rcmd c = {.argv = argv->items,
                   .dir = dir,
                   .output = *out,
                   .in_process = rs_tool(argv->items)};
  int status = rcmd_run(&c);
  return status < 0 ? 127 : status;
}

/* The driver's linker arguments for this clang: from the template in the
** build database, else learnt from `clang -###` and saved.  0 or -1. */
static int lld_template(const char *db_dir, const char *dir, const char *key,
                        const struct hu_vec *objects, const char *so,
                        struct hu_vec *tmpl) {
  if (objects->count == 0)
    return -1; /* nothing to learn from */
  char *path = hu_xasprintf("%s/patch-link.args", db_dir);
  int rc = plk_load(path, key, tmpl);
  if (rc != 0) {
    struct hu_vec argv = HU_VEC_INIT;
    hu_vec_push(&argv, hp_clang());
    hu_vec_push(&argv, "-###");
    hu_vec_push(&argv, "-fuse-ld=lld");
    hu_vec_push(&argv, "-shared");
    hu_vec_push(&argv, "-nostartfiles"); /* see plk_command */
    hu_vec_push(&argv, "-o");
    hu_vec_push(&argv, so);
    hu_vec_push(&argv, objects->items[0]);
    char *out;
    if (run_in(&argv, dir, "link-probe.out", &out) == 0) {
      char *text = hu_read_file(out, NULL);
      rc = text ? plk_parse_driver(text, so, objects->items[0], tmpl) : -1;
      free(text);
      if (rc == 0)
        plk_save(path, key, tmpl);
    }
    free(out);
    hu_vec_free(&argv);
  }
  free(path);
  return rc;
}

/* Link with ld.lld itself.  0 when linked; -1 when the driver must link:
** no template, or lld failed (the driver then shows the error, or links
** with what the template missed: *stale). */
static int lld_link(const char *db_dir, const char *script, const char *dir,
                    const struct hu_vec *objects, const char *so, int *stale) {
  char *key = plk_key(hp_clang());
  if (!key)
    return -1;
  struct hu_vec tmpl = HU_VEC_INIT, argv = HU_VEC_INIT;
  int rc = lld_template(db_dir, dir, key, objects, so, &tmpl);
  if (rc == 0) {
    char *lld = plk_lld_path(hp_clang());
    plk_command(&argv, lld, &tmpl, objects, so, script);
    free(lld);
    char *out;
    rc = run_in(&argv, dir, "link.out", &out) == 0 ? 0 : -1;
    *stale = rc != 0;
    free(out);
  }
  free(key);
  hu_vec_free(&tmpl);
  hu_vec_free(&argv);
  return rc;
}

/* See patch_link.h.  The patch objects name their target build (the
** plugin's `target` argument), so linking is all that is left; lld, which
** clang-19 ships beside itself, links a patch several times faster than
** GNU ld, and running it without the clang driver saves the driver's
** start-up. */
int plk_link(const char *db_dir, const char *libdir, const char *dir,
             const struct hu_vec *objects, const char *so) {
  enum plk_linker linker;
  if (plk_choice(&linker) != 0)
    return HCC_EXIT_FAIL;
  int stale = 0;
  char *script = hu_xasprintf("%s/hotpatch-patch.ld", libdir);
  if (linker == PLK_LLD &&
      lld_link(db_dir, script, dir, objects, so, &stale) == 0) {
    free(script);
    return 0;
  }
  struct hu_vec argv = HU_VEC_INIT;
  hu_vec_push(&argv, hp_clang());
  hu_vec_push(&argv, "-fuse-ld=lld");
  hu_vec_push(&argv, "-shared");
  hu_vec_push(&argv, "-nostartfiles"); /* see plk_command */
  hu_vec_push(&argv, script);
  hu_vec_push(&argv, "-o");
  hu_vec_push(&argv, so);
  static const char *const layout[] = {PLK_LAYOUT};
  for (size_t i = 0; i < sizeof layout / sizeof *layout; i++) {
    char *option = hu_xasprintf("-Wl,-z,%s", layout[i]);
    hu_vec_push(&argv, option);
    free(option);
  }
  hu_vec_pushv(&argv, objects->items, objects->count);
  char *out;
  int status = run_in(&argv, dir, "link.out", &out);
  int rc = 0;
  if (status != 0) {
    char *text = hu_read_file(out, NULL);
    if (text)
      fputs(text, stderr);
    fflush(stderr);
    if (text && strstr(text, "-fPIC"))
      rc = hu_error(
          "cannot link the patch %s: the program's objects were compiled without "
          "-fPIC; rebuild the program with -fPIC to patch it",
          so);
    else
      rc = hu_error("cannot link the patch %s (linker output above)", so);
    free(text);
  } else if (stale) {
    /* The driver linked what lld with the template could not: relearn. */
    char *path = hu_xasprintf("%s/patch-link.args", db_dir);
    remove(path);
    free(path);
  }
  free(out);
  free(script);
  hu_vec_free(&argv);
  return rc;
}
