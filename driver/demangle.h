/*
** demangle.h: C++ names as people read them (`Shape::area() const` for
** `_ZNK5Shape4areaEv`), for status lines, `hcc inspect` and `--verbose`.
**
** The demangler is libstdc++'s __cxa_demangle, the one the C++ runtime
** itself uses (C-callable; loaded from libstdc++.so.6 at the first C++
** name, so that hcc's compile mode does not load it).  The runtime, which
** has no C++, prints ids as they are.
*/
#ifndef HCC_DEMANGLE_H
#define HCC_DEMANGLE_H

#include "util.h"

/* The readable form of `name`, or NULL when it is not a C++ name (C
** names, ids hcc made up).  A name `prefix.<mangled>` (clang's
** initialisers, __cxx_global_var_init._Z5earlyB5cxx11) reads
** `prefix.<demangled>`.  Caller frees. */
char *hd_demangle(const char *name);

/* Append `id` as people read it: the part after the module id prefix
** (`<module-id>:`, when the id has one) demangled.  With `keep_mangled`,
** the id as it is followed by two spaces and the readable form, for
** output that tools read too (hcc inspect, --verbose). */
void hd_add_id(struct hu_buf *b, const char *id, int keep_mangled);

#endif /* HCC_DEMANGLE_H */
