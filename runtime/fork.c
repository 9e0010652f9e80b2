/*
** fork.c: pthread_atfork handlers.
**
** Before fork the forking thread takes the loader mutex, the registry lock
** and the slots lock (in the usual order), so that no other thread is
** inside a patch transaction, a registration or a slot write while the
** address space is copied; both
** processes release them afterwards.  A patch's own init calling fork()
** already holds the loader mutex and must not wait for itself.
*/
#include "fork.h"

#include <pthread.h>
#include <stdbool.h>

#include "control.h"
#include "loader.h"
#include "log.h"
#include "registry.h"
#include "slots.h"

static bool prepare_took_loader; /* written and read by the forking thread */

static void before_fork(void) {
  prepare_took_loader = !hpa_held_by_caller();
  if (prepare_took_loader)
    hpa_lock();
  hpr_lock();
  hps_lock_for_fork();
}

static void release_locks(void) {
  hps_unlock_after_fork();
  hpr_unlock();
  if (prepare_took_loader)
    hpa_unlock();
}

static void in_parent(void) {
  release_locks();
}

/* The child has one thread, this one: the parent's listener is not there. */
static void in_child(void) {
  release_locks();
  hpn_restart_in_child();
}

void hpf_install(void) {
  if (pthread_atfork(before_fork, in_parent, in_child) != 0)
    hpl_warning("cannot install fork handlers; children of this process "
                "cannot be patched");
}
