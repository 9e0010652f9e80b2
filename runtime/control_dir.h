/*
** control_dir.h: where control sockets live, and the rules that make the
** directory safe to use (hotpatch_control.h).
*/
#ifndef HOTPATCH_RUNTIME_CONTROL_DIR_H
#define HOTPATCH_RUNTIME_CONTROL_DIR_H

#include <stddef.h>
#include <sys/types.h>

/* The socket directory, by the rule of hotpatch_control.h
** (hotpatch_control_dir).  Reads the environment: call it from the
** program's own context (a constructor), not from the listener thread.
** Returns 0, or -1 when it does not fit out[size]. */
int hpd_choose_dir(char *out, size_t size);

/* Create `dir` with mode 0700 when it does not exist, then check that it is
** a directory (not a symlink), owned by the effective uid, with mode
** exactly 0700.  Returns 0, or -1 with a one-line reason in why[size]; a
** directory that fails is never changed (someone else may own it). */
int hpd_prepare_dir(const char *dir, char *why, size_t size);

/* Remove sockets "<pid>.sock" in `dir` left by processes that no longer
** exist (killed, or fork()ed children that exec()ed), except `self`'s. */
void hpd_sweep_stale(const char *dir, pid_t self);

#endif /* HOTPATCH_RUNTIME_CONTROL_DIR_H */
