/*
** test_builddb.c: the build database's escaping round trip, root discovery,
** and concurrent appends: 8 processes x 200 records must give exactly 1600
** whole, well-formed lines, each record exactly once.
*/
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "builddb.h"
#include "check.h"

enum { WRITERS = 8, RECORDS = 200, PAYLOAD = 6000 };

static void round_trip(void) {
  const char *fields[] = {
      "plain",       "",           "tab\there", "new\nline",    "back\\slash",
      "\\t literal", "trailing\\", "\t\n\\",    "spaces in it", "ünïcode"};
  int n = (int)(sizeof fields / sizeof fields[0]);
  struct hu_buf rec = HU_BUF_INIT;
  hb_record_begin(&rec, "compile");
  for (int i = 0; i < n; i++)
    hb_record_field(&rec, fields[i]);
  hb_record_number(&rec, -42);
  hb_record_end(&rec);
  CHECK(rec.data[rec.len - 1] == '\n', "record ends with a newline");
  CHECK(memchr(rec.data, '\n', rec.len - 1) == NULL, "one line: %s", rec.data);
  rec.data[--rec.len] = '\0';
  struct hu_vec got = HU_VEC_INIT;
  CHECK(hb_split(rec.data, &got) == 0, "split");
  CHECK(got.count == n + 3, "field count %d", got.count);
  if (got.count == n + 3) {
    CHECK_STR(got.items[0], "v1");
    CHECK_STR(got.items[1], "compile");
    for (int i = 0; i < n; i++)
      CHECK_STR(got.items[i + 2], fields[i]);
    CHECK_STR(got.items[n + 2], "-42");
  }
  hu_vec_free(&got);
  hu_buf_free(&rec);
  struct hu_vec bad = HU_VEC_INIT;
  CHECK(hb_split("v1\tbad\\x", &bad) == -1, "invalid escape rejected");
  hu_vec_free(&bad);
}

static void split_in_place(void) {
  char line[] = "a\\tb\t\tc\\\\d\\n";
  char *f[3];
  CHECK(hb_split_in_place(line, f, 3) == 3, "3 fields");
  CHECK_STR(f[0], "a\tb");
  CHECK_STR(f[1], "");
  CHECK_STR(f[2], "c\\d\n");
  char more[] = "a\tb\tc";
  CHECK(hb_split_in_place(more, f, 2) == -1, "more fields than room");
  char torn[] = "a\\";
  CHECK(hb_split_in_place(torn, f, 3) == -1, "escape cut short");
}

/* mkdir <dir>/<name>; returns its path (caller frees). */
static char *make_dir(const char *dir, const char *name) {
  char *path = hu_xasprintf("%s/%s", dir, name);
  mkdir(path, 0777);
  return path;
}

static void root_discovery(const char *dir) {
  char *a = make_dir(dir, "a");
  char *sub = make_dir(dir, "a/b");
  char *marker = hu_xasprintf("%s/a/.hotpatch", dir);
  unsetenv("HOTPATCH_ROOT");
  /* Above dir are only /tmp and /: a .hotpatch left in either (a compile
  ** run in /tmp makes one) is where the search ends, else at the cwd. */
  const char *stray = hu_is_dir("/tmp/.hotpatch") ? "/tmp"
                      : hu_is_dir("/.hotpatch")   ? "/"
                                                  : sub;
  char *root = hb_find_root(sub);
  CHECK_STR(root, stray); /* the cwd, or the stray one above it */
  free(root);
  mkdir(marker, 0777);
  root = hb_find_root(sub);
  CHECK_STR(root, a); /* nearest ancestor with .hotpatch */
  free(root);
  setenv("HOTPATCH_ROOT", "../x/./y/..", 1);
  root = hb_find_root(sub);
  char *want = hu_xasprintf("%s/a/x", dir);
  CHECK_STR(root, want); /* $HOTPATCH_ROOT wins, made absolute */
  free(root);
  unsetenv("HOTPATCH_ROOT");
  rmdir(marker);
  rmdir(sub);
  rmdir(a);
  free(want);
  free(sub);
  free(a);
  free(marker);
}

