/*
** patch_file.h: checking a patch file before anything of it is loaded.
*/
#ifndef HOTPATCH_RUNTIME_PATCH_FILE_H
#define HOTPATCH_RUNTIME_PATCH_FILE_H

#include <stddef.h>
#include <sys/stat.h>

#include "hotpatch_abi.h"

/* Open the patch file at absolute `path` for loading, refusing, before
** dlopen() runs any of it, a file that someone else could have written or
** that cannot be a patch for this process: its directory owned by another
** user than the effective uid or root, or writable by others (every user,
** or a group other than the process's own) unless sticky; a symbolic link;
** not a regular file; owned by another user than the effective uid;
** writable by others; not a 64-bit ELF shared object for this machine;
** shorter than its own headers say (truncated), or with offsets and sizes
** that wrap; carrying a hotpatch_target build-id that no loaded object
** has.  The file is opened once and every check is of that descriptor.
** Returns the descriptor (close-on-exec), with its stat in *file, or -1
** with `why` set to a sentence that names the path and what to do. */
int hpv_open_patch_file(const char *path, struct stat *file, char *why,
                        size_t size);

#endif /* HOTPATCH_RUNTIME_PATCH_FILE_H */
