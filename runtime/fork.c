/*
** fork.c: pthread_atfork handlers.
**
** Before fork the forking thread takes every runtime lock (the loader
** mutex, the safe-point job lock, the registry lock, the slots lock, the
** reload hooks' lock and the control connection's lock, in that order), so
** that no other thread is inside a patch transaction, a registration, a
** slot write or an accept while the address space is copied; both
** processes release them afterwards.
**
** One thread may already hold the loader mutex when it forks: the control
** thread running a patch's constructors or init.  It must not wait for
** itself, and in the child it is still that thread, which finishes the
** transaction and releases the mutex.  Reload hooks never run under the
** loader mutex (safepoint.h), so a hook that forks leaves the child a free
** loader.  The child then forgets its parent's control connection and
** socket and listens on its own (control.c).
*/
#include "fork.h"

#include <pthread.h>
#include <stdbool.h>

#include "control.h"
#include "loader.h"
#include "log.h"
#include "registry.h"
#include "reload_hooks.h"
#include "safepoint.h"
#include "slots.h"

static bool prepare_took_loader; /* written and read by the forking thread */

static void before_fork(void) {
  prepare_took_loader = !hpa_held_by_caller();
  if (prepare_took_loader)
    hpa_lock();
  hpp_lock_for_fork();
  hpr_lock();
  hps_lock_for_fork();
  hph_lock_for_fork();
  hpn_lock_for_fork();
}

static void release_locks(bool in_child) {
  hpn_unlock_after_fork();
  hph_unlock_after_fork();
  hps_unlock_after_fork();
  hpr_unlock();
  hpp_unlock_after_fork(in_child);
  if (prepare_took_loader)
    hpa_unlock();
}

static void in_parent(void) {
  release_locks(false);
}

/* The child has one thread, this one: the parent's listener is not there. */
static void in_child(void) {
  release_locks(true);
  hpn_restart_in_child();
}

void hpf_install(void) {
  if (pthread_atfork(before_fork, in_parent, in_child) != 0)
    hpl_warning("cannot install fork handlers; children of this process "
                "cannot be patched");
}
