/*
** cmd_inspect.c: `hcc inspect FILE...`: print the hotpatch module info that
** the plugin put in section hotpatch_info of an object, program or shared
** object, in the format the runtime's hotpatch_debug_dump() also uses:
**
**   module <module-id> hash=<32 hex>
**     function     <32 hex hash> <id>
**     global       <16 hex layout hash> size=<bytes> <id>
**
** The section holds one NUL-terminated text block per module (format in
** include/hotpatch_abi.h), possibly NUL-padded by the linker.  A file is
** printed only when all of it parses, so a bad file never yields half a
** listing.
**
** --json: one JSON object per file instead (schema in docs/hcc.md), the
** same facts: {"file","modules":[{"id","hash","entries":[...]}],
** "patches":[...]}, or {"file","error"}.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demangle.h"
#include "elf_file.h"
#include "hcc.h"
#include "hotpatch_abi.h"
#include "json.h"
#include "patch_info.h"
#include "util.h"

/* ============================================================ line parser */

struct line {
  const char *p, *end; /* unread part of the current line */
};

/* Next space-separated word; NULL when the line is used up. */
static int word(struct line *l, const char **w, size_t *n) {
  if (l->p >= l->end)
    return 0;
  const char *s = l->p;
  const char *sp = memchr(s, ' ', (size_t)(l->end - s));
  const char *e = sp ? sp : l->end;
  *w = s;
  *n = (size_t)(e - s);
  l->p = sp ? sp + 1 : l->end;
  return *n > 0;
}

static int is_word(const char *w, size_t n, const char *lit) {
  return n == strlen(lit) && memcmp(w, lit, n) == 0;
}

static int all_of(const char *w, size_t n, const char *set, size_t min,
                  size_t max) {
  if (n < min || n > max)
    return 0;
  for (size_t i = 0; i < n; i++)
    if (!strchr(set, w[i]) || w[i] == '\0')
      return 0;
  return 1;
}

#define LOWER_HEX "0123456789abcdef"
#define ANY_HEX "0123456789abcdefABCDEF"
#define DIGITS "0123456789"

/* The rest of the line is the id: non-empty. */
static int rest(struct line *l, const char **w, size_t *n) {
  *w = l->p;
  *n = (size_t)(l->end - l->p);
  l->p = l->end;
  return *n > 0;
}

/* ================================================================ output */

/* Where a listing goes: text for people, or JSON (json not NULL). */
struct out {
  struct hu_buf text;
  struct hj *json;
};

/* The id of an entry line and, for a C++ name, how people read it. */
static void add_id(struct hu_buf *out, const char *id, size_t len) {
  char *copy = hu_xasprintf("%.*s", (int)len, id);
  hd_add_id(out, copy, 1);
  hu_buf_addc(out, '\n');
  free(copy);
}

/* "id" and, for a C++ name, "name": how people read it. */
static void json_id(struct hj *j, const char *id, size_t len) {
  char *copy = hu_xstrndup(id, len);
  char *name = hd_demangle(copy);
  hj_str(j, "id", copy);
  if (name)
    hj_str(j, "name", name);
  free(name);
  free(copy);
}

static void out_module(struct out *o, const struct hotpatch_info_header *h) {
  if (!o->json) {
    hu_buf_addf(&o->text, "module %.*s hash=%.*s\n", (int)h->id_len, h->id,
                HOTPATCH_INFO_HASH_DIGITS, h->hash);
    return;
  }
  hj_object(o->json, NULL);
  json_id(o->json, h->id, h->id_len);
  char *hash = hu_xstrndup(h->hash, HOTPATCH_INFO_HASH_DIGITS);
  hj_str(o->json, "hash", hash);
  free(hash);
  hj_array(o->json, "entries");
}

static void out_module_end(struct out *o) {
  if (!o->json)
    return;
  hj_end(o->json); /* entries */
  hj_end(o->json);
}

static void out_function(struct out *o, const char *hash, size_t hn,
                         const char *id, size_t in) {
  if (!o->json) {
    hu_buf_addf(&o->text, "  %-12s %.*s ", "function", (int)hn, hash);
    add_id(&o->text, id, in);
    return;
  }
  hj_object(o->json, NULL);
  hj_str(o->json, "kind", "function");
  json_id(o->json, id, in);
  char *copy = hu_xstrndup(hash, hn);
  hj_str(o->json, "hash", copy);
  free(copy);
  hj_end(o->json);
}

