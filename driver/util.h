/*
** util.h: what every part of hcc shares: messages with the fixed "hcc:"
** prefix and exit codes, allocation that cannot fail, growable strings and
** argument vectors, lexical path helpers, and reading and writing whole
** files.  Child processes: run_command.h.
*/
#ifndef HCC_UTIL_H
#define HCC_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <sys/types.h>

/* Exit codes of every hcc command (documented in docs/hcc.md). */
enum {
  HCC_EXIT_OK = 0,    /* done                                   */
  HCC_EXIT_FAIL = 1,  /* could not: a file, a tool, the database */
  HCC_EXIT_USAGE = 2, /* bad usage                              */
  /* hcc patch / run only: */
  HCC_EXIT_COMPILE = 3,   /* a translation unit did not compile      */
  HCC_EXIT_REFUSED = 4,   /* the plugin refused a change             */
  HCC_EXIT_NO_PROCESS = 5 /* no such process, or it exited meanwhile */
};

/* ---------------------------------------------------------------- messages */
__attribute__((noreturn, format(printf, 2, 3))) void
hu_die(int code, const char *fmt, ...);
__attribute__((format(printf, 1, 2))) int
hu_error(const char *fmt, ...); /* prints, returns HCC_EXIT_FAIL */
__attribute__((format(printf, 1, 2))) void hu_warning(const char *fmt, ...);
/* The text of the newest error message (without "hcc: error: "), or NULL
** when there was none since the start or hu_forget_error: the reason a
** --json result gives. */
const char *hu_last_error(void);
void hu_forget_error(void);

/* -------------------------------------------------------------- allocation */
void *hu_xmalloc(size_t n);
void *hu_xrealloc(void *p, size_t n);
char *hu_xstrdup(const char *s);
char *hu_xstrndup(const char *s, size_t n);
__attribute__((format(printf, 1, 2))) char *hu_xasprintf(const char *fmt, ...);

/* ---------------------------------------------------------- string buffer */
struct hu_buf {
  char *data; /* always NUL-terminated once anything was added */
  size_t len;
  size_t cap;
};
#define HU_BUF_INIT {NULL, 0, 0}
void hu_buf_add(struct hu_buf *b, const char *s, size_t n);
void hu_buf_adds(struct hu_buf *b, const char *s);
void hu_buf_addc(struct hu_buf *b, char c);
__attribute__((format(printf, 2, 3))) void hu_buf_addf(struct hu_buf *b,
                                                       const char *fmt, ...);
/* Append `s` as one word of a control request or answer: control bytes,
** space, DEL, '%' and the bytes in `also` as %XX (hotpatch_control.h);
** everything else, UTF-8 included, as it is. */
void hu_buf_add_percent(struct hu_buf *b, const char *s, const char *also);
char *hu_buf_detach(struct hu_buf *b); /* caller frees; buffer is reset */
void hu_buf_free(struct hu_buf *b);

/* --------------------------------------------------------- argument vector */
struct hu_vec {
  char **items; /* NULL-terminated once anything was pushed */
  int count;
  int cap;
};
#define HU_VEC_INIT {NULL, 0, 0}
void hu_vec_push(struct hu_vec *v, const char *s); /* copies s */
void hu_vec_pushv(struct hu_vec *v, char **argv, int argc);
__attribute__((format(printf, 2, 3))) void
hu_vec_pushf(struct hu_vec *v, const char *fmt, ...); /* formatted */
void hu_vec_free(struct hu_vec *v);
/* Lines "<word> <rest>" filed by their first word: hu_vec_push_by_word
** pushes `rest` onto the list of the row whose word starts `line` and
** returns 1, or returns 0 when no row's word does. */
struct hu_vec_by_word {
  const char *word;
  struct hu_vec *into;
};
int hu_vec_push_by_word(const struct hu_vec_by_word *rows, size_t count,
                        const char *line);

/* ------------------------------------------------------------------- paths */
/* The current directory, or death with an actionable message. */
char *hu_getcwd(void);
/* `path` made absolute against `base` and normalised lexically ("." and ".."
** removed, repeated '/' squeezed), without touching the file system, so it
** works for files not created yet.  Caller frees. */
char *hu_abspath(const char *base, const char *path);
/* `path` relative to directory `dir` when it lies inside it, else `path`
** itself.  Both absolute and normalised.  Returns a pointer into `path`. */
const char *hu_relpath_inside(const char *path, const char *dir);
/* Copy of the directory part of `path` ("." when none). */
char *hu_dirname(const char *path);
/* Pointer to the last path component of `path`. */
const char *hu_basename(const char *path);
/* Copy of `path` with the extension of its last component replaced by
** `ext` (which includes the dot), or appended when there is none. */
char *hu_replace_ext(const char *path, const char *ext);
/* The extension of the last component including the dot, or "". */
const char *hu_extension(const char *path);
/* 1 if `path` names an existing directory / anything at all. */
int hu_is_dir(const char *path);
int hu_exists(const char *path);
/* An on/off environment switch: 1 when unset, empty, "1" or "on"; 0 for
** "0" or "off"; -1 for anything else (the caller decides what that means). */
int hu_env_switch(const char *name);

/* The executable `prog` would run as a command: PATH searched when it has
** no '/', symbolic links resolved.  NULL when not found; caller frees. */
char *hu_resolve_program(const char *prog);

/* ------------------------------------------------------------------- files */
/* The whole file, NUL-terminated (it may hold other NULs; *len, when not
** NULL, is its length).  NULL with errno set when it cannot be read.
** Caller frees. */
char *hu_read_file(const char *path, size_t *len);

/* The next line at *cursor (in text from hu_read_file): its '\n' replaced
** by NUL, *cursor moved past it.  NULL at the end; a last line without a
** '\n' is a line too. */
char *hu_next_line(char **cursor);

/* Write `len` bytes as the whole of `path`: to a temporary beside it,
** then renamed over it, so that a concurrent reader sees the old file or
** the new one, never half of one.  0, or -1 with errno set (nothing is
** left behind). */
int hu_write_file_atomic(const char *path, const char *data, size_t len);

/* Create the directory `path` and its missing parents (mkdir -p).  0, or
** -1 with errno set. */
int hu_make_dirs(const char *path);

#endif /* HCC_UTIL_H */
