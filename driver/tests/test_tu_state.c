/*
** test_tu_state.c: the dirty decision.  File times are set explicitly with
** utimensat, so no test waits for a clock to tick.
*/
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "tu_state.h"

static char dir[] = "/tmp/hcc-test-tu-state-XXXXXX";

static char *path_of(const char *name) {
  return hu_xasprintf("%s/%s", dir, name);
}

static void write_file(const char *name, const char *text) {
  char *p = path_of(name);
  FILE *f = fopen(p, "w");
  CHECK(f != NULL, "create %s", p);
  if (f) {
    fputs(text, f);
    fclose(f);
  }
  free(p);
}

/* Set the mtime of `name` to `t` + `delta_ns`. */
static void set_mtime(const char *name, const struct timespec *t,
                      long long delta_ns) {
  long long ns = (long long)t->tv_sec * 1000000000LL + t->tv_nsec + delta_ns;
  struct timespec times[2] = {{0, UTIME_OMIT},
                              {ns / 1000000000LL, ns % 1000000000LL}};
  char *p = path_of(name);
  CHECK(utimensat(AT_FDCWD, p, times, 0) == 0, "utimensat %s", p);
  free(p);
}

static void from_build(struct ts_tu *tu, const char *id, const char *src,
                       const char *dep, const struct timespec *start,
                       int known) {
  char *s = path_of(src), *d = dep ? path_of(dep) : NULL;
  ts_tu_from_build(tu, id, s, d, dir, start, known);
  free(s);
  free(d);
}

/* ts_decide on a state of both units decides as ts_tu_dirty does for
** each: the shared header (known once to the decision) makes both dirty,
** a file one unit knows by another hash makes only that one dirty. */
static void decide_together(struct ts_tu *a, struct ts_tu *b,
                            const struct timespec *start) {
  struct ts_state st = {0, 0};
  ts_put(&st, a);
  ts_put(&st, b);
  CHECK(ts_decide(&st) == 0 && !st.tus[0].dirty && !st.tus[1].dirty,
        "clean state");
  set_mtime("common.h", start, 5000000);
  CHECK(ts_decide(&st) == 2 && st.tus[0].dirty && st.tus[1].dirty,
        "shared header: both");
  set_mtime("common.h", start, -1);
  CHECK(ts_decide(&st) == 0, "clean again");
  /* b knows common.h by hash: right, then wrong. */
  int ok;
  char *common = path_of("common.h");
  st.tus[1].files[1].kind = TS_HASH;
  st.tus[1].files[1].hash = ts_hash_file(common, &ok);
  CHECK(ts_decide(&st) == 0, "hash of the contents: clean");
  st.tus[1].files[1].hash ^= 1;
  CHECK(ts_decide(&st) == 1 && !st.tus[0].dirty && st.tus[1].dirty,
        "other hash: b only");
  CHECK(ts_tu_dirty(&st.tus[1]) && !ts_tu_dirty(&st.tus[0]),
        "as ts_tu_dirty says");
  st.tus[1].files[1].kind = TS_SINCE;
  free(common);
  *a = st.tus[0];
  *b = st.tus[1];
  free(st.tus);
}

static void build_state(void) {
  struct timespec start;
  ts_now(&start);
  write_file("a.c", "#include \"common.h\"\nint a(void) { return 1; }\n");
  write_file("b.c", "#include \"common.h\"\nint b(void) { return 2; }\n");
  write_file("common.h", "#define X 1\n");
  write_file("a.d", "a.o: a.c common.h\n");
  write_file("b.d", "b.o: \\\n  b.c common.h\n");
  /* Everything written before the compile started: clean. */
  set_mtime("a.c", &start, -1000000000LL);
  set_mtime("b.c", &start, -1000000000LL);
  set_mtime("common.h", &start, -1);
  struct ts_tu a, b;
  from_build(&a, "a.c:a.o", "a.c", "a.d", &start, 1);
  from_build(&b, "b.c:b.o", "b.c", "b.d", &start, 1);
  CHECK(a.count == 2 && b.count == 2, "files a=%d b=%d", a.count, b.count);
  CHECK(!ts_tu_dirty(&a) && !ts_tu_dirty(&b), "untouched units are clean");
  /* A save during the compile (mtime == start, same coarse tick) is dirty. */
  set_mtime("a.c", &start, 0);
  CHECK(ts_tu_dirty(&a), "saved at the compile's start tick: dirty");
  CHECK(!ts_tu_dirty(&b), "b unaffected");
  set_mtime("a.c", &start, -1000000000LL);
  /* A header shared by both units: both dirty. */
  set_mtime("common.h", &start, 5000000);
  CHECK(ts_tu_dirty(&a) && ts_tu_dirty(&b), "shared header makes both dirty");
  set_mtime("common.h", &start, -1);
  decide_together(&a, &b, &start);
  /* Records of an older hcc (no start time): always dirty. */
  struct ts_tu old;
  from_build(&old, "a.c:a.o", "a.c", "a.d", &start, 0);
  CHECK(ts_tu_dirty(&old), "unknown start time: dirty");
  ts_tu_free(&old);
  /* No dependency file: dirty until a patch compile lists the files. */
  struct ts_tu nodep;
  from_build(&nodep, "a.c:a.o", "a.c", "missing.d", &start, 1);
  CHECK(ts_tu_dirty(&nodep), "no depfile: dirty");
  ts_tu_free(&nodep);
  /* A deleted source is dirty. */
  write_file("gone.c", "int g;\n");
  set_mtime("gone.c", &start, -1000000000LL);
  struct ts_tu gone;
  from_build(&gone, "gone.c", "gone.c", NULL, &start, 1);
  gone.count = 1; /* drop the "no depfile" marker to test the file alone */
  CHECK(!ts_tu_dirty(&gone), "present and old: clean");
  char *g = path_of("gone.c");
  unlink(g);
  free(g);
  CHECK(ts_tu_dirty(&gone), "deleted source: dirty");
  gone.count = 2;
  ts_tu_free(&gone);
  ts_tu_free(&a);
  ts_tu_free(&b);
}

