/*
** carried.c: reading the compiles objects carry (see carried.h).
*/
#define _GNU_SOURCE
#include "carried.h"

#include <stdlib.h>
#include <string.h>

#include "builddb.h"
#include "hotpatch_abi.h"

/* Fields: magic, version, module id, cwd, source, the cc1 arguments. */
enum { FIRST_ARG = 5 };

/* The compile of one block (its line without '\n'), or -1 when malformed. */
static int parse_block(struct pd_compile *c, const char *line) {
  struct hu_vec f = HU_VEC_INIT;
  int rc = -1;
  if (hb_split(line, &f) != 0 || f.count <= FIRST_ARG ||
      strcmp(f.items[0], HOTPATCH_UNIT_MAGIC) != 0 ||
      strcmp(f.items[1], "1") != 0 || f.items[3][0] != '/' || !f.items[4][0])
    goto out;
  memset(c, 0, sizeof *c);
  c->carried = 1;
  c->module_id = hu_xstrdup(f.items[2]);
  c->cwd = hu_xstrdup(f.items[3]);
  c->source = hu_abspath(c->cwd, f.items[4]);
  hu_vec_push(&c->argv, "-cc1");
  hu_vec_pushv(&c->argv, f.items + FIRST_ARG, f.count - FIRST_ARG);
  rc = 0;
out:
  hu_vec_free(&f);
  return rc;
}

/* See carried.h. */
int cu_find(const char *blocks, size_t size, const char *module_id,
            struct pd_compile *out) {
  const char *p = blocks, *end = blocks + size;
  while (p < end) {
    while (p < end && *p == '\0')
      p++; /* block separators, padding */
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    if (!nl)
      break; /* a block cut short */
    char *line = hu_xstrndup(p, (size_t)(nl - p));
    int found = parse_block(out, line) == 0;
    free(line);
    if (found && (!module_id || strcmp(out->module_id, module_id) == 0))
      return 0;
    if (found)
      pd_free_compile(out);
    p = nl + 1;
  }
  return -1;
}

/* See carried.h. */
char *cu_copy(const struct he_file *f, size_t *size) {
  const Elf64_Shdr *sh = he_section(f, HOTPATCH_UNIT_SECTION);
  const unsigned char *data;
  struct pd_compile first;
  if (!sh)
    return NULL;
  he_section_data(f, sh, &data, size);
  if (cu_find((const char *)data, *size, NULL, &first) != 0)
    return NULL;
  pd_free_compile(&first);
  char *copy = hu_xmalloc(*size ? *size : 1);
  memcpy(copy, data, *size);
  return copy;
}