static void out_data(struct out *o, const char *kind, size_t kn,
                     const char *layout, size_t ln, const char *size, size_t sn,
                     const char *id, size_t in) {
  if (!o->json) {
    hu_buf_addf(&o->text, "  %-12.*s %.*s size=%.*s ", (int)kn, kind, (int)ln,
                layout, (int)sn, size);
    add_id(&o->text, id, in);
    return;
  }
  char *k = hu_xstrndup(kind, kn), *l = hu_xstrndup(layout, ln);
  hj_object(o->json, NULL);
  hj_str(o->json, "kind", k);
  json_id(o->json, id, in);
  hj_int(o->json, "size", strtoll(size, NULL, 10));
  hj_str(o->json, "layout_hash", l);
  hj_end(o->json);
  free(k);
  free(l);
}

/* ========================================================== block parser */

/* Parse one block's lines onto `out`; returns NULL or what is wrong, with
** *line_no the line that is. */
static const char *parse_block(const char *text, size_t len, struct out *out,
                               int *line_no) {
  const char *p = text, *end = text + len;
  int seen_end = 0;
  for (*line_no = 1; p < end; (*line_no)++) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    if (!nl)
      return "line not terminated by a newline";
    if (seen_end)
      return "text after 'end'";
    struct line l = {p, nl};
    const char *w, *hash, *id, *kind, *size, *layout, *flags, *type;
    size_t n, hn, in, kn, sn, ln, fn, tn;
    p = nl + 1;
    if (*line_no == 1) {
      struct hotpatch_info_header h;
      const char *why =
          hotpatch_info_header_read(l.p, (size_t)(l.end - l.p), &h);
      if (why)
        return why;
      out_module(out, &h);
    } else if (!word(&l, &w, &n)) {
      return "empty line";
    } else if (is_word(w, n, "function")) {
      if (!word(&l, &hash, &hn) || !all_of(hash, hn, LOWER_HEX, 32, 32))
        return "bad function hash";
      if (!word(&l, &flags, &fn) || !all_of(flags, fn, ANY_HEX, 1, 8))
        return "bad function flags";
      if (!rest(&l, &id, &in))
        return "missing function id";
      out_function(out, hash, hn, id, in);
    } else if (is_word(w, n, "data")) {
      if (!word(&l, &kind, &kn) || !hotpatch_data_kind_of_word(kind, kn))
        return "bad data kind";
      if (!word(&l, &size, &sn) || !all_of(size, sn, DIGITS, 1, 20))
        return "bad data size";
      if (!word(&l, &layout, &ln) || !all_of(layout, ln, LOWER_HEX, 16, 16))
        return "bad layout hash";
      if (!word(&l, &flags, &fn) || !all_of(flags, fn, ANY_HEX, 1, 8))
        return "bad data flags";
      if (!word(&l, &type, &tn))
        return "missing data type";
      if (!rest(&l, &id, &in))
        return "missing data id";
      out_data(out, kind, kn, layout, ln, size, sn, id, in);
    } else if (is_word(w, n, "end") && l.p == l.end) {
      seen_end = 1;
      out_module_end(out);
    } else {
      return "unknown line";
    }
  }
  return seen_end ? NULL : "missing 'end' line";
}

/* Parse the whole section onto `out`.  Returns 0, or 1 after an error. */
static int parse_section(const char *file, const unsigned char *data,
                         size_t size, struct out *out) {
  size_t pos = 0;
  int module = 0;
  while (pos < size) {
    if (data[pos] == '\0') { /* padding between blocks */
      pos++;
      continue;
    }
    module++;
    const unsigned char *nul = memchr(data + pos, '\0', size - pos);
    if (!nul)
      return hu_error("%s: malformed " HOTPATCH_INFO_SECTION
                      " section: module %d is "
                      "not NUL-terminated; rebuild it with this hcc",
                      file, module);
    int line_no;
    const char *why = parse_block((const char *)data + pos,
                                  (size_t)(nul - (data + pos)), out, &line_no);
    if (why)
      return hu_error("%s: malformed " HOTPATCH_INFO_SECTION
                      " section: %s (module %d, "
                      "line %d); rebuild it with this hcc",
                      file, why, module, line_no);
    pos = (size_t)(nul - data) + 1;
  }
  if (module == 0)
    return hu_error("%s: empty " HOTPATCH_INFO_SECTION
                    " section; rebuild it with this hcc",
                    file);
  return 0;
}

/* ========================================================= patch summary */

