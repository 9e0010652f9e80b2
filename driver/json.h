/*
** json.h: writing JSON, the one place hcc does: the --json output of
** status, inspect, patch, revert and run, and the strings of
** compile_commands.json.
**
** Strings are escaped as RFC 8259 asks ('"', '\', the control characters)
** and come out as valid UTF-8 whatever bytes went in: file names are
** bytes, and a byte that is not part of a valid UTF-8 sequence becomes
** U+FFFD.  Values are added in order to a writer that knows its nesting,
** so commas are never hand-placed:
**
**   struct hj j = HJ_INIT;
**   hj_object(&j, NULL);
**   hj_str(&j, "event", "patch");
**   hj_array(&j, "files");
**   hj_str(&j, NULL, "main.c");
**   hj_end(&j);
**   hj_end(&j);
**   hj_print(&j, stdout);   -> {"event":"patch","files":["main.c"]}
**
** `key` is the member name inside an object and NULL inside an array (or
** for the outermost value).
*/
#ifndef HCC_JSON_H
#define HCC_JSON_H

#include <stdio.h>

#include "util.h"

enum { HJ_MAX_DEPTH = 16 };

struct hj {
  struct hu_buf buf;
  int depth;
  char closer[HJ_MAX_DEPTH]; /* '}' or ']' of each open level          */
  int count[HJ_MAX_DEPTH];   /* values written at each open level       */
};
#define HJ_INIT {HU_BUF_INIT, 0, {0}, {0}}

/* `s` quoted and escaped, appended to `b`. */
void hj_quote(struct hu_buf *b, const char *s);

/* Open an object or an array; hj_end closes the innermost one. */
void hj_object(struct hj *j, const char *key);
void hj_array(struct hj *j, const char *key);
void hj_end(struct hj *j);

/* One value.  hj_str writes null for a NULL string; hj_num writes `v`
** with 3 decimals (milliseconds to the microsecond). */
void hj_str(struct hj *j, const char *key, const char *value);
void hj_int(struct hj *j, const char *key, long long value);
void hj_num(struct hj *j, const char *key, double value);
void hj_bool(struct hj *j, const char *key, int value);

/* An array of the strings of `v`. */
void hj_strings(struct hj *j, const char *key, const struct hu_vec *v);

/* Write what was built as one line to `out` (flushed: a reader waiting
** for events gets each at once) and start over.  Every level must be
** closed. */
void hj_print(struct hj *j, FILE *out);

void hj_free(struct hj *j);

#endif /* HCC_JSON_H */
