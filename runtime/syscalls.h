/*
** syscalls.h: system calls the tests can make fail.
**
** Publishing must never fail silently after its commit point, and the
** paths that handle a failing mprotect are only reachable when it fails.
** So the runtime's normal-context mprotect calls on slot pages go through
** here (SQLite's habit of an indirection for fault injection):
** HOTPATCH_TEST_FAIL_MPROTECT=N[,M...] makes the Nth (Mth...) call fail
** with ENOMEM, counting from 1 at the first call.  A test switch only;
** without it the call goes straight to mprotect.
*/
#ifndef HOTPATCH_RUNTIME_SYSCALLS_H
#define HOTPATCH_RUNTIME_SYSCALLS_H

#include <stddef.h>

/* mprotect, or -1 with errno ENOMEM when the test switch says so.  Callers
** serialise (the slots lock); not for signal handlers. */
int hpo_mprotect(void *address, size_t length, int protection);

#endif /* HOTPATCH_RUNTIME_SYSCALLS_H */
