/*
** release.h: giving back the resident pages of a patch nothing runs any
** more (see release.c).
*/
#ifndef HOTPATCH_RUNTIME_RELEASE_H
#define HOTPATCH_RUNTIME_RELEASE_H

/* Drop the read-only pages of the loaded object `handle` (the patch file
** `path`; its link map may name a descriptor instead) from the process's
** page tables, and move the pages it wrote at load (its RELRO span) to a
** file beside it, mapped privately in their place; they are read again
** from the files at their next access.  Best effort: a failure only leaves
** pages resident.  Caller holds the loader mutex. */
void hpz_release(void *handle, const char *path);

#endif /* HOTPATCH_RUNTIME_RELEASE_H */
