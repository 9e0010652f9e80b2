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
#include <sys/stat.h>
#include <unistd.h>

#include "args.h"
#include "builddb.h"
#include "carried.h"
#include "elf_file.h"
#include "hotpatch_abi.h"
#include "patch_info.h"

#define BUILD_SECTION "hotpatch_build"
#define BUILD_MAGIC "hotpatch-build 1\n"

/* See program_db.h. */
void pd_free_compile(struct pd_compile *c) {
  free(c->cwd);
  free(c->source);
  free(c->output);
  free(c->depfile);
  free(c->module_id);
  free(c->db_dir);
  hu_vec_free(&c->argv);
}

static void free_object(struct pd_object *o) {
  free(o->db_dir);
  hu_vec_free(&o->module_ids);
  free(o->carried);
  memset(o, 0, sizeof *o);
}

/* The build-id, the build database and the carried compiles of the ELF
** file `path` into `o`, and with `want_modules` the modules its
** hotpatch_info lists.  0, or -1 when it has no build-id (no patch could
** name it as its target), neither a hotpatch_build section (not linked by
** hcc) nor carried compiles, or no modules when wanted. */
static int read_object(struct pd_object *o, const char *path,
                       int want_modules) {
  memset(o, 0, sizeof *o);
  struct he_file f;
  if (he_open(&f, path, 1))
    return -1;
  int has_id = he_build_id(&f, o->build_id, sizeof o->build_id) == 0;
  const Elf64_Shdr *build = has_id ? he_section(&f, BUILD_SECTION) : NULL;
  const Elf64_Shdr *info = he_section(&f, HOTPATCH_INFO_SECTION);
  const unsigned char *data;
  size_t size = 0, mlen = strlen(BUILD_MAGIC);
  if (build)
    he_section_data(&f, build, &data, &size);
  if (size > mlen && memcmp(data, BUILD_MAGIC, mlen) == 0) {
    const char *dir = (const char *)data + mlen;
    size_t dlen = 0;
    while (mlen + dlen < size && dir[dlen] != '\n' && dir[dlen] != '\0')
      dlen++;
    o->db_dir = hu_xstrndup(dir, dlen);
  }
  if (has_id)
    o->carried = cu_copy(&f, &o->carried_size);
  int known = o->db_dir || o->carried;
  if (known && want_modules && info) {
    he_section_data(&f, info, &data, &size);
    pi_module_ids((const char *)data, size, &o->module_ids);
  }
  he_close(&f);
  if (known && (!want_modules || o->module_ids.count > 0))
    return 0;
  free_object(o);
  return -1;
}

/* See program_db.h. */
int pd_identify(struct pd_program *p, const char *exe, const char *name) {
  memset(p, 0, sizeof *p);
  if (access(exe, R_OK) != 0)
    return hu_error("cannot read the program %s (%s): %s", name, exe,
                    strerror(errno));
  read_object(&p->program, exe,
              0); /* a host hcc did not link has no database */
  p->name = hu_xstrdup(name);
  return 0;
}