static void after_compile(void) {
  write_file("m.c", "#include \"m.h\"\nint m(void) { return M; }\n");
  write_file("m.h", "#define M 1\n");
  struct timespec before_build;
  ts_now(&before_build);
  set_mtime("m.c", &before_build, -2000000000LL);
  set_mtime("m.h", &before_build, -2000000000LL);
  write_file("m.d", "m.o: m.c m.h\n");
  struct ts_tu tu;
  from_build(&tu, "m.c", "m.c", "m.d", &before_build, 1);

  /* The patch compile: snapshot, then the file is saved again WHILE it
  ** builds (after the snapshot): the next patch must see it dirty. */
  struct ts_tu snap, after;
  ts_snapshot(&snap, &tu);
  CHECK(snap.count == 2, "snapshot of 2 files, got %d", snap.count);
  struct timespec start;
  ts_now(&start);
  /* The compile added #include "x.h" (in the new depfile). */
  write_file("x.h", "#define X 2\n");
  set_mtime("x.h", &start, -1000000000LL); /* written before the compile */
  write_file("y.h", "#define Y 2\n");
  set_mtime("y.h", &start, 1000000); /* written during the compile */
  write_file("m2.d", "m.o: m.c m.h x.h \\\n y.h\n");
  char *src = path_of("m.c"), *dep = path_of("m2.d");
  CHECK(ts_tu_after_compile(&after, &snap, src, dep, dir, &start) == 0,
        "after compile");
  CHECK(after.count == 4, "4 files, got %d", after.count);
  CHECK(after.files[0].kind == TS_HASH && after.files[1].kind == TS_HASH,
        "snapshot hashes");
  CHECK(after.files[2].kind == TS_HASH,
        "new include unchanged since start: hashed");
  CHECK(after.files[3].kind == TS_DIRTY,
        "new include written during compile: dirty");
  CHECK(ts_tu_dirty(&after), "y.h unknown: dirty");
  after.files[3].kind = TS_HASH; /* pretend y.h was settled, to test the rest */
  int ok;
  char *yh = path_of("y.h");
  after.files[3].hash = ts_hash_file(yh, &ok);
  free(yh);
  CHECK(!ts_tu_dirty(&after), "clean when nothing changed");
  /* Edited (mtime does not matter for hashes) ... */
  write_file("m.c", "#include \"m.h\"\nint m(void) { return M + 1; }\n");
  CHECK(ts_tu_dirty(&after), "edited source: dirty");
  /* ... and edited back to the text that was compiled: clean again. */
  write_file("m.c", "#include \"m.h\"\nint m(void) { return M; }\n");
  CHECK(!ts_tu_dirty(&after), "edited back: clean");
  write_file("x.h", "#define X 3\n");
  CHECK(ts_tu_dirty(&after), "new include edited later: dirty");
  write_file("x.h", "#define X 2\n");
  /* The saved-during-build case: the snapshot is older than the file. */
  write_file("m.h", "#define M 2\n");
  CHECK(ts_tu_dirty(&after), "header saved after the snapshot: dirty");

  /* State round trip. */
  struct ts_state st = {0, 0}, back;
  ts_put(&st, &after);
  struct ts_tu t2;
  from_build(&t2, "other c:with\ttab", "m.c", "m.d", &before_build, 1);
  ts_put(&st, &t2);
  char *state = path_of("gen-1.state");
  CHECK(ts_save(&st, state) == 0, "save");
  CHECK(ts_load(&back, state) == 0, "load");
  CHECK(back.count == 2, "2 units");
  if (back.count == 2) {
    CHECK_STR(back.tus[1].module_id, "other c:with\ttab");
    CHECK(back.tus[0].count == 4, "files survive");
    CHECK(back.tus[0].files[0].hash == st.tus[0].files[0].hash,
          "hash survives");
    CHECK(back.tus[1].files[0].kind == TS_SINCE &&
              back.tus[1].files[0].since.tv_nsec == before_build.tv_nsec,
          "since survives");
    CHECK(ts_tu_dirty(&back.tus[0]) == ts_tu_dirty(&st.tus[0]),
          "same decision");
  }
  struct hu_vec files = HU_VEC_INIT;
  ts_all_files(&back, &files);
  CHECK(files.count == 4, "distinct files: %d", files.count);
  hu_vec_free(&files);
  write_file("bad.state", "hotpatch-state 1\nhash\tzz\t/x\n");
  char *bad = path_of("bad.state");
  struct ts_state b2;
  CHECK(ts_load(&b2, bad) == -1, "malformed state rejected");
  CHECK(ts_load(&b2, "/nonexistent/gen-0.state") == -1, "missing state");
  free(bad);
  ts_free(&back);
  ts_free(&st);
  ts_tu_free(&snap);
  ts_tu_free(&tu);
  free(state);
  free(src);
  free(dep);
}

