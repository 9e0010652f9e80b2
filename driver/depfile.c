/*
** depfile.c: Make-syntax dependency files.
**
** clang writes "target: dep dep \<newline> dep ..." with spaces in names as
** "\ ", '#' as "\#" and '$' as "$$".  A ':' ends the targets only when it is
** followed by whitespace or the end of the line, so "C:/x" style names and
** "a::b" are not split (clang never writes those unescaped in a target).
*/
#define _GNU_SOURCE
#include "depfile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strset.h"

/* `deps` and the set of its members, so that each name is added once;
** names are made absolute against `cwd` first when it is not NULL. */
struct names {
  struct hu_vec *deps;
  struct hs_set seen;
  const char *cwd;
};

static void names_open(struct names *n, struct hu_vec *deps, const char *cwd) {
  n->deps = deps;
  n->cwd = cwd;
  memset(&n->seen, 0, sizeof n->seen);
  for (int i = 0; i < deps->count; i++)
    hs_add(&n->seen, deps->items[i], NULL);
}

static void names_add(struct names *n, const char *name) {
  char *abs = n->cwd ? hu_abspath(n->cwd, name) : NULL;
  int added;
  hs_add(&n->seen, abs ? abs : name, &added);
  if (added)
    hu_vec_push(n->deps, abs ? abs : name);
  free(abs);
}

static void add_word(struct names *deps, struct hu_buf *word) {
  if (word->len == 0)
    return;
  names_add(deps, word->data);
  word->len = 0;
  word->data[0] = '\0';
}

/* One logical line (continuations already joined). */
static int parse_line(const char *p, const char *end, struct names *deps) {
  /* Find the rule's ':' outside escapes. */
  const char *colon = NULL;
  for (const char *q = p; q < end; q++) {
    if (*q == '\\' && q + 1 < end) {
      q++;
      continue;
    }
    if (*q == ':' && (q + 1 == end || q[1] == ' ' || q[1] == '\t')) {
      colon = q;
      break;
    }
  }
  if (!colon) {
    for (const char *q = p; q < end; q++)
      if (*q != ' ' && *q != '\t' && *q != '\r')
        return -1;
    return 0; /* blank */
  }
  struct hu_buf word = HU_BUF_INIT;
  hu_buf_add(&word, "", 0);
  for (const char *q = colon + 1; q < end; q++) {
    char c = *q;
    if (c == '\\' && q + 1 < end &&
        (q[1] == ' ' || q[1] == '#' || q[1] == '\t')) {
      hu_buf_addc(&word, *++q);
    } else if (c == '$' && q + 1 < end && q[1] == '$') {
      hu_buf_addc(&word, '$');
      q++;
    } else if (c == ' ' || c == '\t' || c == '\r') {
      add_word(deps, &word);
    } else {
      hu_buf_addc(&word, c);
    }
  }
  add_word(deps, &word);
  hu_buf_free(&word);
  return 0;
}

static int parse(const char *text, struct hu_vec *deps, const char *cwd) {
  /* Join continuations: backslash + (CR) LF becomes a space. */
  struct hu_buf joined = HU_BUF_INIT;
  hu_buf_add(&joined, "", 0);
  for (const char *p = text; *p;) {
    const char *bs = strchr(p, '\\');
    if (!bs) {
      hu_buf_adds(&joined, p);
      break;
    }
    hu_buf_add(&joined, p, (size_t)(bs - p));
    if (bs[1] == '\n') {
      hu_buf_addc(&joined, ' ');
      p = bs + 2;
    } else if (bs[1] == '\r' && bs[2] == '\n') {
      hu_buf_addc(&joined, ' ');
      p = bs + 3;
    } else {
      hu_buf_addc(&joined, '\\');
      p = bs + 1;
    }
  }
  int rc = 0;
  struct names names;
  names_open(&names, deps, cwd);
  const char *line = joined.data;
  while (*line) {
    const char *nl = strchr(line, '\n');
    const char *end = nl ? nl : line + strlen(line);
    if (parse_line(line, end, &names) < 0)
      rc = -1;
    line = nl ? nl + 1 : end;
  }
  hs_free(&names.seen);
  hu_buf_free(&joined);
  return rc;
}

/* See depfile.h. */
int hd_parse(const char *text, struct hu_vec *deps) {
  return parse(text, deps, NULL);
}

/* See depfile.h. */
int hd_read(const char *path, const char *cwd, struct hu_vec *deps) {
  char *text = hu_read_file(path, NULL);
  if (!text)
    return -1;
  int rc = parse(text, deps, cwd);
  free(text);
  return rc;
}
