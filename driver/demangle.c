/*
** demangle.c: C++ names through libstdc++'s demangler.
*/
#include "demangle.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* libstdc++'s __cxa_demangle (cxxabi.h is C++ only); status 0 is success. */
typedef char *demangle_fn(const char *mangled, char *out, size_t *length,
                          int *status);

static demangle_fn *cxa_demangle;
static pthread_once_t cxa_demangle_once = PTHREAD_ONCE_INIT;

/* Loaded at the first C++ name, not linked: `hcc -c` runs once per object
** of a build and never demangles, and loading and relocating libstdc++
** cost every run about 1.5 million instructions, as much as all of hcc's
** own work around the compile.  Without libstdc++ names stay mangled. */
static void load_cxa_demangle(void) {
  void *lib = dlopen("libstdc++.so.6", RTLD_LAZY | RTLD_LOCAL);
  if (lib)
    cxa_demangle = (demangle_fn *)dlsym(lib, "__cxa_demangle");
}

static char *demangle_whole(const char *name) {
  if (strncmp(name, "_Z", 2) != 0)
    return NULL;
  pthread_once(&cxa_demangle_once, load_cxa_demangle);
  if (!cxa_demangle)
    return NULL;
  int status = -1;
  char *readable = cxa_demangle(name, NULL, NULL, &status);
  if (status == 0)
    return readable;
  free(readable);
  return NULL;
}

/* See demangle.h. */
char *hd_demangle(const char *name) {
  char *readable = demangle_whole(name);
  if (readable)
    return readable;
  const char *tail = strstr(name, "._Z");
  if (!tail || !(readable = demangle_whole(tail + 1)))
    return NULL;
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