/* The text form exactly (numbers zero-padded, paths escaped), and numbers
** that do not fit rejected. */
static void state_text(void) {
  struct ts_state st = {0, 0};
  struct ts_tu tu;
  memset(&tu, 0, sizeof tu);
  tu.module_id = hu_xstrdup("u.c");
  tu.files = calloc(3, sizeof *tu.files);
  tu.count = tu.cap = 3;
  tu.files[0] = (struct ts_file){hu_xstrdup("/s/u.c"), TS_HASH, 0xab, {0, 0}};
  tu.files[1] =
      (struct ts_file){hu_xstrdup("/s/t\tab\\h"), TS_SINCE, 0, {1700000000, 7}};
  tu.files[2] = (struct ts_file){hu_xstrdup("/s/d.h"), TS_DIRTY, 0, {0, 0}};
  ts_put(&st, &tu);
  char *text = ts_format(&st);
  CHECK_STR(text, "hotpatch-state 1\ntu\tu.c\n"
                  "hash\t00000000000000ab\t/s/u.c\n"
                  "since\t1700000000.000000007\t/s/t\\tab\\\\h\n"
                  "dirty\t-\t/s/d.h\n");
  char *path = path_of("text.state");
  write_file("text.state", text);
  struct ts_state back;
  CHECK(ts_load(&back, path) == 0, "load");
  if (back.count == 1 && back.tus[0].count == 3) {
    CHECK(back.tus[0].files[0].hash == 0xab, "hash");
    CHECK_STR(back.tus[0].files[1].path, "/s/t\tab\\h");
    CHECK(back.tus[0].files[1].since.tv_sec == 1700000000 &&
              back.tus[0].files[1].since.tv_nsec == 7,
          "since");
    CHECK(back.tus[0].files[2].kind == TS_DIRTY, "dirty");
  } else {
    CHECK(0, "one unit of 3 files, not %d", back.count);
  }
  ts_free(&back);
  static const char *const bad[] = {
      "hash\t1ffffffffffffffff\t/x", /* 65 bits */
      "hash\t\t/x",                  /* no digits */
      "hash\tAB\t/x",                /* written in lowercase */
      "since\t5.1000000000\t/x",     /* a second of nanoseconds */
      "since\t5\t/x",                /* no fraction */
      "since\t.5\t/x",               /* no seconds */
      "since\t99999999999999999999.0\t/x",
  };
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    char *t = hu_xasprintf("hotpatch-state 1\ntu\tu.c\n%s\n", bad[i]);
    write_file("text.state", t);
    CHECK(ts_load(&back, path) == -1, "rejected: %s", bad[i]);
    free(t);
  }
  free(path);
  free(text);
  ts_free(&st);
}

int main(void) {
  CHECK(mkdtemp(dir) != NULL, "mkdtemp");
  state_text();
  build_state();
  after_compile();
  char *cmd = hu_xasprintf("rm -rf '%s'", dir);
  CHECK(system(cmd) == 0, "cleanup");
  free(cmd);
  return CHECK_DONE();
}
