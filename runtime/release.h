/*
** release.h: giving back the resident pages of a patch nothing runs any
** more (see release.c).
*/
#ifndef HOTPATCH_RUNTIME_RELEASE_H
#define HOTPATCH_RUNTIME_RELEASE_H

/* Drop the read-only pages of the loaded object `handle` (a patch) from
** the process's page tables, keeping every page the process wrote; they
** are read again from the file at their next access.  Best effort: a
** failure only leaves pages resident.  Caller holds the loader mutex. */
void hpz_release(void *handle);

#endif /* HOTPATCH_RUNTIME_RELEASE_H */
