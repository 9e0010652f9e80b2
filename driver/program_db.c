/*
** program_db.c: reading a program's identity and its build database.
**
** The database is an append-only log, so "the compile that produced the
** object the program was linked with" is the latest compile record of the
** module that precedes the program's link record in the log.
*/
#define _GNU_SOURCE
#include "program_db.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "builddb.h"
#include "elf_file.h"
#include "hotpatch_abi.h"
#include "patch_info.h"

#define BUILD_SECTION "hotpatch_build"
#define BUILD_MAGIC "hotpatch-build 1\n"

/* See program_db.h. */
int pd_identify(struct pd_program *p, const char *exe, const char *name) {
  memset(p, 0, sizeof *p);
  struct he_file f;
  if (he_open(&f, exe, 1))
    return hu_error("cannot read the program %s (%s): %s", name, exe, strerror(errno));
  if (he_build_id(&f, p->build_id, sizeof p->build_id) != 0) {
    he_close(&f);
    return hu_error("%s has no build-id; relink it with this hcc", name);
  }
  const Elf64_Shdr *sh = he_section(&f, BUILD_SECTION);
  const unsigned char *data;
  size_t size = 0;
  if (sh) he_section_data(&f, sh, &data, &size);
  size_t mlen = strlen(BUILD_MAGIC);
  if (!sh || size <= mlen || memcmp(data, BUILD_MAGIC, mlen) != 0) {
    he_close(&f);
    return hu_error("%s has no hotpatch_build section naming its build database; "
                    "relink it with this hcc", name);
  }
  const char *dir = (const char *)data + mlen;
  size_t dlen = 0;
  while (mlen + dlen < size && dir[dlen] != '\n' && dir[dlen] != '\0') dlen++;
  p->db_dir = hu_xstrndup(dir, dlen);
  he_close(&f);
  p->root = hu_dirname(p->db_dir);
  return 0;
}

/* See program_db.h. */
void pd_add_library(struct pd_program *p, const char *path) {
  struct he_file f;
  if (he_open(&f, path, 1)) return;
  struct pd_library lib;
  memset(&lib, 0, sizeof lib);
  const Elf64_Shdr *build = he_section(&f, BUILD_SECTION);
  const Elf64_Shdr *info = he_section(&f, HOTPATCH_INFO_SECTION);
  const unsigned char *data;
  size_t size = 0, mlen = strlen(BUILD_MAGIC), dlen = strlen(p->db_dir);
  if (build && info && he_build_id(&f, lib.build_id, sizeof lib.build_id) == 0 &&
      strcmp(lib.build_id, p->build_id) != 0) {
    he_section_data(&f, build, &data, &size);
    if (size > mlen + dlen && memcmp(data, BUILD_MAGIC, mlen) == 0 &&
        memcmp(data + mlen, p->db_dir, dlen) == 0 &&
        (data[mlen + dlen] == '\n' || data[mlen + dlen] == '\0')) {
      he_section_data(&f, info, &data, &size);
      pi_module_ids((const char *)data, size, &lib.module_ids);
    }
  }
  he_close(&f);
  if (lib.module_ids.count == 0) return;
  p->libs = hu_xrealloc(p->libs, (size_t)(p->lib_count + 1) * sizeof *p->libs);
  p->libs[p->lib_count++] = lib;
}

/* See program_db.h. */
void pd_parse_time(struct pd_compile *c, const char *field) {
  char *end;
  c->start_sec = strtoll(field, &end, 10);
  c->start_nsec = 0;
  c->start_known = 0;
  if (*end == '.') {
    c->start_nsec = strtoll(end + 1, &end, 10);
    c->start_known = *end == '\0';
  }
}

static char *field_or_null(const char *s) { return *s ? hu_xstrdup(s) : NULL; }

/* Fill `c` from the fields of a compile record; -1 when malformed. */
static int parse_compile(struct pd_compile *c, const struct hu_vec *f) {
  if (f->count < 10) return -1;
  long argc = strtol(f->items[8], NULL, 10);
  if (argc < 1 || argc != f->count - 9) return -1;
  memset(c, 0, sizeof *c);
  pd_parse_time(c, f->items[2]);
  c->cwd = hu_xstrdup(f->items[3]);
  c->source = hu_xstrdup(f->items[4]);
  c->output = field_or_null(f->items[5]);
  c->depfile = field_or_null(f->items[6]);
  c->module_id = hu_xstrdup(f->items[7]);
  hu_vec_pushv(&c->argv, f->items + 9, (int)argc);
  return 0;
}

static void free_compile(struct pd_compile *c) {
  free(c->cwd);
  free(c->source);
  free(c->output);
  free(c->depfile);
  free(c->module_id);
  hu_vec_free(&c->argv);
}

/* Line offsets of the whole log (each line NUL-terminated in place). */
static int split_lines(char *text, char ***lines) {
  int n = 0, cap = 0;
  *lines = NULL;
  for (char *p = text; *p;) {
    char *nl = strchr(p, '\n');
    if (!nl) break; /* a torn last line (writer died): ignore it */
    *nl = '\0';
    if (n == cap) {
      cap = cap ? cap * 2 : 256;
      *lines = hu_xrealloc(*lines, (size_t)cap * sizeof **lines);
    }
    (*lines)[n++] = p;
    p = nl + 1;
  }
  return n;
}

static int is_record(const char *line, const char *kind) {
  size_t vlen = strlen(HB_VERSION), klen = strlen(kind);
  return strncmp(line, HB_VERSION, vlen) == 0 && line[vlen] == '\t' &&
         strncmp(line + vlen + 1, kind, klen) == 0 && line[vlen + 1 + klen] == '\t';
}

