/*
** test_json.c: the JSON writer (json.h) and the history words and answer
** (history.h).  Expected texts are written out by hand from RFC 8259 and
** the formats in history.h / hotpatch_control.h.
*/
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "history.h"
#include "json.h"

static char *quoted(const char *s) {
  struct hu_buf b = HU_BUF_INIT;
  hj_quote(&b, s);
  return hu_buf_detach(&b);
}

static void check_quote(const char *in, const char *want) {
  char *got = quoted(in);
  CHECK_STR(got, want);
  free(got);
}

static void quoting(void) {
  check_quote("plain.c", "\"plain.c\"");
  check_quote("say \"hi\"\\now", "\"say \\\"hi\\\"\\\\now\"");
  check_quote("a\nb\tc\rd\be\ff", "\"a\\nb\\tc\\rd\\be\\ff\"");
  check_quote("\x01\x1f\x7f", "\"\\u0001\\u001f\x7f\"");
  /* valid UTF-8 is kept: é (2 bytes), € (3), 😀 (4) */
  check_quote("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80",
              "\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\"");
  /* a stray continuation byte, a truncated sequence, an overlong '/', a
  ** surrogate, past U+10FFFF: each bad byte is U+FFFD */
  check_quote("a\x80z", "\"a\\ufffdz\"");
  check_quote("\xe2\x82", "\"\\ufffd\\ufffd\"");
  check_quote("\xc0\xaf", "\"\\ufffd\\ufffd\"");
  check_quote("\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\"");
  check_quote("\xf4\x90\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");
}

static void nesting(void) {
  struct hj j = HJ_INIT;
  hj_object(&j, NULL);
  hj_str(&j, "event", "patch");
  hj_int(&j, "pid", -12);
  hj_num(&j, "ms", 1.5);
  hj_bool(&j, "ok", 1);
  hj_str(&j, "error", NULL);
  hj_array(&j, "files");
  hj_str(&j, NULL, "a.c");
  hj_object(&j, NULL);
  hj_end(&j);
  hj_array(&j, NULL);
  hj_end(&j);
  hj_end(&j);
  hj_end(&j);
  CHECK_STR(j.buf.data,
            "{\"event\":\"patch\",\"pid\":-12,\"ms\":1.500,\"ok\":true,"
            "\"error\":null,\"files\":[\"a.c\",{},[]]}");
  hj_free(&j);
}

static void about_words(void) {
  struct hh_about about = {"run", HU_VEC_INIT, 1.25, 80, 9.5, 0};
  hu_vec_push(&about.files, "src/main.c");
  hu_vec_push(&about.files, "odd \"name\",%\n.c");
  char *words = hh_about_words(&about, 4000);
  CHECK_STR(words, "by=run detect_ms=1.250 compile_ms=80.000 link_ms=9.500 "
                   "files=src/main.c,odd%20\"name\"%2C%25%0A.c");
  /* no room for the files: they are counted instead */
  char *short_words = hh_about_words(&about, 60);
  CHECK_STR(short_words,
            "by=run detect_ms=1.250 compile_ms=80.000 link_ms=9.500 files= "
            "more_files=2");

  /* the same words back, in a history answer */
  char *answer = hu_xasprintf(
      "ok patches=3 kept=2\n"
      "patch 2 generation=1 applied=1700000000.250000 apply_us=1500 reverted=request "
      "reverted_at=1700000010.000000\n"
      " path /db/live/1/2/patch with space.so\n"
      " about %s\n"
      " changed step\n"
      " changed odd \"name\",%%.c:odd.o:helper\n"
      " new fresh\n"
      "patch 3 generation=1 applied=1700000020.000000 apply_us=7 reverted=no\n"
      " path /p.so\n",
      words);
  struct hh_history h;
  CHECK(hh_parse(answer, &h) == 0, "parse");
  CHECK(h.total == 3 && h.count == 2, "counts %lld %d", h.total, h.count);
  if (h.count == 2) {
    const struct hh_patch *p = &h.patches[0];
    CHECK(p->serial == 2 && p->generation == 1, "numbers");
    CHECK(p->applied == 1700000000.25 && p->apply_ms == 1.5, "times");
    CHECK_STR(p->reverted, "request");
    CHECK(p->reverted_at == 1700000010.0, "reverted at");
    CHECK_STR(p->path, "/db/live/1/2/patch with space.so");
    CHECK_STR(p->about.by, "run");
    CHECK(p->about.files.count == 2, "files");
    if (p->about.files.count == 2)
      CHECK_STR(p->about.files.items[1], "odd \"name\",%\n.c");
    CHECK(p->about.detect_ms == 1.25 && p->about.link_ms == 9.5, "stages");
    CHECK(p->changed.count == 2 && p->added.count == 1, "ids");
    if (p->changed.count == 2)
      CHECK_STR(p->changed.items[1], "odd \"name\",%.c:odd.o:helper");
    const struct hh_patch *q = &h.patches[1];
    CHECK(!q->about.by && q->about.files.count == 0 && q->about.detect_ms < 0,
          "no about");
    CHECK_STR(q->reverted, "no");
    hh_free(&h);
  }
  CHECK(hh_parse("ok patches=1 kept=1\n path /x\n", &h) != 0,
        "detail before a patch");
  CHECK(
      hh_parse("ok patches=1 kept=1\npatch 1 generation=1 applied=5 apply_us=1 "
               "reverted=no\n",
               &h) != 0,
      "no path");
  free(answer);
  free(words);
  free(short_words);
  hu_vec_free(&about.files);
}

int main(void) {
  quoting();
  nesting();
  about_words();
  return CHECK_DONE();
}
