/*
** module_info.h: the registry as module info text (hotpatch_abi.h).
*/
#ifndef HOTPATCH_RUNTIME_MODULE_INFO_H
#define HOTPATCH_RUNTIME_MODULE_INFO_H

#include <stdio.h>

/* Write one info block per registered module, in registration order: the
** module's current hash, its functions (descriptor order, then those added
** by patches) with the hashes of the code the process runs now, its data
** likewise, and "end".  Caller holds the registry lock. */
void hpm_write_module_info(FILE *out);

#endif /* HOTPATCH_RUNTIME_MODULE_INFO_H */
