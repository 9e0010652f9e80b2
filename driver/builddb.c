/*
** builddb.c: build root discovery and the append-only build database.
**
** Sections: root | database file | records.
*/
#define _GNU_SOURCE
#include "builddb.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* ==================================================================== root */

/* See builddb.h. */
char *hb_find_root(const char *cwd) {
  const char *env = getenv("HOTPATCH_ROOT");
  if (env && *env)
    return hu_abspath(cwd, env);
  char *dir = hu_xstrdup(cwd);
  for (;;) {
    char *candidate =
        hu_xasprintf("%s/%s", strcmp(dir, "/") ? dir : "", HB_DIR_NAME);
    int found = hu_is_dir(candidate);
    free(candidate);
    if (found)
      return dir;
    if (strcmp(dir, "/") == 0)
      break;
    char *parent = hu_dirname(dir);
    free(dir);
    dir = parent;
  }
  free(dir);
  return hu_xstrdup(cwd);
}

/* ========================================================== database file */

static int make_dir(const char *path) {
  if (mkdir(path, 0777) == 0 || (errno == EEXIST && hu_is_dir(path)))
    return 0;
  if (errno == EEXIST)
    errno = ENOTDIR;
  return hu_error("cannot create build database directory %s: %s; "
                  "fix its permissions or set HOTPATCH_ROOT",
                  path, strerror(errno));
}

/* See builddb.h. */
int hb_open(struct hb_db *db, const char *cwd) {
  db->root = hb_find_root(cwd);
  db->dir =
      hu_xasprintf("%s/%s", strcmp(db->root, "/") ? db->root : "", HB_DIR_NAME);
  db->path = hu_xasprintf("%s/%s", db->dir, HB_FILE_NAME);
  db->fd = -1;
  if (make_dir(db->dir))
    return 1;
  db->fd = open(db->path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
  if (db->fd < 0)
    return hu_error(
        "cannot write build database %s: %s; fix its permissions or "
        "set HOTPATCH_ROOT",
        db->path, strerror(errno));
  return 0;
}

/* See builddb.h. */
char *hb_subdir(const struct hb_db *db, const char *sub) {
  char *path = hu_xasprintf("%s/%s", db->dir, sub);
  if (make_dir(path)) {
    free(path);
    return NULL;
  }
  return path;
}

/* See builddb.h. */
char *hb_closures_dir(const char *db_dir) {
  char *dir = hu_xasprintf("%s/closures", db_dir);
  /* Best effort: without the directory the plugin writes no file, and
  ** the next patch compile optimises everything, which is only slower. */
  (void)mkdir(dir, 0777);
  return dir;
}

/* See builddb.h.  The lock makes the append exclusive even on file systems
** where O_APPEND alone is not atomic for concurrent writers (NFS). */
int hb_append(struct hb_db *db, const char *records, size_t len) {
  int rc = 0;
  while (flock(db->fd, LOCK_EX) < 0) {
    if (errno != EINTR) {
      return hu_error(
          "cannot lock build database %s: %s; fix its permissions or "
          "set HOTPATCH_ROOT",
          db->path, strerror(errno));
    }
  }
  ssize_t n;
  do
    n = write(db->fd, records, len);
  while (n < 0 && errno == EINTR);
  if (n < 0 || (size_t)n != len) {
    int err = n < 0 ? errno : ENOSPC; /* a short write means the disk is full */
    rc = hu_error("cannot write build database %s: %s; fix its permissions or "
                  "set HOTPATCH_ROOT",
                  db->path, strerror(err));
  }
  flock(db->fd, LOCK_UN);
  return rc;
}

/* See builddb.h. */
void hb_close(struct hb_db *db) {
  if (db->fd >= 0)
    close(db->fd);
  free(db->root);
  free(db->dir);
  free(db->path);
  memset(db, 0, sizeof *db);
  db->fd = -1;
}

/* ================================================================= records */

/* See builddb.h. */
void hb_escape(struct hu_buf *out, const char *s) {
  while (s && *s) {
    size_t run = strcspn(s, "\\\t\n"); /* plain characters, copied at once */
    hu_buf_add(out, s, run);
    s += run;
    switch (*s) {
    case '\\': hu_buf_adds(out, "\\\\"); break;
    case '\t': hu_buf_adds(out, "\\t"); break;
    case '\n': hu_buf_adds(out, "\\n"); break;
    default: return; /* the end */
    }
    s++;
  }
}

/* See builddb.h. */
void hb_record_begin(struct hu_buf *rec, const char *kind) {
  hu_buf_adds(rec, HB_VERSION);
  hb_record_field(rec, kind);
}

/* See builddb.h. */
void hb_record_field(struct hu_buf *rec, const char *field) {
  hu_buf_addc(rec, '\t');
  hb_escape(rec, field);
}

/* See builddb.h. */
void hb_record_number(struct hu_buf *rec, long long n) {
  hu_buf_addf(rec, "\t%lld", n);
}

/* See builddb.h. */
void hb_record_end(struct hu_buf *rec) {
  hu_buf_addc(rec, '\n');
}

/* See builddb.h. */
int hb_split_in_place(char *line, char **fields, int max) {
  int n = 0;
  char *out = line;
  if (max < 1)
    return -1;
  fields[n++] = out;
  for (char *p = line;;) {
    size_t run = strcspn(p, "\t\\"); /* plain characters, moved at once */
    if (out != p)
      memmove(out, p, run);
    out += run;
    p += run;
    if (*p == '\0') {
      *out = '\0';
      return n;
    }
    if (*p++ == '\t') {
      *out++ = '\0';
      if (n == max)
        return -1;
      fields[n++] = out;
      continue;
    }
    switch (*p++) {
    case '\\': *out++ = '\\'; break;
    case 't': *out++ = '\t'; break;
    case 'n': *out++ = '\n'; break;
    default: return -1;
    }
  }
}

/* See builddb.h. */
int hb_split(const char *line, struct hu_vec *fields) {
  char *copy = hu_xstrdup(line);
  int max = 1;
  for (const char *p = line; *p; p++)
    max += *p == '\t';
  char **split = hu_xmalloc((size_t)max * sizeof *split);
  int n = hb_split_in_place(copy, split, max);
  for (int i = 0; i < n; i++)
    hu_vec_push(fields, split[i]);
  free(split);
  free(copy);
  return n < 0 ? -1 : 0;
}
