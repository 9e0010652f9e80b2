/*
** patch_link.c: the patch link command (overview in patch_link.h).
*/
#define _GNU_SOURCE
#include "patch_link.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* See patch_link.h. */
int plk_choice(enum plk_linker *out) {
  const char *env = getenv("HOTPATCH_PATCH_LINKER");
  if (!env || !*env || strcmp(env, "lld") == 0) *out = PLK_LLD;
  else if (strcmp(env, "driver") == 0) *out = PLK_DRIVER;
  else {
    hu_error("HOTPATCH_PATCH_LINKER is '%s'; set it to 'lld' (the default) or 'driver'", env);
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
    if (access(lld, X_OK) == 0) return lld;
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
  char *key = hu_xasprintf("%s %lld.%09ld %lld", real, (long long)st.st_mtim.tv_sec,
                           st.st_mtim.tv_nsec, (long long)st.st_size);
  free(real);
  return key;
}

/* One double-quoted argument of a -### line at *p; NULL if malformed. */
static char *quoted(const char **p) {
  const char *s = *p;
  if (*s != '"') return NULL;
  struct hu_buf b = HU_BUF_INIT;
  hu_buf_add(&b, "", 0);
  for (s++; *s && *s != '"'; s++) {
    if (*s == '\\' && s[1]) s++;
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
    if (line[0] == ' ' && line[1] == '"') last = line + 1;
    const char *nl = strchr(line, '\n');
    if (!nl) break;
    line = nl + 1;
  }
  if (!last) return -1;
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
    if (first) first = 0; /* the linker itself */
    else if (strcmp(arg, so) == 0 && !seen_so) seen_so = 1, hu_vec_push(args, "@OUTPUT@");
    else if (strcmp(arg, obj) == 0 && !seen_obj) seen_obj = 1, hu_vec_push(args, "@OBJECTS@");
    else hu_vec_push(args, arg);
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
  FILE *f = fopen(path, "r");
  if (!f) return -1;
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;
  int ok = 0, n = 0;
  while ((len = getline(&line, &cap, f)) >= 0) {
    if (len > 0 && line[len - 1] == '\n') line[--len] = '\0';
    if (n++ == 0) {
      if (strncmp(line, "key ", 4) != 0 || strcmp(line + 4, key) != 0) break;
      ok = 1;
    } else hu_vec_push(args, line);
  }
  free(line);
  fclose(f);
  if (!ok || args->count == 0) {
    hu_vec_free(args);
    return -1;
  }
  return 0;
}

/* See patch_link.h. */
void plk_save(const char *path, const char *key, const struct hu_vec *args) {
  for (int i = 0; i < args->count; i++)
    if (strchr(args->items[i], '\n')) return;
  /* Written aside and renamed: a concurrent hcc reads a whole file. */
  char *tmp = hu_xasprintf("%s.%ld.tmp", path, (long)getpid());
  FILE *f = fopen(tmp, "w");
  if (!f) {
    free(tmp);
    return;
  }
  int ok = fprintf(f, "key %s\n", key) >= 0;
  for (int i = 0; i < args->count && ok; i++) ok = fprintf(f, "%s\n", args->items[i]) >= 0;
  if (fclose(f) != 0) ok = 0;
  if (!ok || rename(tmp, path) != 0) remove(tmp);
  free(tmp);
}

/* See patch_link.h. */
void plk_command(struct hu_vec *argv, const char *lld, const struct hu_vec *tmpl,
                 const struct hu_vec *objects, const char *so) {
  hu_vec_push(argv, lld);
  for (int i = 0; i < tmpl->count; i++) {
    const char *a = tmpl->items[i];
    if (strcmp(a, "@OUTPUT@") == 0) hu_vec_push(argv, so);
    else if (strcmp(a, "@OBJECTS@") == 0) hu_vec_pushv(argv, objects->items, objects->count);
    else if (strcmp(a, "--build-id") == 0) hu_vec_push(argv, "--build-id=sha1");
    else hu_vec_push(argv, a);
  }
  hu_vec_push(argv, "-z");
  hu_vec_push(argv, "noexecstack");
}
