/*
** patch_file.h: checking a patch file before anything of it is loaded.
*/
#ifndef HOTPATCH_RUNTIME_PATCH_FILE_H
#define HOTPATCH_RUNTIME_PATCH_FILE_H

#include <stddef.h>
#include <sys/stat.h>

#include "hotpatch_abi.h"

/* Refuse a patch file that someone else could have written or that cannot
** be a patch for this process, before dlopen() runs any of it: not a
** regular file; owned by another user than the effective uid; writable by
** every user, or by a group other than the process's own; not a 64-bit ELF
** shared object for this machine; shorter than its own headers say
** (truncated); carrying a hotpatch_target build-id that no loaded object
** has.  `file` is the stat of `path`.  Returns 0, or -1 with `why` set to
** a sentence that names the path and what to do. */
int hpv_check_patch_file(const char *path, const struct stat *file,
                         char *why, size_t size);

#endif /* HOTPATCH_RUNTIME_PATCH_FILE_H */
