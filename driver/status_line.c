/*
** status_line.c: formatting the per-patch status line.
*/
#include "status_line.h"

#include <stdlib.h>
#include <string.h>

#include "demangle.h"

/* See status_line.h. */
const char *sl_short_id(const char *id, const char *module_id) {
  size_t n = strlen(module_id);
  if (n && strncmp(id, module_id, n) == 0 && id[n] == ':' && id[n + 1])
    return id + n + 1;
  return id;
}

static void add_ids(struct hu_buf *b, const struct hu_vec *ids,
                    const char *module_id, const char *mark, int *first) {
  for (int i = 0; i < ids->count; i++) {
    hu_buf_adds(b, *first ? " " : ", ");
    *first = 0;
    hd_add_id(b, sl_short_id(ids->items[i], module_id), 0);
    hu_buf_adds(b, mark);
  }
}

/* See status_line.h. */
char *sl_format(const struct sl_unit *units, int count, long long generation,
                long long ms) {
  struct hu_buf b = HU_BUF_INIT;
  hu_buf_adds(&b, "hcc: patched");
  for (int i = 0; i < count; i++) {
    const struct pi_patch *p = units[i].patch;
    hu_buf_adds(&b, i ? "; " : " ");
    hu_buf_adds(&b, units[i].file);
    hu_buf_addc(&b, ':');
    int first = 1;
    add_ids(&b, &p->changed, p->module_id, "", &first);
    add_ids(&b, &p->added, p->module_id, " (new)", &first);
    add_ids(&b, &p->updated, p->module_id, " (constant)", &first);
    if (first)
      add_ids(&b, &p->added_data, p->module_id, " (new data)", &first);
  }
  hu_buf_addf(&b, " (generation %lld, %lld ms)\n", generation, ms);
  return hu_buf_detach(&b);
}

static int has_short_id(const struct hu_vec *ids, const char *module_id,
                        const char *name, size_t len) {
  for (int i = 0; i < ids->count; i++) {
    const char *id = sl_short_id(ids->items[i], module_id);
    if (strlen(id) == len && strncmp(id, name, len) == 0)
      return 1;
  }
  return 0;
}

/* Whether `ids` holds a C++ function whose demangled name is `owner`. */
static int has_readable_id(const struct hu_vec *ids, const char *module_id,
                           const char *owner, size_t len) {
  int found = 0;
  for (int i = 0; i < ids->count && !found; i++) {
    char *readable = hd_demangle(sl_short_id(ids->items[i], module_id));
    found = readable && strlen(readable) == len &&
            strncmp(readable, owner, len) == 0;
    free(readable);
  }
  return found;
}

/* The note for a new static local `name` of the function `owner`, which the
** patch adds (a renamed function) or changes. */
static void static_local_note(struct hu_buf *b, const char *owner, int len,
                              const char *name, int owner_is_new) {
  if (owner_is_new)
    hu_buf_addf(b,
                "hcc: note: %.*s is new: its static local '%s' starts at its "
                "initial value (a renamed function's statics are not carried "
                "over)\n",
                len, owner, name);
  else
    hu_buf_addf(
        b,
        "hcc: note: new static local '%s' in %.*s starts at its initial value\n",
        name, len, owner);
}

/* The note for a C++ static local, named "<function>::<variable>" once
** demangled (the owner's id is its own mangled name, not its prefix: it is
** matched demangled). */
static void cxx_static_local_note(struct hu_buf *b, const struct pi_patch *p,
                                  const char *local) {
  char *readable = hd_demangle(local);
  const char *sep = readable ? strstr(readable, "::") : NULL;
  for (const char *s = sep; s; s = strstr(s + 2, "::"))
    sep = s;
  if (sep) {
    size_t len = (size_t)(sep - readable);
    static_local_note(b, readable, (int)len, sep + 2,
                      has_readable_id(&p->added, p->module_id, readable, len));
  }
  free(readable);
}

/* See status_line.h.  A static local's id is "<function>.<variable>" (as
** clang names it in C) after the module prefix, or a mangled local name
** ("_ZZ...") in C++; new-data ids that the module info lists as static
** locals are the new ones. */
char *sl_notes(const struct sl_unit *units, int count) {
  struct hu_buf b = HU_BUF_INIT;
  for (int i = 0; i < count; i++) {
    const struct pi_patch *p = units[i].patch;
    for (int k = 0; k < p->added_data.count; k++) {
      const char *id = p->added_data.items[k];
      if (!has_short_id(&p->static_locals, p->module_id,
                        sl_short_id(id, p->module_id),
                        strlen(sl_short_id(id, p->module_id))))
        continue;
      const char *local = sl_short_id(id, p->module_id);
      if (!strncmp(local, "_ZZ", 3)) {
        cxx_static_local_note(&b, p, local);
        continue;
      }
      const char *dot = strchr(local, '.');
      if (!dot || dot == local || !dot[1])
        continue;
      int owner = (int)(dot - local);
      static_local_note(
          &b, local, owner, dot + 1,
          has_short_id(&p->added, p->module_id, local, (size_t)owner));
    }
  }
  return hu_buf_detach(&b);
}
