/*
** json.c: writing JSON (see json.h).
*/
#include "json.h"

#include <assert.h>
#include <math.h>
#include <string.h>

/* Length of the valid UTF-8 sequence at `p` (1 to 4), or 0 when the byte
** there does not start one.  Overlong forms, surrogates and code points
** past U+10FFFF are not valid (RFC 3629). */
static int utf8_length(const unsigned char *p) {
  unsigned char c = p[0];
  int n;
  unsigned char low = 0x80, high = 0xbf; /* the second byte's range */
  if (c >= 0xc2 && c <= 0xdf)
    n = 2;
  else if (c >= 0xe0 && c <= 0xef)
    n = 3;
  else if (c >= 0xf0 && c <= 0xf4)
    n = 4;
  else
    return 0;
  if (c == 0xe0)
    low = 0xa0;
  if (c == 0xed)
    high = 0x9f;
  if (c == 0xf0)
    low = 0x90;
  if (c == 0xf4)
    high = 0x8f;
  if (p[1] < low || p[1] > high)
    return 0;
  for (int i = 2; i < n; i++)
    if (p[i] < 0x80 || p[i] > 0xbf)
      return 0; /* a NUL ends the check too */
  return n;
}

/* See json.h. */
void hj_quote(struct hu_buf *b, const char *s) {
  static const char short_escape[] = "\b\f\n\r\t";
  static const char short_letter[] = "bfnrt";
  hu_buf_addc(b, '"');
  for (const unsigned char *p = (const unsigned char *)s; *p;) {
    const char *e = strchr(short_escape, *p); /* *p is not NUL here */
    if (*p == '"' || *p == '\\') {
      hu_buf_addc(b, '\\');
      hu_buf_addc(b, (char)*p++);
    } else if (e) {
      hu_buf_addc(b, '\\');
      hu_buf_addc(b, short_letter[e - short_escape]);
      p++;
    } else if (*p < 0x20) {
      hu_buf_addf(b, "\\u%04x", *p++);
    } else if (*p < 0x80) {
      hu_buf_addc(b, (char)*p++);
    } else {
      int n = utf8_length(p);
      if (n)
        hu_buf_add(b, (const char *)p, (size_t)n);
      else
        hu_buf_adds(b, "\\ufffd");
      p += n ? n : 1;
    }
  }
  hu_buf_addc(b, '"');
}

/* The comma and the member name before a value. */
static void start_value(struct hj *j, const char *key) {
  if (j->depth > 0) {
    assert((j->closer[j->depth - 1] == '}') == (key != NULL));
    if (j->count[j->depth - 1]++)
      hu_buf_addc(&j->buf, ',');
  }
  if (key) {
    hj_quote(&j->buf, key);
    hu_buf_addc(&j->buf, ':');
  }
}

static void open_level(struct hj *j, const char *key, char opener,
                       char closer) {
  assert(j->depth < HJ_MAX_DEPTH);
  start_value(j, key);
  hu_buf_addc(&j->buf, opener);
  j->closer[j->depth] = closer;
  j->count[j->depth] = 0;
  j->depth++;
}

/* See json.h. */
void hj_object(struct hj *j, const char *key) {
  open_level(j, key, '{', '}');
}
void hj_array(struct hj *j, const char *key) {
  open_level(j, key, '[', ']');
}

/* See json.h. */
void hj_end(struct hj *j) {
  assert(j->depth > 0);
  hu_buf_addc(&j->buf, j->closer[--j->depth]);
}

/* See json.h. */
void hj_str(struct hj *j, const char *key, const char *value) {
  start_value(j, key);
  if (value)
    hj_quote(&j->buf, value);
  else
    hu_buf_adds(&j->buf, "null");
}

/* See json.h. */
void hj_int(struct hj *j, const char *key, long long value) {
  start_value(j, key);
  hu_buf_addf(&j->buf, "%lld", value);
}

/* See json.h.  JSON has no NaN or infinity. */
void hj_num(struct hj *j, const char *key, double value) {
  start_value(j, key);
  if (isfinite(value))
    hu_buf_addf(&j->buf, "%.3f", value);
  else
    hu_buf_adds(&j->buf, "null");
}

/* See json.h. */
void hj_bool(struct hj *j, const char *key, int value) {
  start_value(j, key);
  hu_buf_adds(&j->buf, value ? "true" : "false");
}

/* See json.h. */
void hj_strings(struct hj *j, const char *key, const struct hu_vec *v) {
  hj_array(j, key);
  for (int i = 0; i < v->count; i++)
    hj_str(j, NULL, v->items[i]);
  hj_end(j);
}

/* See json.h.  One fwrite, so that lines never mix with others'. */
void hj_print(struct hj *j, FILE *out) {
  assert(j->depth == 0);
  hu_buf_addc(&j->buf, '\n');
  fwrite(j->buf.data, 1, j->buf.len, out);
  fflush(out);
  hu_buf_free(&j->buf);
}

/* See json.h. */
void hj_free(struct hj *j) {
  hu_buf_free(&j->buf);
  j->depth = 0;
}
