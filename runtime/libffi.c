/*
** libffi.c: libffi, loaded when the first `call` request needs it
** (libffi.h says why it is not linked).
*/
#define _GNU_SOURCE
#include "libffi.h"

#include <dlfcn.h>
#include <stdio.h>

/* runtime/CMakeLists.txt gives the soname of the libffi it found; a build
** without CMake (fuzz/run.sh) gets that of libffi 3.4 (Debian 12). */
#ifndef HOTPATCH_LIBFFI_SONAME
#define HOTPATCH_LIBFFI_SONAME "libffi.so.8"
#endif

static struct hfc_libffi loaded; /* handle NULL until loaded */

const struct hfc_libffi *hfc_libffi(char *why, size_t size) {
  if (loaded.handle)
    return &loaded;
  void *handle = dlopen(HOTPATCH_LIBFFI_SONAME, RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    snprintf(why, size,
             "hcc call needs libffi, which this process cannot "
             "load (%s); install it (Debian: libffi8)",
             dlerror());
    return NULL;
  }
  /* POSIX: a data pointer from dlsym converts to a function pointer. */
  *(void **)&loaded.prep_cif = dlsym(handle, "ffi_prep_cif");
  *(void **)&loaded.call = dlsym(handle, "ffi_call");
  if (!loaded.prep_cif || !loaded.call) {
    snprintf(why, size,
             "%s has no ffi_prep_cif or ffi_call; hcc call "
             "cannot use it",
             HOTPATCH_LIBFFI_SONAME);
    dlclose(handle);
    return NULL;
  }
  loaded.handle = handle;
  return &loaded;
}

ffi_type *hfc_libffi_type(const struct hfc_libffi *ffi, const char *symbol) {
  return dlsym(ffi->handle, symbol);
}
