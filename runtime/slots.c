/*
** slots.c: the one place where slots are written, and their protection.
**
** Slots of objects linked by hcc (hotpatch-slots.ld) live in pages of their
** own, which are kept read-only: a stray write faults instead of
** redirecting a function.  Publishing opens the one page of the slot for
** writing, stores, and closes it again.  Objects not linked that way (and
** the new functions of patches, whose slots live in the patch object) keep
** writable slots and are published with a plain store.
**
** The table of objects is appended to under `lock` and never shrinks;
** modules never unregister, so neither do their objects.
*/
#define _GNU_SOURCE
#include "slots.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "grow.h"
#include "log.h"
#include "slot_pages.h"

struct object {
  uintptr_t base;
  uintptr_t start, end; /* read-only slot pages; start == end: none */
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
  struct object *items;
  size_t count, capacity;
} objects; /* under lock */

static struct object *protected_range(uintptr_t address) {
  for (size_t i = 0; i < objects.count; i++)
    if (address >= objects.items[i].start && address < objects.items[i].end)
      return &objects.items[i];
  return NULL;
}

static int known_object(uintptr_t base) {
  for (size_t i = 0; i < objects.count; i++)
    if (objects.items[i].base == base)
      return 1;
  return 0;
}

static int add_object(struct object object) {
  struct object *items = hpu_grow(objects.items, &objects.capacity,
                                  objects.count + 1, sizeof *items);
  if (!items)
    return -1;
  objects.items = items;
  objects.items[objects.count++] = object;
  return 0;
}

/*
** Make the slot pages of the object holding `slot` read-only, once per
** object.  Failing leaves the slots writable (and patchable); only a
** failing mprotect, or a library file that is not the mapped image, is
** worth a warning.
*/
void hps_protect(void **slot) {
  struct object object = {0};
  struct hsp_object owner;
  pthread_mutex_lock(&lock);
  if (hsp_object_of(slot, &owner) != 0 || known_object(owner.base))
    goto done;
  object.base = owner.base;
  int rc = hsp_slot_pages(&owner, &object.start, &object.end);
  if (rc == 2)
    hpl_warning("%s is not known to be the file this process loaded (its "
                "build-id differs or is missing: rebuilt since?); the "
                "function slots of that library stay writable", owner.path);
  if (rc == 0 && ((uintptr_t)slot < object.start ||
                  (uintptr_t)slot >= object.end))
    rc = 1; /* not where the section says: leave it alone */
  if (rc == 0 && mprotect((void *)object.start, object.end - object.start,
                          PROT_READ) != 0) {
    hpl_warning("cannot make the function slots at %p read-only; they stay "
                "writable", (void *)object.start);
    rc = 1;
  }
  if (rc != 0)
    object.start = object.end = 0;
  if (add_object(object) != 0 && rc == 0) /* unrecorded: must stay writable */
    mprotect((void *)object.start, object.end - object.start,
             PROT_READ | PROT_WRITE);
done:
  pthread_mutex_unlock(&lock);
}

/*
** Release store; it pairs with the acquire load every stub performs.  A
** protected slot's page is writable only around the store.
*/
int hps_publish(void **slot, void *target) {
  int rc = 0;
  pthread_mutex_lock(&lock);
  if (!protected_range((uintptr_t)slot)) {
    __atomic_store_n(slot, target, __ATOMIC_RELEASE);
    goto done;
  }
  uintptr_t page_size = (uintptr_t)sysconf(_SC_PAGESIZE);
  void *page = (void *)((uintptr_t)slot & ~(page_size - 1));
  if (mprotect(page, page_size, PROT_READ | PROT_WRITE) != 0) {
    rc = -1;
    goto done;
  }
  __atomic_store_n(slot, target, __ATOMIC_RELEASE);
  mprotect(page, page_size, PROT_READ);
done:
  pthread_mutex_unlock(&lock);
  return rc;
}

/*
** From a fault handler: no lock (the caller checked that no patch is being
** published), only async-signal-safe calls (mprotect is a system call).
** The table of objects is read without its lock; it only grows at module
** registration.
*/
void hps_publish_from_signal(void **slot, void *target) {
  uintptr_t address = (uintptr_t)slot;
  bool protected_slot = false;
  for (size_t i = 0; i < objects.count; i++)
    if (address >= objects.items[i].start && address < objects.items[i].end)
      protected_slot = true;
  if (!protected_slot) {
    __atomic_store_n(slot, target, __ATOMIC_RELEASE);
    return;
  }
  uintptr_t page_size = (uintptr_t)getpagesize();
  void *page = (void *)(address & ~(page_size - 1));
  if (mprotect(page, page_size, PROT_READ | PROT_WRITE) != 0)
    return;
  __atomic_store_n(slot, target, __ATOMIC_RELEASE);
  mprotect(page, page_size, PROT_READ);
}

void hps_lock_for_fork(void) {
  pthread_mutex_lock(&lock);
}

void hps_unlock_after_fork(void) {
  pthread_mutex_unlock(&lock);
}
