/*
** util.c: messages, allocation, strings, argument vectors, lexical path
** helpers and child processes for hcc.
**
** Sections: messages | allocation | string buffer | argument vector |
** paths | files.
*/
#define _GNU_SOURCE
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ================================================================ messages */

static char last_error[4096]; /* for --json: the reason of a failure */

static void vreport(const char *kind, const char *fmt, va_list ap) {
  /* One fprintf per message so that parallel builds do not mix lines. */
  char line[sizeof last_error];
  vsnprintf(line, sizeof line, fmt, ap);
  fprintf(stderr, "hcc: %s: %s\n", kind, line);
  if (!strcmp(kind, "error"))
    memcpy(last_error, line, sizeof line);
}

/* See util.h. */
const char *hu_last_error(void) {
  return last_error[0] ? last_error : NULL;
}

/* See util.h. */
void hu_forget_error(void) {
  last_error[0] = '\0';
}

/* Print "hcc: error: ..." and exit with `code`. */
void hu_die(int code, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vreport("error", fmt, ap);
  va_end(ap);
  exit(code);
}

/* Print "hcc: error: ..."; returns HCC_EXIT_FAIL so that callers can
** `return hu_error(...)`. */
int hu_error(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vreport("error", fmt, ap);
  va_end(ap);
  return HCC_EXIT_FAIL;
}

/* Print "hcc: warning: ...". */
void hu_warning(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vreport("warning", fmt, ap);
  va_end(ap);
}

/* ============================================================== allocation */

/* Allocation never fails for the caller: hcc is a short-lived tool and has
** nothing useful to do without memory. */
void *hu_xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p)
    hu_die(HCC_EXIT_FAIL, "out of memory");
  return p;
}

/* realloc that dies instead of failing. */
void *hu_xrealloc(void *p, size_t n) {
  /* The old block is not leaked on failure: the process dies. */
  p = realloc(p, n ? n : 1); /* NOLINT(bugprone-suspicious-realloc-usage) */
  if (!p)
    hu_die(HCC_EXIT_FAIL, "out of memory");
  return p;
}

/* strdup that dies instead of failing. */
char *hu_xstrdup(const char *s) {
  return hu_xstrndup(s, strlen(s));
}

/* strndup that dies instead of failing. */
char *hu_xstrndup(const char *s, size_t n) {
  char *p = hu_xmalloc(n + 1);
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

/* asprintf that dies instead of failing. */
char *hu_xasprintf(const char *fmt, ...) {
  va_list ap, ap2;
  va_start(ap, fmt);
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap);
  char *s = hu_xmalloc((size_t)n + 1);
  vsnprintf(s, (size_t)n + 1, fmt, ap2);
  va_end(ap2);
  va_end(ap);
  return s;
}

/* =========================================================== string buffer */

static void buf_grow(struct hu_buf *b, size_t extra) {
  if (b->len + extra + 1 <= b->cap)
    return;
  size_t cap = b->cap ? b->cap * 2 : 64;
  while (cap < b->len + extra + 1)
    cap *= 2;
  b->data = hu_xrealloc(b->data, cap);
  b->cap = cap;
}

/* Append n bytes of s (which may contain NULs). */
void hu_buf_add(struct hu_buf *b, const char *s, size_t n) {
  buf_grow(b, n);
  memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = '\0';
}

/* Append a C string. */
void hu_buf_adds(struct hu_buf *b, const char *s) {
  hu_buf_add(b, s, strlen(s));
}

/* Append one character. */
void hu_buf_addc(struct hu_buf *b, char c) {
  hu_buf_add(b, &c, 1);
}

/* Append formatted text: into the room the buffer has, formatted again
** only when it did not fit (hcc formats a state file of thousands of
** lines at every patch). */
void hu_buf_addf(struct hu_buf *b, const char *fmt, ...) {
  va_list ap, ap2;
  va_start(ap, fmt);
  va_copy(ap2, ap);
  size_t room = b->cap - b->len;
  int n = vsnprintf(room ? b->data + b->len : NULL, room, fmt, ap);
  if ((size_t)n >= room) {
    buf_grow(b, (size_t)n);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap2);
  }
  b->len += (size_t)n;
  va_end(ap2);
  va_end(ap);
}

