/*
** history.c: the words hcc sends with `apply` and the `history` answer
** (see history.h).
*/
#define _GNU_SOURCE
#include "history.h"

#include <stdlib.h>
#include <string.h>

#include "control_client.h"
#include "hotpatch_control.h"

/* ========================================================= the about words */

/* A word of the about list: ',' separates its files. */
static void add_encoded(struct hu_buf *b, const char *s) {
  hu_buf_add_percent(b, s, ",");
}

/* The n bytes at s, percent-decoded.  Caller frees. */
static char *decoded(const char *s, size_t n) {
  struct hu_buf b = HU_BUF_INIT;
  for (size_t i = 0; i < n; i++) {
    int hi =
        i + 2 < n && s[i] == '%' ? hotpatch_control_hex_digit(s[i + 1]) : -1;
    int lo = hi >= 0 ? hotpatch_control_hex_digit(s[i + 2]) : -1;
    if (lo >= 0 && hi * 16 + lo != 0) {
      hu_buf_addc(&b, (char)(hi * 16 + lo));
      i += 2;
    } else {
      hu_buf_addc(&b, s[i]);
    }
  }
  return hu_buf_detach(&b);
}

static void add_ms(struct hu_buf *b, const char *key, double ms) {
  if (ms >= 0)
    hu_buf_addf(b, " %s=%.3f", key, ms);
}

/* See history.h.  The files come last: a long list is what may not fit
** (room is under 4 KiB, the request line's limit). */
char *hh_about_words(const struct hh_about *about, size_t room) {
  struct hu_buf b = HU_BUF_INIT, file = HU_BUF_INIT;
  hu_buf_adds(&b, "by=");
  add_encoded(&b, about->by ? about->by : "?");
  add_ms(&b, "detect_ms", about->detect_ms);
  add_ms(&b, "compile_ms", about->compile_ms);
  add_ms(&b, "link_ms", about->link_ms);
  hu_buf_adds(&b, " files=");
  size_t reserve = strlen(" more_files=") + 10;
  int left_out = 0;
  for (int i = 0; i < about->files.count; i++) {
    file.len = 0;
    if (b.data[b.len - 1] != '=')
      hu_buf_addc(&file, ',');
    add_encoded(&file, about->files.items[i]);
    if (left_out || b.len + file.len + reserve > room)
      left_out++;
    else
      hu_buf_add(&b, file.data, file.len);
  }
  if (left_out)
    hu_buf_addf(&b, " more_files=%d", left_out);
  hu_buf_free(&file);
  return hu_buf_detach(&b);
}

/* One "key=value" word of the about line; unknown keys are skipped (a
** newer hcc may say more). */
static void read_about_word(struct hh_about *about, const char *w, size_t n) {
  const char *eq = memchr(w, '=', n);
  if (!eq)
    return;
  size_t klen = (size_t)(eq - w);
  const char *v = eq + 1;
  size_t vlen = n - klen - 1;
  char *value = hu_xstrndup(v, vlen);
  if (klen == 2 && !strncmp(w, "by", 2)) {
    free((char *)about->by);
    about->by = decoded(v, vlen);
  } else if (klen == 5 && !strncmp(w, "files", 5)) {
    for (const char *f = v; f < v + vlen;) {
      size_t flen = strcspn(f, ",");
      if (flen > (size_t)(v + vlen - f))
        flen = (size_t)(v + vlen - f);
      char *file = decoded(f, flen);
      if (*file)
        hu_vec_push(&about->files, file);
      free(file);
      f += flen + 1;
    }
  } else if (klen == 9 && !strncmp(w, "detect_ms", 9)) {
    about->detect_ms = atof(value);
  } else if (klen == 10 && !strncmp(w, "compile_ms", 10)) {
    about->compile_ms = atof(value);
  } else if (klen == 7 && !strncmp(w, "link_ms", 7)) {
    about->link_ms = atof(value);
  } else if (klen == 10 && !strncmp(w, "more_files", 10)) {
    about->more_files = atoi(value);
  }
  free(value);
}

static void read_about(struct hh_about *about, const char *line) {
  while (*line) {
    size_t n = strcspn(line, " ");
    read_about_word(about, line, n);
    line += n;
    line += strspn(line, " ");
  }
}

/* ================================================================ history */

/* A number with decimals from the first line of `line`, or -1. */
static double decimal(const char *line, const char *key) {
  char *v = cc_answer_field(line, key);
  double d = v && *v >= '0' && *v <= '9' ? atof(v) : -1;
  free(v);
  return d;
}

static int read_header(struct hh_patch *p, const char *line) {
  memset(p, 0, sizeof *p);
  p->about.detect_ms = p->about.compile_ms = p->about.link_ms = -1;
  p->serial = strtoll(line + strlen("patch "), NULL, 10);
  p->generation = cc_answer_number(line, "generation");
  p->applied = decimal(line, "applied");
  long long us = cc_answer_number(line, "apply_us");
  p->apply_ms = us < 0 ? -1 : (double)us / 1000;
  p->reverted = cc_answer_field(line, "reverted");
  double at = decimal(line, "reverted_at");
  p->reverted_at = at < 0 ? 0 : at;
  return p->serial > 0 && p->generation >= 0 && p->applied >= 0 && p->reverted
             ? 0
             : -1;
}

/* A line " <kind> <rest>" of the current patch. */
static int read_detail(struct hh_patch *p, const char *line) {
  const struct hu_vec_by_word lists[] = {{"changed", &p->changed},
                                         {"new", &p->added}};
  if (*line++ != ' ')
    return -1;
  if (!strncmp(line, "path ", 5))
    p->path = hu_xstrdup(line + 5);
  else if (!strncmp(line, "about ", 6))
    read_about(&p->about, line + 6);
  else if (!hu_vec_push_by_word(lists, 2, line))
    return -1;
  return 0;
}

/* See history.h. */
int hh_parse(const char *answer, struct hh_history *h) {
  memset(h, 0, sizeof *h);
  h->total = cc_answer_number(answer, "patches");
  if (h->total < 0)
    return -1;
  char *text = hu_xstrdup(answer), *cursor = text, *line;
  int rc = 0;
  hu_next_line(&cursor); /* the "ok" line */
  while (rc == 0 && (line = hu_next_line(&cursor)) != NULL) {
    if (!strncmp(line, "patch ", 6)) {
      h->patches =
          hu_xrealloc(h->patches, (size_t)(h->count + 1) * sizeof *h->patches);
      rc = read_header(&h->patches[h->count++], line);
    } else {
      rc = h->count ? read_detail(&h->patches[h->count - 1], line) : -1;
    }
  }
  for (int i = 0; rc == 0 && i < h->count; i++)
    if (!h->patches[i].path)
      rc = -1;
  free(text);
  if (rc)
    hh_free(h);
  return rc;
}

/* See history.h. */
void hh_free(struct hh_history *h) {
  for (int i = 0; i < h->count; i++) {
    struct hh_patch *p = &h->patches[i];
    free(p->reverted);
    free(p->path);
    free((char *)p->about.by);
    hu_vec_free(&p->about.files);
    hu_vec_free(&p->changed);
    hu_vec_free(&p->added);
  }
  free(h->patches);
  memset(h, 0, sizeof *h);
}
