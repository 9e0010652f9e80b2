/*
** test_depfile.c: the Make dependency-file parser on what clang writes
** (continuations, escaped spaces, -MP rules, several targets) and on
** broken input.
*/
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "depfile.h"

static char *joined(const struct hu_vec *v) {
  struct hu_buf b = HU_BUF_INIT;
  hu_buf_add(&b, "", 0);
  for (int i = 0; i < v->count; i++)
    hu_buf_addf(&b, "%s[%s]", i ? " " : "", v->items[i]);
  return hu_buf_detach(&b);
}

static void expect(const char *text, int want_rc, const char *want) {
  struct hu_vec deps = HU_VEC_INIT;
  int rc = hd_parse(text, &deps);
  char *got = joined(&deps);
  CHECK(rc == want_rc, "rc %d for '%s'", rc, text);
  CHECK(strcmp(got, want) == 0, "for '%s'\n  got  %s\n  want %s", text, got,
        want);
  free(got);
  hu_vec_free(&deps);
}

int main(void) {
  /* clang's usual output: continuation lines, two-space indent */
  expect(
      "obj/a.o: src/a.c src/common.h \\\n  /usr/include/stdio.h \\\n  src/x.h\n",
      0, "[src/a.c] [src/common.h] [/usr/include/stdio.h] [src/x.h]");
  /* CRLF continuation */
  expect("a.o: a.c \\\r\n  b.h\r\n", 0, "[a.c] [b.h]");
  /* escaped spaces and '#', "$$" */
  expect("a.o: my\\ dir/a.c dir/b\\#1.h cost$$.h\n", 0,
         "[my dir/a.c] [dir/b#1.h] [cost$.h]");
  /* a backslash not before space/# stays (it is part of the name) */
  expect("a.o: we\\ird.h\n", 0, "[we\\ird.h]");
  /* -MP adds empty rules for headers: no prerequisites from them */
  expect("a.o: a.c a.h\n\na.h:\n", 0, "[a.c] [a.h]");
  /* several targets, duplicate prerequisites listed once */
  expect("a.o a.d: a.c a.h\nb.o: b.c a.h\n", 0, "[a.c] [a.h] [b.c]");
  /* target with an escaped colon-space is not split there */
  expect("we\\:ird.o: a.c\n", 0, "[a.c]");
  /* no trailing newline */
  expect("a.o: a.c", 0, "[a.c]");
  /* empty file and blank lines */
  expect("", 0, "");
  expect("\n  \n", 0, "");
  /* garbage: words without a rule */
  expect("a.o: a.c\nthis is not make\n", -1, "[a.c]");

  /* hd_read: names made absolute against the compile's directory */
  char dir[] = "/tmp/hcc-test-depfile-XXXXXX";
  CHECK(mkdtemp(dir) != NULL, "mkdtemp");
  char *path = hu_xasprintf("%s/x.d", dir);
  FILE *f = fopen(path, "w");
  fputs("x.o: ../src/x.c inc/x.h /abs/y.h\n", f);
  fclose(f);
  struct hu_vec deps = HU_VEC_INIT;
  CHECK(hd_read(path, "/proj/build", &deps) == 0, "hd_read");
  char *got = joined(&deps);
  CHECK_STR(got, "[/proj/src/x.c] [/proj/build/inc/x.h] [/abs/y.h]");
  free(got);
  hu_vec_free(&deps);
  CHECK(hd_read("/nonexistent/x.d", "/", &deps) == -1, "missing depfile");
  unlink(path);
  rmdir(dir);
  free(path);
  return CHECK_DONE();
}