/* See util.h. */
void hu_buf_add_percent(struct hu_buf *b, const char *s, const char *also) {
  for (const unsigned char *c = (const unsigned char *)s; *c; c++)
    if (*c <= ' ' || *c == 0x7f || *c == '%' || strchr(also, *c))
      hu_buf_addf(b, "%%%02X", *c);
    else
      hu_buf_addc(b, (char)*c);
}

/* Hand the contents to the caller (never NULL) and reset the buffer. */
char *hu_buf_detach(struct hu_buf *b) {
  char *s = b->data ? b->data : hu_xstrdup("");
  b->data = NULL;
  b->len = b->cap = 0;
  return s;
}

/* Release the contents. */
void hu_buf_free(struct hu_buf *b) {
  free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}

/* ========================================================= argument vector */

/* Append a copy of s; the vector stays NULL-terminated for exec. */
void hu_vec_push(struct hu_vec *v, const char *s) {
  if (v->count + 2 > v->cap) {
    v->cap = v->cap ? v->cap * 2 : 16;
    v->items = hu_xrealloc(v->items, (size_t)v->cap * sizeof *v->items);
  }
  v->items[v->count++] = hu_xstrdup(s);
  v->items[v->count] = NULL;
}

/* Append copies of argc strings. */
void hu_vec_pushv(struct hu_vec *v, char **argv, int argc) {
  for (int i = 0; i < argc; i++)
    hu_vec_push(v, argv[i]);
}

/* See util.h. */
int hu_vec_push_by_word(const struct hu_vec_by_word *rows, size_t count,
                        const char *line) {
  for (size_t i = 0; i < count; i++) {
    size_t n = strlen(rows[i].word);
    if (!strncmp(line, rows[i].word, n) && line[n] == ' ') {
      hu_vec_push(rows[i].into, line + n + 1);
      return 1;
    }
  }
  return 0;
}

/* Append formatted text. */
void hu_vec_pushf(struct hu_vec *v, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *s;
  if (vasprintf(&s, fmt, ap) < 0)
    hu_die(HCC_EXIT_FAIL, "out of memory");
  va_end(ap);
  hu_vec_push(v, s);
  free(s);
}

/* Release every string and the vector. */
void hu_vec_free(struct hu_vec *v) {
  for (int i = 0; i < v->count; i++)
    free(v->items[i]);
  free(v->items);
  v->items = NULL;
  v->count = v->cap = 0;
}

/* =================================================================== paths */

/* The current directory; dies when it was removed or is too long. */
char *hu_getcwd(void) {
  char *cwd = getcwd(NULL, 0); /* NOLINT: glibc allocates the buffer */
  if (!cwd)
    hu_die(HCC_EXIT_FAIL, "cannot get the current directory: %s",
           strerror(errno));
  return cwd;
}

/* Absolute, lexically normalised path (see util.h). */
char *hu_abspath(const char *base, const char *path) {
  struct hu_buf in = HU_BUF_INIT;
  if (path[0] != '/') {
    hu_buf_adds(&in, base);
    hu_buf_addc(&in, '/');
  }
  hu_buf_adds(&in, path);
  /* Walk components, keeping an output stack of them in `out`. */
  char *out = hu_xmalloc(in.len + 2);
  size_t olen = 0;
  const char *p = in.data;
  while (*p) {
    while (*p == '/')
      p++;
    const char *start = p;
    while (*p && *p != '/')
      p++;
    size_t n = (size_t)(p - start);
    if (n == 0 || (n == 1 && start[0] == '.'))
      continue;
    if (n == 2 && start[0] == '.' && start[1] == '.') {
      while (olen > 0 && out[olen - 1] != '/')
        olen--; /* drop last component */
      if (olen > 0)
        olen--; /* and its slash       */
      continue;
    }
    out[olen++] = '/';
    memcpy(out + olen, start, n);
    olen += n;
  }
  if (olen == 0)
    out[olen++] = '/';
  out[olen] = '\0';
  hu_buf_free(&in);
  return out;
}

