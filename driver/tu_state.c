/*
** tu_state.c: per-process record of what each translation unit was compiled
** from, and the dirty decision (rules in tu_state.h).
**
** Sections: files | units | state | text form.
*/
#define _GNU_SOURCE
#include "tu_state.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "builddb.h"
#include "depfile.h"
#include "strset.h"

#define STATE_MAGIC "hotpatch-state 1"

/* =================================================================== files */

/* See tu_state.h. */
void ts_now(struct timespec *t) {
  clock_gettime(CLOCK_REALTIME_COARSE, t);
}

/* See tu_state.h. */
uint64_t ts_hash_file(const char *path, int *ok) {
  *ok = 0;
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return 0;
  XXH3_state_t *st = XXH3_createState();
  XXH3_64bits_reset(st);
  char chunk[65536];
  ssize_t n;
  while ((n = read(fd, chunk, sizeof chunk)) > 0)
    XXH3_64bits_update(st, chunk, (size_t)n);
  close(fd);
  uint64_t h = XXH3_64bits_digest(st);
  XXH3_freeState(st);
  *ok = n == 0;
  return h;
}

static int before(const struct timespec *a, const struct timespec *b) {
  return a->tv_sec < b->tv_sec ||
         (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}

/* What one decision (ts_decide) learnt of each distinct file, so that a
** header listed by hundreds of units is stat'ed and hashed once. */
struct memo {
  struct hs_set paths;
  struct seen {
    unsigned char stat_done, stat_ok, hash_done, hash_ok;
    struct timespec mtime;
    uint64_t hash;
  } *seen;
};

static struct seen *memo_of(struct memo *m, const char *path) {
  int added, i = hs_add(&m->paths, path, &added);
  if (added) {
    m->seen = hu_xrealloc(m->seen, (size_t)m->paths.count * sizeof *m->seen);
    memset(&m->seen[i], 0, sizeof m->seen[i]);
  }
  return &m->seen[i];
}

/* mtime of `path` (through the memo when there is one); -1 when missing. */
static int file_mtime(struct memo *m, const char *path,
                      struct timespec *mtime) {
  struct seen *seen = m ? memo_of(m, path) : NULL;
  if (!seen || !seen->stat_done) {
    struct stat st;
    int ok = stat(path, &st) == 0;
    if (!seen) {
      *mtime = st.st_mtim;
      return ok ? 0 : -1;
    }
    seen->stat_done = 1;
    seen->stat_ok = (unsigned char)ok;
    seen->mtime = st.st_mtim;
  }
  *mtime = seen->mtime;
  return seen->stat_ok ? 0 : -1;
}

/* Contents hash of `path` (through the memo when there is one). */
static uint64_t file_hash(struct memo *m, const char *path, int *ok) {
  struct seen *seen = m ? memo_of(m, path) : NULL;
  if (!seen)
    return ts_hash_file(path, ok);
  if (!seen->hash_done) {
    int hash_ok;
    seen->hash = ts_hash_file(path, &hash_ok);
    seen->hash_done = 1;
    seen->hash_ok = (unsigned char)hash_ok;
  }
  *ok = seen->hash_ok;
  return seen->hash;
}

static int file_dirty(const struct ts_file *f, struct memo *m) {
  switch (f->kind) {
  case TS_HASH: {
    int ok;
    uint64_t h = file_hash(m, f->path, &ok);
    return !ok || h != f->hash;
  }
  case TS_SINCE: {
    struct timespec mtime;
    if (file_mtime(m, f->path, &mtime) != 0)
      return 1;
    return !before(&mtime, &f->since);
  }
  default: return 1;
  }
}

/* See tu_state.h. */
int ts_file_dirty(const struct ts_file *f) {
  return file_dirty(f, NULL);
}

/* =================================================================== units */

/* Room for one more file: the array doubles (a unit of a large program
** lists a hundred headers). */
static struct ts_file *push_file(struct ts_tu *tu) {
  if (tu->count == tu->cap) {
    tu->cap = tu->cap ? tu->cap * 2 : 16;
    tu->files = hu_xrealloc(tu->files, (size_t)tu->cap * sizeof *tu->files);
  }
  struct ts_file *f = &tu->files[tu->count++];
  memset(f, 0, sizeof *f);
  return f;
}

/* Append a file the unit does not list yet (callers make sure). */
static void add_file(struct ts_tu *tu, const char *path, enum ts_kind kind) {
  struct ts_file *f = push_file(tu);
  f->path = hu_xstrdup(path);
  f->kind = kind;
}

/* The source, then each dependency (distinct, from hd_read) but the
** source, which the dependency file names too. */
static void add_source_and_deps(struct ts_tu *tu, const char *source,
                                const struct hu_vec *deps, enum ts_kind kind) {
  add_file(tu, source, kind);
  for (int i = 0; i < deps->count; i++)
    if (strcmp(deps->items[i], source) != 0)
      add_file(tu, deps->items[i], kind);
}

/* The index of the unit's first dirty file, or -1 when none is. */
static int first_dirty(const struct ts_tu *tu, struct memo *m) {
  for (int i = 0; i < tu->count; i++)
    if (file_dirty(&tu->files[i], m))
      return i;
  return -1;
}

/* See tu_state.h. */
int ts_tu_dirty(const struct ts_tu *tu) {
  return tu->count == 0 || first_dirty(tu, NULL) >= 0;
}

/* See tu_state.h. */
int ts_decide(struct ts_state *s) {
  struct memo m;
  memset(&m, 0, sizeof m);
  int dirty = 0;
  for (int i = 0; i < s->count; i++) {
    s->tus[i].dirty_file = first_dirty(&s->tus[i], &m);
    s->tus[i].dirty = s->tus[i].count == 0 || s->tus[i].dirty_file >= 0;
    dirty += s->tus[i].dirty;
  }
  hs_free(&m.paths);
  free(m.seen);
  return dirty;
}

/* See tu_state.h. */
void ts_tu_from_build(struct ts_tu *tu, const char *module_id,
                      const char *source, const char *depfile, const char *cwd,
                      const struct timespec *start, int start_known) {
  memset(tu, 0, sizeof *tu);
  tu->module_id = hu_xstrdup(module_id);
  enum ts_kind kind = start_known ? TS_SINCE : TS_DIRTY;
  struct hu_vec deps = HU_VEC_INIT;
  int unread = !depfile || hd_read(depfile, cwd, &deps) != 0;
  add_source_and_deps(tu, source, &deps, kind);
  if (unread)
    add_file(tu, "", TS_DIRTY);
  hu_vec_free(&deps);
  for (int i = 0; i < tu->count; i++)
    if (tu->files[i].kind == TS_SINCE)
      tu->files[i].since = *start;
}

/* See tu_state.h. */
void ts_snapshot(struct ts_tu *snap, const struct ts_tu *tu) {
  memset(snap, 0, sizeof *snap);
  snap->module_id = hu_xstrdup(tu->module_id);
  for (int i = 0; i < tu->count; i++) {
    if (!tu->files[i].path[0])
      continue;
    int ok;
    uint64_t h = ts_hash_file(tu->files[i].path, &ok);
    if (!ok)
      continue;
    add_file(snap, tu->files[i].path, TS_HASH);
    snap->files[snap->count - 1].hash = h;
  }
}

static const struct ts_file *find_file(const struct ts_tu *tu,
                                       const char *path) {
  for (int i = 0; i < tu->count; i++)
    if (strcmp(tu->files[i].path, path) == 0)
      return &tu->files[i];
  return NULL;
}

/* A file the snapshot does not know.  Hash first, then stat: a write that
** lands after the hash read shows in the mtime. */
static void settle_new_file(struct ts_file *f, const struct timespec *start) {
  int ok;
  uint64_t h = ts_hash_file(f->path, &ok);
  struct stat st;
  if (ok && stat(f->path, &st) == 0 && before(&st.st_mtim, start)) {
    f->kind = TS_HASH;
    f->hash = h;
  } else {
    f->kind = TS_DIRTY;
  }
}

/* See tu_state.h. */
int ts_tu_after_compile(struct ts_tu *out, const struct ts_tu *snap,
                        const char *source, const char *depfile,
                        const char *cwd, const struct timespec *start) {
  memset(out, 0, sizeof *out);
  out->module_id = hu_xstrdup(snap->module_id);
  struct hu_vec deps = HU_VEC_INIT;
  int rc = hd_read(depfile, cwd, &deps);
  add_source_and_deps(out, source, &deps, TS_DIRTY);
  hu_vec_free(&deps);
  if (rc != 0)
    add_file(out, "", TS_DIRTY);
  for (int i = 0; i < out->count; i++) {
    struct ts_file *f = &out->files[i];
    if (!f->path[0])
      continue;
    const struct ts_file *known = find_file(snap, f->path);
    if (known) {
      f->kind = TS_HASH;
      f->hash = known->hash;
    } else {
      settle_new_file(f, start);
    }
  }
  return rc;
}

/* =================================================================== state */

/* See tu_state.h. */
struct ts_tu *ts_find(const struct ts_state *s, const char *module_id) {
  for (int i = 0; i < s->count; i++)
    if (strcmp(s->tus[i].module_id, module_id) == 0)
      return &s->tus[i];
  return NULL;
}

/* See tu_state.h. */
void ts_put(struct ts_state *s, struct ts_tu *tu) {
  struct ts_tu *old = ts_find(s, tu->module_id);
  if (old) {
    ts_tu_free(old);
    *old = *tu;
  } else {
    s->tus = hu_xrealloc(s->tus, (size_t)(s->count + 1) * sizeof *s->tus);
    s->tus[s->count++] = *tu;
  }
  memset(tu, 0, sizeof *tu);
}

/* See tu_state.h. */
void ts_all_files(const struct ts_state *s, struct hu_vec *files) {
  struct hs_set seen = HS_SET_INIT;
  for (int k = 0; k < files->count; k++)
    hs_add(&seen, files->items[k], NULL);
  for (int i = 0; i < s->count; i++) {
    for (int j = 0; j < s->tus[i].count; j++) {
      const char *path = s->tus[i].files[j].path;
      int added;
      if (!path[0])
        continue;
      hs_add(&seen, path, &added);
      if (added)
        hu_vec_push(files, path);
    }
  }
  hs_free(&seen);
}

/* See tu_state.h. */
void ts_tu_free(struct ts_tu *tu) {
  for (int i = 0; i < tu->count; i++)
    free(tu->files[i].path);
  free(tu->files);
  free(tu->module_id);
  memset(tu, 0, sizeof *tu);
}

/* See tu_state.h. */
void ts_free(struct ts_state *s) {
  for (int i = 0; i < s->count; i++)
    ts_tu_free(&s->tus[i]);
  free(s->tus);
  memset(s, 0, sizeof *s);
}

/* =============================================================== text form */

/*   hotpatch-state 1
**   tu <module-id>
**   hash <16 hex> <path> | since <sec>.<nsec> <path> | dirty - <path>
** TAB-separated, fields escaped as in the build database. */

/* The numbers of the text form are written and read here rather than
** with printf and strtol: a big program's state has thousands of them
** (32,000 for git), and the C library's locale-aware versions were two
** thirds of the time spent saving the state and a third of loading it. */

/* `v` in `base` (10 or 16), at least `width` digits, zero-padded. */
static void add_number(struct hu_buf *out, unsigned long long v, unsigned base,
                       int width) {
  char digits[24];
  int n = 0;
  do {
    digits[sizeof digits - ++n] = "0123456789abcdef"[v % base];
    v /= base;
  } while (v || n < width);
  hu_buf_add(out, digits + sizeof digits - n, (size_t)n);
}

/* The digits in `base` at *p, advancing *p past them; -1 when there are
** none or they overflow 64 bits. */
static int read_number(const char **p, unsigned base, unsigned long long *v) {
  const char *s = *p;
  *v = 0;
  for (;; s++) {
    unsigned d;
    if (*s >= '0' && *s <= '9')
      d = (unsigned)(*s - '0');
    else if (base == 16 && *s >= 'a' && *s <= 'f')
      d = (unsigned)(*s - 'a' + 10);
    else
      break;
    if (*v > (~0ULL - d) / base)
      return -1;
    *v = *v * base + d;
  }
  if (s == *p)
    return -1;
  *p = s;
  return 0;
}

/* See tu_state.h. */
char *ts_format(const struct ts_state *s) {
  struct hu_buf out = HU_BUF_INIT;
  hu_buf_adds(&out, STATE_MAGIC "\n");
  for (int i = 0; i < s->count; i++) {
    hu_buf_adds(&out, "tu\t");
    hb_escape(&out, s->tus[i].module_id);
    hu_buf_addc(&out, '\n');
    for (int j = 0; j < s->tus[i].count; j++) {
      const struct ts_file *f = &s->tus[i].files[j];
      if (f->kind == TS_HASH) {
        hu_buf_adds(&out, "hash\t");
        add_number(&out, f->hash, 16, 16);
      } else if (f->kind == TS_SINCE) {
        /* Times before 1970 do not occur: compile start times. */
        hu_buf_adds(&out, "since\t");
        add_number(&out, (unsigned long long)f->since.tv_sec, 10, 1);
        hu_buf_addc(&out, '.');
        add_number(&out, (unsigned long long)f->since.tv_nsec, 10, 9);
      } else {
        hu_buf_adds(&out, "dirty\t-");
      }
      hu_buf_addc(&out, '\t');
      hb_escape(&out, f->path);
      hu_buf_addc(&out, '\n');
    }
  }
  return hu_buf_detach(&out);
}

/* See tu_state.h. */
int ts_save(const struct ts_state *s, const char *path) {
  char *text = ts_format(s);
  int rc = hu_write_file_atomic(path, text, strlen(text));
  free(text);
  return rc;
}

/* One line of the text form, split where it is: a big program's state is
** thousands of lines (16,000 for git), read at every patch. */
static int parse_state_line(struct ts_state *s, char *line) {
  char *f[4];
  int n = hb_split_in_place(line, f, 4);
  if (n == 2 && !strcmp(f[0], "tu")) {
    struct ts_tu tu;
    memset(&tu, 0, sizeof tu);
    tu.module_id = hu_xstrdup(f[1]);
    ts_put(s, &tu);
    return 0;
  }
  if (n != 3 || s->count == 0)
    return -1;
  struct ts_tu *tu = &s->tus[s->count - 1];
  struct ts_file file;
  memset(&file, 0, sizeof file);
  const char *p = f[1];
  unsigned long long sec, nsec;
  if (!strcmp(f[0], "hash")) {
    file.kind = TS_HASH;
    if (read_number(&p, 16, &sec) != 0)
      return -1;
    file.hash = sec;
  } else if (!strcmp(f[0], "since")) {
    file.kind = TS_SINCE;
    if (read_number(&p, 10, &sec) != 0 || sec > LLONG_MAX || *p != '.')
      return -1;
    p++;
    if (read_number(&p, 10, &nsec) != 0 || nsec >= 1000000000)
      return -1;
    file.since.tv_sec = (time_t)sec;
    file.since.tv_nsec = (long)nsec;
  } else if (!strcmp(f[0], "dirty")) {
    file.kind = TS_DIRTY;
    p += strlen(p);
  } else {
    return -1;
  }
  if (*p)
    return -1;
  file.path = hu_xstrdup(f[2]);
  *push_file(tu) = file;
  return 0;
}

/* See tu_state.h. */
int ts_load(struct ts_state *s, const char *path) {
  memset(s, 0, sizeof *s);
  size_t len;
  char *text = hu_read_file(path, &len);
  if (!text)
    return -1;
  char *cursor = text, *line;
  /* A torn last line (a writer died; not with ts_save) spoils the file. */
  int first = 1, rc = len > 0 && text[len - 1] == '\n' ? 0 : -1;
  while (rc == 0 && (line = hu_next_line(&cursor)) != NULL) {
    if (first) {
      first = 0;
      if (strcmp(line, STATE_MAGIC) != 0)
        rc = -1;
    } else if (parse_state_line(s, line) != 0) {
      rc = -1;
    }
  }
  free(text);
  if (first)
    rc = -1;
  if (rc)
    ts_free(s);
  return rc;
}