/* One writer: waits at the barrier, then appends its records one by one
** through its own descriptor, like parallel hcc processes do. */
static void writer(const char *dir, int id, int barrier) {
  char c;
  if (read(barrier, &c, 1) != 0)
    _exit(3); /* returns 0 once the parent closes */
  struct hb_db db;
  setenv("HOTPATCH_ROOT", dir, 1);
  if (hb_open(&db, "/"))
    _exit(2);
  char *payload = hu_xmalloc(PAYLOAD + 1);
  for (int r = 0; r < RECORDS; r++) {
    memset(payload, 'a' + (id + r) % 26, PAYLOAD);
    payload[PAYLOAD] = '\0';
    payload[r % PAYLOAD] = '\t'; /* escaped: grows the record */
    struct hu_buf rec = HU_BUF_INIT;
    hb_record_begin(&rec, "test");
    hb_record_number(&rec, id);
    hb_record_number(&rec, r);
    hb_record_field(&rec, payload);
    hb_record_end(&rec);
    if (hb_append(&db, rec.data, rec.len))
      _exit(4);
    hu_buf_free(&rec);
  }
  hb_close(&db);
  _exit(0);
}

static void check_line(const char *line, int seen[WRITERS][RECORDS]) {
  struct hu_vec f = HU_VEC_INIT;
  int ok = hb_split(line, &f) == 0 && f.count == 5 &&
           !strcmp(f.items[0], "v1") && !strcmp(f.items[1], "test");
  CHECK(ok, "malformed line: %.80s", line);
  if (ok) {
    int id = atoi(f.items[2]), r = atoi(f.items[3]);
    const char *p = f.items[4];
    int good = id >= 0 && id < WRITERS && r >= 0 && r < RECORDS &&
               strlen(p) == PAYLOAD;
    for (int i = 0; good && i < PAYLOAD; i++)
      good = p[i] == (i == r % PAYLOAD ? '\t' : 'a' + (id + r) % 26);
    CHECK(good, "torn record %s %s", f.items[2], f.items[3]);
    if (good)
      seen[id][r]++;
  }
  hu_vec_free(&f);
}

static void concurrent_appends(const char *dir) {
  int barrier[2];
  CHECK(pipe(barrier) == 0, "pipe");
  pid_t pids[WRITERS];
  for (int i = 0; i < WRITERS; i++) {
    pids[i] = fork();
    if (pids[i] == 0) {
      close(barrier[1]);
      writer(dir, i, barrier[0]);
    }
  }
  close(barrier[0]);
  close(barrier[1]); /* start everyone at once */
  for (int i = 0; i < WRITERS; i++) {
    int status;
    waitpid(pids[i], &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "writer %d failed", i);
  }
  char *path = hu_xasprintf("%s/.hotpatch/builddb", dir);
  FILE *f = fopen(path, "r");
  CHECK(f != NULL, "database %s missing", path);
  if (!f)
    return;
  static int seen[WRITERS][RECORDS];
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  int lines = 0;
  while ((n = getline(&line, &cap, f)) > 0) {
    lines++;
    CHECK(line[n - 1] == '\n', "last line unterminated");
    line[n - 1] = '\0';
    check_line(line, seen);
  }
  fclose(f);
  free(line);
  CHECK(lines == WRITERS * RECORDS, "%d lines, want %d", lines,
        WRITERS * RECORDS);
  for (int i = 0; i < WRITERS; i++)
    for (int r = 0; r < RECORDS; r++)
      CHECK(seen[i][r] == 1, "record %d/%d seen %d times", i, r, seen[i][r]);
  unlink(path);
  free(path);
}

static void unwritable(const char *dir) {
  /* A directory where the database file should be: fails even for root. */
  char *root = make_dir(dir, "bad");
  char *hp = make_dir(dir, "bad/.hotpatch");
  char *db_as_dir = make_dir(dir, "bad/.hotpatch/builddb");
  setenv("HOTPATCH_ROOT", root, 1);
  struct hb_db db;
  CHECK(hb_open(&db, "/") == 1,
        "opening a directory as the database must fail");
  hb_close(&db);
  unsetenv("HOTPATCH_ROOT");
  rmdir(db_as_dir);
  rmdir(hp);
  rmdir(root);
  free(db_as_dir);
  free(hp);
  free(root);
}

int main(void) {
  char dir[] = "/tmp/hcc-test-builddb-XXXXXX";
  if (!mkdtemp(dir))
    return perror("mkdtemp"), 1;
  round_trip();
  split_in_place();
  root_discovery(dir);
  concurrent_appends(dir);
  unwritable(dir);
  char *hp = hu_xasprintf("%s/.hotpatch", dir);
  rmdir(hp);
  rmdir(dir);
  free(hp);
  return CHECK_DONE();
}
