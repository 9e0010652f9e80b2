/*
** libffi.h: libffi, loaded when the first `call` request needs it.
**
** Programs do not link libffi: `hcc call` is a debugging aid that most
** processes never see, so the runtime gains no DT_NEEDED entry and no
** -lffi in users' links (libhotpatch.a goes into every hcc link).  The
** first call dlopen()s it by the soname it was built against
** (HOTPATCH_LIBFFI_SONAME, from CMake) and keeps it loaded.  Only the
** control thread calls this (one request at a time), so there is no lock.
*/
#ifndef HOTPATCH_RUNTIME_LIBFFI_H
#define HOTPATCH_RUNTIME_LIBFFI_H

#include <stddef.h>

#include <ffi.h>

/* The entry points the runtime uses, as function pointers. */
struct hfc_libffi {
  ffi_status (*prep_cif)(ffi_cif *cif, ffi_abi abi, unsigned int nargs,
                         ffi_type *rtype, ffi_type **atypes);
  void (*call)(ffi_cif *cif, void (*fn)(void), void *rvalue, void **avalue);
  void *handle;
};

/* libffi, loaded on first use; NULL with `why` filled when it cannot be
** (not installed, a static program without dlopen). */
const struct hfc_libffi *hfc_libffi(char *why, size_t size);

/* The ffi_type object named `symbol` ("ffi_type_sint32"), or NULL. */
ffi_type *hfc_libffi_type(const struct hfc_libffi *ffi, const char *symbol);

#endif /* HOTPATCH_RUNTIME_LIBFFI_H */
