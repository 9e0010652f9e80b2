/*
** debugger.h: telling a debugger of every apply and revert
** (hotpatch_debug.h).
*/
#ifndef HOTPATCH_RUNTIME_DEBUGGER_H
#define HOTPATCH_RUNTIME_DEBUGGER_H

#include <stddef.h>

#include "hotpatch_debug.h"

/* Log one event and call the debugger's hook.  `path` is copied; `ids`
** (`count` function ids) must stay valid for the life of the process, as
** descriptors' ids do.  Safe from any thread; an event that does not fit in
** memory is dropped (the debugger misses it, the program goes on). */
void hdg_notify(enum hotpatch_debug_kind kind, unsigned long generation,
                const char *path, const char *const *ids, size_t count);

/* Whether a debugger (any tracer) is attached to the process now. */
int hdg_attached(void);

#endif /* HOTPATCH_RUNTIME_DEBUGGER_H */
