/*
** demangle.c: C++ names through libstdc++'s demangler.
*/
#include "demangle.h"

#include <stdlib.h>
#include <string.h>

/* libstdc++ (cxxabi.h is C++ only); status 0 is success. */
char *__cxa_demangle(const char *mangled, char *out, size_t *length, int *status);

static char *demangle_whole(const char *name) {
  if (strncmp(name, "_Z", 2) != 0) return NULL;
  int status = -1;
  char *readable = __cxa_demangle(name, NULL, NULL, &status);
  if (status == 0) return readable;
  free(readable);
  return NULL;
}

/* See demangle.h. */
char *hd_demangle(const char *name) {
  char *readable = demangle_whole(name);
  if (readable) return readable;
  const char *tail = strstr(name, "._Z");
  if (!tail || !(readable = demangle_whole(tail + 1))) return NULL;
  char *joined = hu_xasprintf("%.*s.%s", (int)(tail - name), name, readable);
  free(readable);
  return joined;
}

/* See demangle.h.  Mangled names contain no ':', so the name is what
** follows the last one. */
void hd_add_id(struct hu_buf *b, const char *id, int keep_mangled) {
  const char *colon = strrchr(id, ':');
  const char *name = colon ? colon + 1 : id;
  char *readable = hd_demangle(name);
  if (!readable) {
    hu_buf_adds(b, id);
  } else if (keep_mangled) {
    hu_buf_addf(b, "%s  %.*s%s", id, (int)(name - id), id, readable);
  } else {
    hu_buf_addf(b, "%.*s%s", (int)(name - id), id, readable);
  }
  free(readable);
}