/* Index of the last link record with the program's build-id, or -1. */
static int find_link(char **lines, int n, const char *build_id) {
  for (int i = n - 1; i >= 0; i--) {
    if (!is_record(lines[i], "link")) continue;
    struct hu_vec f = HU_VEC_INIT;
    int match = hb_split(lines[i], &f) == 0 && f.count > 5 && strcmp(f.items[5], build_id) == 0;
    hu_vec_free(&f);
    if (match) return i;
  }
  return -1;
}

static int index_of(const struct hu_vec *v, const char *s) {
  for (int i = 0; i < v->count; i++)
    if (strcmp(v->items[i], s) == 0) return i;
  return -1;
}


/* See program_db.h. */
int pd_load(struct pd_program *p, const struct hu_vec *module_ids, struct hu_vec *missing) {
  char *path = hu_xasprintf("%s/%s", p->db_dir, HB_FILE_NAME);
  char *text = hu_read_file(path, NULL);
  if (!text) {
    hu_error("cannot read the build database %s: %s (was the build directory deleted "
             "or moved?)", path, strerror(errno));
    free(path);
    return 1;
  }
  char **lines;
  int n = split_lines(text, &lines);
  int link = find_link(lines, n, p->build_id);
  if (link < 0) {
    hu_error("the build database %s has no link record for this program (build-id %s); "
             "was the program rebuilt or the database deleted since it started? "
             "Restart it, built with hcc", path, p->build_id);
    free(lines);
    free(text);
    free(path);
    return 1;
  }
  /* link_of[k]: the link record of the file holding module_ids[k];
  ** latest[k]: the compile record of module_ids[k], or NULL */
  int *link_of = hu_xmalloc((size_t)(module_ids->count + 1) * sizeof *link_of);
  int last = link;
  for (int k = 0; k < module_ids->count; k++) {
    link_of[k] = link;
    for (int l = 0; l < p->lib_count; l++) {
      int lib_link = index_of(&p->libs[l].module_ids, module_ids->items[k]) >= 0
                         ? find_link(lines, n, p->libs[l].build_id)
                         : -1;
      if (lib_link >= 0) link_of[k] = lib_link;
    }
    if (link_of[k] > last) last = link_of[k];
  }
  struct pd_compile **latest = hu_xmalloc((size_t)(module_ids->count + 1) * sizeof *latest);
  memset(latest, 0, (size_t)(module_ids->count + 1) * sizeof *latest);
  for (int i = 0; i < last; i++) {
    if (!is_record(lines[i], "compile")) continue;
    struct hu_vec f = HU_VEC_INIT;
    if (hb_split(lines[i], &f) == 0 && f.count > 7) {
      int k = index_of(module_ids, f.items[7]);
      struct pd_compile c;
      if (k >= 0 && i < link_of[k] && parse_compile(&c, &f) == 0) {
        if (!latest[k]) latest[k] = hu_xmalloc(sizeof *latest[k]);
        else free_compile(latest[k]);
        *latest[k] = c;
      }
    }
    hu_vec_free(&f);
  }
  free(link_of);
  p->tus = hu_xmalloc((size_t)(module_ids->count + 1) * sizeof *p->tus);
  p->tu_count = 0;
  for (int k = 0; k < module_ids->count; k++) {
    if (latest[k]) {
      p->tus[p->tu_count++] = *latest[k];
      free(latest[k]);
    } else if (missing) {
      hu_vec_push(missing, module_ids->items[k]);
    }
  }
  free(latest);
  free(lines);
  free(text);
  int rc = 0;
  if (p->tu_count == 0)
    rc = hu_error("the build database %s records no compile of any module of this program",
                  path);
  free(path);
  return rc;
}

/* See program_db.h. */
const struct pd_compile *pd_find(const struct pd_program *p, const char *module_id) {
  for (int i = 0; i < p->tu_count; i++)
    if (strcmp(p->tus[i].module_id, module_id) == 0) return &p->tus[i];
  return NULL;
}

/* See program_db.h. */
void pd_free(struct pd_program *p) {
  for (int i = 0; i < p->tu_count; i++) free_compile(&p->tus[i]);
  free(p->tus);
  for (int i = 0; i < p->lib_count; i++) hu_vec_free(&p->libs[i].module_ids);
  free(p->libs);
  free(p->db_dir);
  free(p->root);
  memset(p, 0, sizeof *p);
}

/* See program_db.h. */
int pd_latest_compiles(const char *db_file, struct pd_compile **tus) {
  char *text = hu_read_file(db_file, NULL);
  if (!text) {
    hu_error("cannot read the build database %s: %s (build with hcc first)", db_file,
             strerror(errno));
    return -1;
  }
  char **lines;
  int n = split_lines(text, &lines), count = 0;
  *tus = hu_xmalloc((size_t)(n + 1) * sizeof **tus);
  for (int i = 0; i < n; i++) {
    if (!is_record(lines[i], "compile")) continue;
    struct hu_vec f = HU_VEC_INIT;
    struct pd_compile c;
    if (hb_split(lines[i], &f) == 0 && parse_compile(&c, &f) == 0) {
      int k = 0;
      while (k < count && strcmp((*tus)[k].source, c.source) != 0) k++;
      if (c.source[0] != '/') { /* standard input: nothing an editor opens */
        free_compile(&c);
      } else if (k < count) {
        free_compile(&(*tus)[k]);
        (*tus)[k] = c;
      } else {
        (*tus)[count++] = c;
      }
    }
    hu_vec_free(&f);
  }
  free(lines);
  free(text);
  return count;
}

/* See program_db.h. */
void pd_compiles_free(struct pd_compile *tus, int count) {
  for (int i = 0; i < count; i++) free_compile(&tus[i]);
  free(tus);
}
