/*
** diag_filter.c: showing the warnings that concern a patch's changed
** functions (see diag_filter.h).
**
** clang prints each diagnostic as a header "file:line:col: severity: ...",
** preceded by "In file included from ..." lines and followed by the source
** line, the caret, fix-its and its notes (headers of severity "note").  A
** group is all of these; it is shown or left out as a whole.
*/
#define _GNU_SOURCE
#include "diag_filter.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum df_kind { DF_OTHER, DF_INCLUDED, DF_NOTE, DF_WARNING, DF_ERROR, DF_COUNT };

/* `line` without colour codes (ESC [ ... m) and newline. */
static char *plain(const char *line, size_t len) {
  char *p = hu_xmalloc(len + 1), *o = p;
  for (size_t i = 0; i < len && line[i] != '\n'; i++) {
    if (line[i] == '\033' && i + 1 < len && line[i + 1] == '[') {
      while (i < len && line[i] != 'm')
        i++;
      continue;
    }
    *o++ = line[i];
  }
  *o = '\0';
  return p;
}

/* What the plain line is; for a header, its file (cut in place) and line. */
static enum df_kind classify(char *line, const char **file, long *lineno) {
  static const struct {
    const char *tag;
    enum df_kind kind;
  } tags[] = {
      {": warning: ", DF_WARNING},
      {": error: ", DF_ERROR},
      {": fatal error: ", DF_ERROR},
      {": note: ", DF_NOTE},
  };
  if (!strncmp(line, "In file included from ", 22))
    return DF_INCLUDED;
  size_t len = strlen(line);
  if (len > 11 && line[0] >= '0' && line[0] <= '9' &&
      !strcmp(line + len - 11, " generated."))
    return DF_COUNT;
  for (size_t t = 0; t < sizeof tags / sizeof tags[0]; t++) {
    char *at = strstr(line, tags[t].tag);
    if (!at)
      continue;
    *at = '\0'; /* "file:line:col" or "file:line" (no column) */
    *lineno = 0;
    char *colon = strrchr(line, ':');
    if (colon && colon[1] >= '0' && colon[1] <= '9') {
      char *col = colon;
      *col = '\0';
      colon = strrchr(line, ':');
      if (colon && colon[1] >= '0' && colon[1] <= '9')
        *colon = '\0';
      else
        colon = col; /* only a line number */
      *lineno = strtol(colon + 1, NULL, 10);
    }
    *file = line;
    return tags[t].kind;
  }
  return DF_OTHER;
}

/* 1 if file:lineno is inside one of the "<first> <last> <file>" entries. */
static int inside(const struct hu_vec *lines, const char *file, long lineno) {
  for (int i = 0; i < lines->count; i++) {
    long first, last;
    int at = 0;
    if (sscanf(lines->items[i], "%ld %ld %n", &first, &last, &at) == 2 && at &&
        !strcmp(lines->items[i] + at, file) && lineno >= first &&
        lineno <= last)
      return 1;
  }
  return 0;
}

/* See diag_filter.h. */
int df_filter(const char *text, const struct hu_vec *lines,
              struct hu_buf *out) {
  struct hu_buf pending = HU_BUF_INIT; /* include stack before a header */
  int hidden = 0, in_group = 0, keep = 1;
  size_t count_at = 0, count_len = 0; /* clang's count line, in `out` */
  for (const char *p = text; *p;) {
    const char *nl = strchr(p, '\n');
    size_t len = nl ? (size_t)(nl - p + 1) : strlen(p);
    char *line = plain(p, len);
    const char *file = NULL;
    long lineno = 0;
    enum df_kind kind = classify(line, &file, &lineno);
    if (kind == DF_INCLUDED) {
      hu_buf_add(&pending, p, len);
    } else {
      if (kind == DF_WARNING || kind == DF_ERROR) {
        in_group = 1;
        keep = kind == DF_ERROR || inside(lines, file, lineno);
        hidden += !keep;
      } else if (kind == DF_COUNT) {
        in_group = 0;
        count_at = out->len;
        count_len =
            strstr(line, "error") ? 0 : len; /* errors are always counted */
      }
      if (!in_group || keep) {
        if (pending.len)
          hu_buf_add(out, pending.data, pending.len);
        hu_buf_add(out, p, len);
      }
      pending.len = 0;
    }
    free(line);
    p += len;
  }
  if (pending.len)
    hu_buf_add(out, pending.data, pending.len);
  if (hidden && count_len) { /* hcc's line says it instead */
    memmove(out->data + count_at, out->data + count_at + count_len,
            out->len - count_at - count_len + 1);
    out->len -= count_len;
  }
  hu_buf_free(&pending);
  return hidden;
}