/* `path` relative to `dir` when inside it (see util.h). */
const char *hu_relpath_inside(const char *path, const char *dir) {
  size_t n = strlen(dir);
  if (n == 1 && dir[0] == '/')
    return path[1] ? path + 1 : path;
  if (strncmp(path, dir, n) == 0 && path[n] == '/' && path[n + 1])
    return path + n + 1;
  return path;
}

/* Directory part of a path. */
char *hu_dirname(const char *path) {
  const char *slash = strrchr(path, '/');
  if (!slash)
    return hu_xstrdup(".");
  if (slash == path)
    return hu_xstrdup("/");
  return hu_xstrndup(path, (size_t)(slash - path));
}

/* Last component of a path. */
const char *hu_basename(const char *path) {
  const char *slash = strrchr(path, '/');
  return slash ? slash + 1 : path;
}

/* Extension of the last component, dot included, or "". */
const char *hu_extension(const char *path) {
  const char *base = hu_basename(path);
  const char *dot = strrchr(base, '.');
  return (dot && dot != base) ? dot : base + strlen(base);
}

/* Path with its extension replaced (see util.h). */
char *hu_replace_ext(const char *path, const char *ext) {
  const char *old = hu_extension(path);
  return hu_xasprintf("%.*s%s", (int)(old - path), path, ext);
}

/* 1 if path is an existing directory. */
int hu_is_dir(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* 1 if anything exists at path. */
int hu_exists(const char *path) {
  struct stat st;
  return stat(path, &st) == 0;
}

/* See util.h. */
int hu_env_switch(const char *name) {
  const char *env = getenv(name);
  if (!env || !*env || !strcmp(env, "1") || !strcmp(env, "on"))
    return 1;
  if (!strcmp(env, "0") || !strcmp(env, "off"))
    return 0;
  return -1;
}

/* See util.h. */
char *hu_resolve_program(const char *prog) {
  if (strchr(prog, '/'))
    return realpath(prog, NULL);
  const char *path = getenv("PATH");
  if (!path)
    path = "/usr/bin:/bin";
  for (const char *p = path;;) {
    size_t len = strcspn(p, ":");
    char *cand = hu_xasprintf("%.*s/%s", (int)len, len ? p : ".", prog);
    char *real = access(cand, X_OK) == 0 ? realpath(cand, NULL) : NULL;
    free(cand);
    if (real)
      return real;
    if (!p[len])
      return NULL;
    p += len + 1;
  }
}

/* =================================================================== files */

/* See util.h. */
char *hu_read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "r");
  if (!f)
    return NULL;
  struct hu_buf b = HU_BUF_INIT;
  hu_buf_add(&b, "", 0);
  char chunk[65536];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
    hu_buf_add(&b, chunk, n);
  int failed = ferror(f);
  fclose(f);
  if (failed) {
    hu_buf_free(&b);
    errno = EIO;
    return NULL;
  }
  if (len)
    *len = b.len;
  return hu_buf_detach(&b);
}

/* See util.h. */
char *hu_next_line(char **cursor) {
  char *line = *cursor;
  if (!*line)
    return NULL;
  char *nl = strchr(line, '\n');
  if (nl)
    *nl = '\0';
  *cursor = nl ? nl + 1 : line + strlen(line);
  return line;
}

/* See util.h. */
int hu_write_file_atomic(const char *path, const char *data, size_t len) {
  char *tmp = hu_xasprintf("%s.%ld.tmp", path, (long)getpid());
  FILE *f = fopen(tmp, "w");
  int ok = f && fwrite(data, 1, len, f) == len;
  if (f && fclose(f) != 0)
    ok = 0;
  if (ok && rename(tmp, path) != 0)
    ok = 0;
  if (!ok) {
    int err = errno;
    unlink(tmp);
    errno = err;
  }
  free(tmp);
  return ok ? 0 : -1;
}

/* See util.h. */
int hu_make_dirs(const char *path) {
  char *copy = hu_xstrdup(path);
  for (char *p = copy + 1; *p; p++) {
    if (*p != '/')
      continue;
    *p = '\0';
    mkdir(copy, 0777);
    *p = '/';
  }
  int rc = mkdir(copy, 0777) == 0 || errno == EEXIST ? 0 : -1;
  free(copy);
  return rc;
}
