/*
** patch_info.c: reading the hotpatch_patch summary of a patch object.
*/
#define _GNU_SOURCE
#include "patch_info.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elf_file.h"
#include "hotpatch_abi.h"

/* See patch_info.h. */
int pi_parse(struct pi_patch *p, const char *text, size_t len) {
  memset(p, 0, sizeof *p);
  const struct hu_vec_by_word lists[] = {
      {"changed", &p->changed},     {"new", &p->added},
      {"new-data", &p->added_data}, {"update", &p->updated},
      {"removed", &p->removed},     {"lines", &p->lines}};
  char *copy = hu_xstrndup(text, len); /* stops at the first NUL */
  int rc = -1, ended = 0;
  char *save = NULL;
  char *line = strtok_r(copy, "\n", &save);
  char magic[32]; /* the first line's words before the module id */
  int mlen = snprintf(magic, sizeof magic, "%s %d ", HOTPATCH_PATCH_MAGIC,
                      HOTPATCH_ABI_VERSION);
  if (!line || strncmp(line, magic, (size_t)mlen) != 0)
    goto out;
  p->module_id = hu_xstrdup(line + mlen);
  while ((line = strtok_r(NULL, "\n", &save)) != NULL) {
    if (ended)
      goto out;
    if (!strcmp(line, "end"))
      ended = 1;
    else if (!hu_vec_push_by_word(lists, sizeof lists / sizeof *lists, line) &&
             sscanf(line, "skipped %d %d", &p->skipped, &p->total) != 2 &&
             sscanf(line, "skipped-after-inliner %d",
                    &p->skipped_after_inliner) != 1 &&
             sscanf(line, "recorded-bodies %d", &p->recorded_bodies) != 1 &&
             sscanf(line, "unaffected %d", &p->unaffected) != 1 &&
             sscanf(line, "no-ir %d", &p->no_ir) != 1 &&
             sscanf(line, "not-parsed %d", &p->not_parsed) != 1)
      goto out;
  }
  rc = ended ? 0 : -1;
out:
  free(copy);
  if (rc)
    pi_free(p);
  return rc;
}

/* The ids of the static locals' `data` lines of the module info text:
** "data <kind> <size> <layout> <flags> <type> <id>", the id last. */
static void collect_static_locals(struct hu_vec *out, const char *text,
                                  size_t len) {
  static const char prefix[] = "data ";
  const char *p = text, *end = text + len;
  while (p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *e = nl ? nl : end;
    const char *kind = p, *space = NULL; /* "data <kind> " */
    if ((size_t)(e - p) > sizeof prefix - 1 &&
        memcmp(p, prefix, sizeof prefix - 1) == 0) {
      kind = p + sizeof prefix - 1;
      space = memchr(kind, ' ', (size_t)(e - kind));
    }
    if (space && hotpatch_data_kind_of_word(kind, (size_t)(space - kind)) ==
                     HOTPATCH_DATA_STATIC_LOCAL) {
      const char *id = space + 1;
      for (int field = 0; field < 4 && id < e;
           field++) { /* size layout flags type */
        const char *sp = memchr(id, ' ', (size_t)(e - id));
        id = sp ? sp + 1 : e;
      }
      if (id < e) {
        char *copy = hu_xstrndup(id, (size_t)(e - id));
        hu_vec_push(out, copy);
        free(copy);
      }
    }
    p = e + 1;
  }
}

/* See patch_info.h. */
int pi_read(struct pi_patch *p, const char *path) {
  memset(p, 0, sizeof *p);
  struct he_file f;
  if (he_open(&f, path, 0))
    return 1;
  const Elf64_Shdr *sh = he_section(&f, HOTPATCH_PATCH_SECTION);
  int rc = 0;
  if (!sh) {
    rc = hu_error(
        "%s: no %s section: the plugin did not build a patch (is it the "
        "hotpatch plugin of this hcc?)",
        path, HOTPATCH_PATCH_SECTION);
  } else {
    const unsigned char *data;
    size_t size;
    he_section_data(&f, sh, &data, &size);
    if (pi_parse(p, (const char *)data, size) != 0)
      rc = hu_error("%s: malformed %s section", path, HOTPATCH_PATCH_SECTION);
  }
  const Elf64_Shdr *info =
      rc == 0 ? he_section(&f, HOTPATCH_INFO_SECTION) : NULL;
  if (info) {
    const unsigned char *data;
    size_t size;
    he_section_data(&f, info, &data, &size);
    collect_static_locals(&p->static_locals, (const char *)data, size);
  }
  he_close(&f);
  return rc;
}

/* See patch_info.h. */
int pi_changes(const struct pi_patch *p) {
  return p->changed.count + p->added.count + p->added_data.count +
             p->updated.count >
         0;
}

/* See patch_info.h. */
void pi_module_ids(const char *text, size_t len, struct hu_vec *ids) {
  for (const char *p = text, *end = text + len; p < end;) {
    while (p < end && *p == '\0')
      p++; /* padding, block separators */
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *e = nl ? nl : end;
    struct hotpatch_info_header h;
    if (!hotpatch_info_header_read(p, (size_t)(e - p), &h)) {
      char *id = hu_xstrndup(h.id, h.id_len);
      hu_vec_push(ids, id);
      free(id);
    }
    p = e + 1;
  }
}

/* See patch_info.h. */
void pi_free(struct pi_patch *p) {
  free(p->module_id);
  hu_vec_free(&p->changed);
  hu_vec_free(&p->added);
  hu_vec_free(&p->added_data);
  hu_vec_free(&p->updated);
  hu_vec_free(&p->removed);
  hu_vec_free(&p->lines);
  hu_vec_free(&p->static_locals);
  memset(p, 0, sizeof *p);
}