/* One kind of entry of a patch: "  <kind> <id>" lines, or the array
** `key`. */
static void add_ids(struct out *out, const char *kind, const char *key,
                    const struct hu_vec *ids) {
  if (out->json)
    hj_array(out->json, key);
  for (int i = 0; i < ids->count; i++) {
    if (out->json) {
      hj_object(out->json, NULL);
      json_id(out->json, ids->items[i], strlen(ids->items[i]));
      hj_end(out->json);
      continue;
    }
    hu_buf_addf(&out->text, "  %-12s ", kind);
    add_id(&out->text, ids->items[i], strlen(ids->items[i]));
  }
  if (out->json)
    hj_end(out->json);
}

/* A patch object or patch.so also carries section hotpatch_patch: what the
** patch contains, one NUL-terminated block per module.  Print it after the
** module info as "patch <module-id>" and one line per entry, so that a
** patch file shows what it changes and not only the hashes of its module.
** Returns 0, or 1 after an error. */
static int parse_patch_section(const char *file, const unsigned char *data,
                               size_t size, struct out *out) {
  size_t pos = 0;
  for (int block = 1; pos < size; block++) {
    if (data[pos] == '\0') { /* padding between blocks */
      pos++;
      block--;
      continue;
    }
    const unsigned char *nul = memchr(data + pos, '\0', size - pos);
    size_t len = nul ? (size_t)(nul - (data + pos)) : size - pos;
    struct pi_patch p;
    if (!nul || pi_parse(&p, (const char *)data + pos, len) != 0)
      return hu_error("%s: malformed " HOTPATCH_PATCH_SECTION
                      " section (patch %d); rebuild "
                      "it with this hcc",
                      file, block);
    if (out->json) {
      hj_object(out->json, NULL);
      hj_str(out->json, "module", p.module_id);
    } else {
      hu_buf_addf(&out->text, "patch %s\n", p.module_id);
    }
    add_ids(out, "changed", "changed", &p.changed);
    add_ids(out, "new", "new", &p.added);
    add_ids(out, "new-data", "new_data", &p.added_data);
    add_ids(out, "update", "constants", &p.updated);
    if (out->json)
      hj_end(out->json);
    pi_free(&p);
    pos += len + 1;
  }
  return 0;
}

/* ================================================================ command */

/* The listing of one file, into `out`.  Returns 0, or 1 after an error. */
static int list_file(const char *path, struct out *out) {
  struct he_file f;
  if (he_open(&f, path, 0))
    return 1;
  const Elf64_Shdr *sh = he_section(&f, HOTPATCH_INFO_SECTION);
  if (!sh) {
    he_close(&f);
    return hu_error(
        "%s: not built with hcc (no " HOTPATCH_INFO_SECTION " section)", path);
  }
  const unsigned char *data;
  size_t size;
  he_section_data(&f, sh, &data, &size);
  if (out->json)
    hj_array(out->json, "modules");
  int rc = parse_section(path, data, size, out);
  if (out->json && rc == 0)
    hj_end(out->json);
  const Elf64_Shdr *patch = he_section(&f, HOTPATCH_PATCH_SECTION);
  if (out->json && rc == 0)
    hj_array(out->json, "patches");
  if (rc == 0 && patch) {
    he_section_data(&f, patch, &data, &size);
    rc = parse_patch_section(path, data, size, out);
  }
  if (out->json && rc == 0)
    hj_end(out->json);
  he_close(&f);
  return rc;
}

static int inspect_file(const char *path, int json) {
  struct hj j = HJ_INIT;
  struct out out = {HU_BUF_INIT, json ? &j : NULL};
  if (json) {
    hj_object(&j, NULL);
    hj_str(&j, "file", path);
  }
  hu_forget_error();
  int rc = list_file(path, &out);
  if (!json && rc == 0)
    fwrite(out.text.data, 1, out.text.len, stdout);
  if (json && rc) { /* the half-written listing is dropped */
    hj_free(&j);
    hj_object(&j, NULL);
    hj_str(&j, "file", path);
    hj_str(&j, "error", hu_last_error());
  }
  if (json) {
    hj_end(&j);
    hj_print(&j, stdout);
  }
  hu_buf_free(&out.text);
  return rc;
}

/* `hcc inspect [--json] FILE...`: every file is tried; exit 1 if any
** failed. */
int cmd_inspect(int argc, char **argv) {
  int json = argc > 1 && !strcmp(argv[1], "--json");
  if (argc < 2 + json) {
    fprintf(stderr, "usage: hcc inspect [--json] FILE...\n");
    return HCC_EXIT_USAGE;
  }
  int rc = HCC_EXIT_OK;
  for (int i = 1 + json; i < argc; i++)
    if (inspect_file(argv[i], json))
      rc = HCC_EXIT_FAIL;
  fflush(stdout);
  return rc;
}