/* See program_db.h. */
void pd_add_library(struct pd_program *p, const char *path) {
  struct pd_object lib;
  if (read_object(&lib, path, 1) != 0)
    return;
  if (strcmp(lib.build_id, p->program.build_id) == 0) { /* the program itself */
    free_object(&lib);
    return;
  }
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

static char *field_or_null(const char *s) {
  return *s ? hu_xstrdup(s) : NULL;
}

/* Fill `c` from the fields of a compile record; -1 when malformed. */
static int parse_compile(struct pd_compile *c, const struct hu_vec *f) {
  if (f->count < 10)
    return -1;
  long argc = strtol(f->items[8], NULL, 10);
  if (argc < 1 || argc != f->count - 9)
    return -1;
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

/* Line offsets of the whole log (each line NUL-terminated in place). */
static int split_lines(char *text, char ***lines) {
  int n = 0, cap = 0;
  *lines = NULL;
  for (char *p = text; *p;) {
    char *nl = strchr(p, '\n');
    if (!nl)
      break; /* a torn last line (writer died): ignore it */
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
         strncmp(line + vlen + 1, kind, klen) == 0 &&
         line[vlen + 1 + klen] == '\t';
}

/* Index of the last link record with the program's build-id, or -1. */
static int find_link(char **lines, int n, const char *build_id) {
  for (int i = n - 1; i >= 0; i--) {
    if (!is_record(lines[i], "link"))
      continue;
    struct hu_vec f = HU_VEC_INIT;
    int match = hb_split(lines[i], &f) == 0 && f.count > 5 &&
                strcmp(f.items[5], build_id) == 0;
    hu_vec_free(&f);
    if (match)
      return i;
  }
  return -1;
}

static int index_of(const struct hu_vec *v, const char *s) {
  for (int i = 0; i < v->count; i++)
    if (strcmp(v->items[i], s) == 0)
      return i;
  return -1;
}

/* The object that holds module `module_id`: the last library that lists
** it, else the program (which may know nothing of it: a module of a host
** hcc did not link, or of a library linked elsewhere). */
static const struct pd_object *owner_of(const struct pd_program *p,
                                        const char *module_id) {
  for (int l = p->lib_count - 1; l >= 0; l--)
    if (index_of(&p->libs[l].module_ids, module_id) >= 0)
      return &p->libs[l];
  return &p->program;
}

/* For each module whose owner[k] was linked into database `db`, the latest
** compile record of it before its owner's link record, into latest[k].
** Returns 0, or 1 after an error. */
static int load_database(const struct pd_program *p, const char *db,
                         const struct hu_vec *module_ids,
                         const struct pd_object **owner,
                         struct pd_compile **latest) {
  char *path = hu_xasprintf("%s/%s", db, HB_FILE_NAME);
  char *text = hu_read_file(path, NULL);
  if (!text) {
    hu_error(
        "cannot read the build database %s: %s (was the build directory deleted "
        "or moved?)",
        path, strerror(errno));
    free(path);
    return 1;
  }
  char **lines;
  int n = split_lines(text, &lines);
  int program_link = -1;
  if (p->program.db_dir && strcmp(p->program.db_dir, db) == 0 &&
      (program_link = find_link(lines, n, p->program.build_id)) < 0) {
    hu_error(
        "the build database %s has no link record for this program (build-id %s); "
        "was the program rebuilt or the database deleted since it started? "
        "Restart it, built with hcc",
        path, p->program.build_id);
    free(lines);
    free(text);
    free(path);
    return 1;
  }
  /* link_of[k]: the link record of the object holding module_ids[k] (a
  ** library not found there, e.g. rebuilt since: the program's), or -1
  ** for a module of another database */
  int *link_of = hu_xmalloc((size_t)(module_ids->count + 1) * sizeof *link_of);
  int last = -1;
  for (int k = 0; k < module_ids->count; k++) {
    link_of[k] = -1;
    if (!owner[k]->db_dir || strcmp(owner[k]->db_dir, db) != 0)
      continue;
    /* Most modules share an owner (the program): look its link up once. */
    int same = 0;
    while (same < k && owner[same] != owner[k])
      same++;
    link_of[k] =
        same < k ? link_of[same] : find_link(lines, n, owner[k]->build_id);
    if (link_of[k] < 0)
      link_of[k] = program_link;
    if (link_of[k] > last)
      last = link_of[k];
  }
  for (int i = 0; i < last && i < n; i++) {
    if (!is_record(lines[i], "compile"))
      continue;
    struct hu_vec f = HU_VEC_INIT;
    if (hb_split(lines[i], &f) == 0 && f.count > 7) {
      int k = index_of(module_ids, f.items[7]);
      struct pd_compile c;
      if (k >= 0 && i < link_of[k] && parse_compile(&c, &f) == 0) {
        c.db_dir = hu_xstrdup(db);
        snprintf(c.target, sizeof c.target, "%s", owner[k]->build_id);
        if (!latest[k])
          latest[k] = hu_xmalloc(sizeof *latest[k]);
        else
          pd_free_compile(latest[k]);
        *latest[k] = c;
      }
    }
    hu_vec_free(&f);
  }
  free(link_of);
  free(lines);
  free(text);
  free(path);
  return 0;
}

/* The compile `o` carries for `module_id` into a new *out, or nothing. */
static void adopt_carried(const struct pd_program *p, const struct pd_object *o,
                          const char *module_id, struct pd_compile **out) {
  struct pd_compile c;
  if (!o->carried || cu_find(o->carried, o->carried_size, module_id, &c) != 0)
    return;
  c.db_dir = hu_xstrdup(p->db_dir);
  snprintf(c.target, sizeof c.target, "%s", o->build_id);
  *out = hu_xmalloc(sizeof **out);
  **out = c;
}

/* The session's database: the program's, else the first library's that
** has one, else, for a process nothing of which hcc linked, the database
** of the build root of the first carried compile's directory (created:
** its live states and patch attempts go there). */
static char *session_db(const struct pd_program *p) {
  if (p->program.db_dir)
    return hu_xstrdup(p->program.db_dir);
  for (int l = 0; l < p->lib_count; l++)
    if (p->libs[l].db_dir)
      return hu_xstrdup(p->libs[l].db_dir);
  const struct pd_object *o = &p->program;
  for (int l = 0; !o->carried && l < p->lib_count; l++)
    o = &p->libs[l];
  struct pd_compile first;
  if (cu_find(o->carried, o->carried_size, NULL, &first) != 0)
    return NULL; /* not reached: pd_load checked that one carries compiles */
  char *root = hb_find_root(first.cwd);
  pd_free_compile(&first);
  char *db = hu_xasprintf("%s/%s", strcmp(root, "/") ? root : "", HB_DIR_NAME);
  free(root);
  (void)mkdir(
      db,
      0777); /* else the first patch says it cannot create a directory there */
  return db;
}

/* See program_db.h. */
int pd_load(struct pd_program *p, const struct hu_vec *module_ids,
            struct hu_vec *missing) {
  if (!p->program.db_dir && !p->program.carried && p->lib_count == 0)
    return hu_error(
        "%s has neither a hotpatch_build section naming its build database nor "
        "objects built with the hotpatch plugin, nor any such library; build it "
        "with hcc (or clang-19 -fplugin=hotpatch.so) and link it with a build-id",
        p->name);
  p->db_dir = session_db(p);
  p->root = hu_dirname(p->db_dir);
  const struct pd_object **owner =
      hu_xmalloc((size_t)(module_ids->count + 1) * sizeof *owner);
  struct pd_compile **latest =
      hu_xmalloc((size_t)(module_ids->count + 1) * sizeof *latest);
  for (int k = 0; k < module_ids->count; k++) {
    owner[k] = owner_of(p, module_ids->items[k]);
    latest[k] = NULL;
  }
  struct hu_vec dbs = HU_VEC_INIT; /* each database once, the program's first */
  if (p->program.db_dir)
    hu_vec_push(&dbs, p->program.db_dir);
  for (int l = 0; l < p->lib_count; l++)
    if (p->libs[l].db_dir && index_of(&dbs, p->libs[l].db_dir) < 0)
      hu_vec_push(&dbs, p->libs[l].db_dir);
  int rc = 0;
  for (int d = 0; d < dbs.count && rc == 0; d++)
    rc = load_database(p, dbs.items[d], module_ids, owner, latest);
  hu_vec_free(&dbs);
  for (int k = 0; k < module_ids->count; k++)
    if (!latest[k])
      adopt_carried(p, owner[k], module_ids->items[k], &latest[k]);
  free(owner);
  p->tus = hu_xmalloc((size_t)(module_ids->count + 1) * sizeof *p->tus);
  p->tu_count = 0;
  for (int k = 0; k < module_ids->count; k++) {
    if (latest[k] && rc == 0) {
      p->tus[p->tu_count++] = *latest[k];
    } else if (latest[k]) {
      pd_free_compile(latest[k]);
    } else if (missing) {
      hu_vec_push(missing, module_ids->items[k]);
    }
    free(latest[k]);
  }
  free(latest);
  if (rc == 0 && p->tu_count == 0)
    rc = hu_error(
        "the build database %s/%s records no compile of any module of this "
        "program, nor do its objects carry one; rebuild it with this hcc",
        p->db_dir, HB_FILE_NAME);
  return rc;
}

/* See program_db.h. */
const struct pd_compile *pd_find(const struct pd_program *p,
                                 const char *module_id) {
  for (int i = 0; i < p->tu_count; i++)
    if (strcmp(p->tus[i].module_id, module_id) == 0)
      return &p->tus[i];
  return NULL;
}

/* See program_db.h. */
void pd_free(struct pd_program *p) {
  for (int i = 0; i < p->tu_count; i++)
    pd_free_compile(&p->tus[i]);
  free(p->tus);
  free_object(&p->program);
  for (int i = 0; i < p->lib_count; i++)
    free_object(&p->libs[i]);
  free(p->libs);
  free(p->db_dir);
  free(p->root);
  free(p->name);
  memset(p, 0, sizeof *p);
}

/* See program_db.h. */
int pd_latest_compiles(const char *db_file, struct pd_compile **tus) {
  char *text = hu_read_file(db_file, NULL);
  if (!text) {
    hu_error("cannot read the build database %s: %s (build with hcc first)",
             db_file, strerror(errno));
    return -1;
  }
  char **lines;
  int n = split_lines(text, &lines), count = 0;
  *tus = hu_xmalloc((size_t)(n + 1) * sizeof **tus);
  for (int i = 0; i < n; i++) {
    if (!is_record(lines[i], "compile"))
      continue;
    struct hu_vec f = HU_VEC_INIT;
    struct pd_compile c;
    if (hb_split(lines[i], &f) == 0 && parse_compile(&c, &f) == 0) {
      int k = 0;
      while (k < count && strcmp((*tus)[k].source, c.source) != 0)
        k++;
      if (c.source[0] != '/') { /* standard input: nothing an editor opens */
        pd_free_compile(&c);
      } else if (k < count) {
        pd_free_compile(&(*tus)[k]);
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
  for (int i = 0; i < count; i++)
    pd_free_compile(&tus[i]);
  free(tus);
}
