/*
** config.h: settings the runtime reads from the environment.
*/
#ifndef HOTPATCH_RUNTIME_CONFIG_H
#define HOTPATCH_RUNTIME_CONFIG_H

#include <stdbool.h>

/* False when HOTPATCH=off: the runtime is then inert (modules are not
** registered, nothing is patched).  Read once, on the first call, from any
** thread; the answer never changes afterwards. */
bool hpc_enabled(void);

/* False when HOTPATCH_RELEASE_PAGES=0: the resident pages of superseded
** patches are then kept (release.h).  Read with HOTPATCH, at the first
** hpc_enabled call. */
bool hpc_release_pages(void);

/* False when HOTPATCH_RELEASE_WRITTEN_PAGES=0 (or the release is off):
** the pages a superseded patch wrote at load are then kept as the
** process's private copies instead of being moved to a file
** (release.c). */
bool hpc_release_written_pages(void);

/* False when HOTPATCH_TABLE_PAGES=0: the registry's tables then come from
** malloc instead of pages of their own (grow.h, hpu_pages).  Read with
** HOTPATCH, at the first hpc_enabled call. */
bool hpc_table_pages(void);

/* False when HOTPATCH_LAZY_ENTRIES=0: each module's entries then go into
** the registry's tables as it registers, instead of at the first lookup
** (registry.c, "Entries on first use").  Read with HOTPATCH. */
bool hpc_lazy_entries(void);

#endif /* HOTPATCH_RUNTIME_CONFIG_H */
