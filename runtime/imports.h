/*
** imports.h: filling a patch module's import table.
*/
#ifndef HOTPATCH_RUNTIME_IMPORTS_H
#define HOTPATCH_RUNTIME_IMPORTS_H

#include <stddef.h>

#include "hotpatch_abi.h"

/* Resolve every import of `patch` against the registry and store each
** address into its cell: FUNCTION -> the function's stub, SLOT -> its slot,
** DATA -> the datum's storage, TLS -> the thread-local's accessor.  Data
** and TLS imports that name a layout (layout_hash != 0) must match the
** registered layout hash and size.  Caller holds the registry lock.
** Returns 0, or -1 with a one-line reason in why[size] (cells already
** written are harmless: no code of a refused patch ever runs). */
int hpi_resolve(const struct hotpatch_patch *patch, char *why, size_t size);

/* The kind word of an import, as messages print it. */
const char *hpi_kind_word(uint32_t kind);

#endif /* HOTPATCH_RUNTIME_IMPORTS_H */
