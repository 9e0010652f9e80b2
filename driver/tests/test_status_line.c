/*
** test_status_line.c: the patch summary parser and the status line.
*/
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "status_line.h"

static const char main_text[] = "hotpatch-patch 2 src/main.c:obj/main.o\n"
                                "changed step\n"
                                "changed src/main.c:obj/main.o:render_frame\n"
                                "new src/main.c:obj/main.o:helper\n"
                                "new-data src/main.c:obj/main.o:helper.count\n"
                                "end\n\0\0\0";

static const char util_text[] =
    "hotpatch-patch 2 util.c\nchanged util.c:clamp\nend\n";
static const char empty_text[] = "hotpatch-patch 2 util.c\nend\n";
static const char data_text[] = "hotpatch-patch 2 d.c\nnew-data table\nend\n";

int main(void) {
  struct pi_patch m, u, e, d, bad;
  CHECK(pi_parse(&m, main_text, sizeof main_text - 1) == 0, "parse main");
  CHECK_STR(m.module_id, "src/main.c:obj/main.o");
  CHECK(m.changed.count == 2 && m.added.count == 1 && m.added_data.count == 1,
        "counts");
  CHECK(pi_changes(&m), "main changes");
  CHECK(pi_parse(&u, util_text, strlen(util_text)) == 0, "parse util");
  CHECK(pi_parse(&e, empty_text, strlen(empty_text)) == 0, "parse empty");
  CHECK(!pi_changes(&e), "empty patch changes nothing");
  CHECK(pi_parse(&d, data_text, strlen(data_text)) == 0, "parse data");
  /* removed functions and function lines are reported, not changes */
  struct pi_patch r;
  static const char removed_text[] =
      "hotpatch-patch 2 x\nremoved f\nlines 3 9 x.c\nend\n";
  CHECK(pi_parse(&r, removed_text, strlen(removed_text)) == 0, "parse removed");
  CHECK(r.removed.count == 1 && r.lines.count == 1, "removed and lines");
  CHECK_STR(r.lines.items[0], "3 9 x.c");
  CHECK(!pi_changes(&r), "a removed function is no change");
  pi_free(&r);
  /* malformed: wrong magic, unknown line, missing end, lines after end */
  CHECK(pi_parse(&bad, "hotpatch-module 2 x\nend\n", 24) == -1, "magic");
  CHECK(pi_parse(&bad, "hotpatch-patch 2 x\ndeleted f\nend\n", 32) == -1,
        "unknown line");
  CHECK(pi_parse(&bad, "hotpatch-patch 2 x\nchanged f\n", 28) == -1, "no end");
  CHECK(pi_parse(&bad, "hotpatch-patch 2 x\nend\nchanged f\n", 32) == -1,
        "after end");

  CHECK_STR(sl_short_id("src/main.c:obj/main.o:step", "src/main.c:obj/main.o"),
            "step");
  CHECK_STR(sl_short_id("step", "src/main.c:obj/main.o"), "step");
  CHECK_STR(sl_short_id("src/main.c:other", "src/main.c:obj/main.o"),
            "src/main.c:other");

  struct sl_unit units[] = {{"src/main.c", &m}, {"util.c", &u}};
  char *line = sl_format(units, 2, 3, 84);
  CHECK_STR(line, "hcc: patched src/main.c: step, render_frame, helper (new); "
                  "util.c: clamp (generation 3, 84 ms)\n");
  free(line);
  struct sl_unit one[] = {{"d.c", &d}};
  line = sl_format(one, 1, 12, 0);
  CHECK_STR(line, "hcc: patched d.c: table (new data) (generation 12, 0 ms)\n");
  free(line);
  /* A new C++ static local: its owner and name, demangled. */
  static const char cxx_text[] =
      "hotpatch-patch 2 m.cpp:m.o\nnew-data m.cpp:m.o:_ZZN4game4stepEiE5count\nend\n";
  struct pi_patch x;
  CHECK(pi_parse(&x, cxx_text, strlen(cxx_text)) == 0, "parse cxx");
  hu_vec_push(&x.static_locals, "m.cpp:m.o:_ZZN4game4stepEiE5count");
  struct sl_unit cxx[] = {{"m.cpp", &x}};
  char *notes = sl_notes(cxx, 1);
  CHECK_STR(
      notes,
      "hcc: note: new static local 'count' in game::step(int) starts at its "
      "initial value\n");
  free(notes);
  pi_free(&x);
  pi_free(&m);
  pi_free(&u);
  pi_free(&e);
  pi_free(&d);
  return CHECK_DONE();
}
