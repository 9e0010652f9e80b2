/*
** slots.c: the one place where slots are written, and their protection.
**
** Slots of objects linked by hcc (hotpatch-slots.ld) live in pages of their
** own, which are kept read-only: a stray write faults instead of
** redirecting a function.  A transaction first opens the pages of every
** slot it will write (hps_open: the one step that can fail, before its
** commit point), then publishes with plain release stores that cannot
** fail, then closes the pages again.  Objects not linked that way (and the
** new functions of patches, whose slots live in the patch object) keep
** writable slots.
**
** The list of objects is read by the fault handler without a lock, so it
** is append-only: a node is pushed at the head with a release store once
** it is complete and never changed or freed (modules never unregister, so
** neither do their objects).  `lock` serialises the writers of the list
** and of the open pages.
*/
#define _GNU_SOURCE
#include "slots.h"

#include <assert.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "books.h"
#include "grow.h"
#include "log.h"
#include "mutex.h"
#include "slot_pages.h"
#include "syscalls.h"

struct object {
  const struct object *next;
  uintptr_t base;
  uintptr_t start, end; /* read-only slot pages; start == end: none */
};

static struct hpw_mutex lock = HPW_MUTEX_INITIALIZER;
static const struct object *objects; /* atomic head; nodes immutable */
static struct {
  uintptr_t *pages;
  size_t count, capacity;
} open_pages; /* under lock while a transaction writes slots */

static const struct object *first_object(void) {
  return __atomic_load_n(&objects, __ATOMIC_ACQUIRE);
}

/* Async-signal-safe: reads only immutable nodes. */
static bool is_protected(uintptr_t address) {
  for (const struct object *o = first_object(); o; o = o->next)
    if (address >= o->start && address < o->end)
      return true;
  return false;
}

static bool known_object(uintptr_t base) {
  for (const struct object *o = first_object(); o; o = o->next)
    if (o->base == base)
      return true;
  return false;
}

static uintptr_t page_of(const void *address) {
  uintptr_t page_size = (uintptr_t)getpagesize();
  return (uintptr_t)address & ~(page_size - 1);
}

/*
** Make the slot pages of the object holding `slot` read-only, once per
** object.  Failing leaves the slots writable (and patchable); only a
** failing mprotect, or a library file that is not the mapped image, is
** worth a warning.
*/
void hps_protect(void **slot) {
  /* The program's other modules: their slots share the section already
  ** protected, and finding an owner walks the loaded objects' headers. */
  if (is_protected((uintptr_t)slot))
    return;
  struct object *object = calloc(1, sizeof *object);
  struct hsp_object owner;
  if (!object)
    return; /* unrecorded: stays writable */
  hpw_lock(&lock);
  if (hsp_object_of(slot, &owner) != 0 || known_object(owner.base)) {
    free(object);
    goto done;
  }
  object->base = owner.base;
  int rc = hsp_slot_pages(&owner, &object->start, &object->end);
  if (rc == 2)
    hpl_warning("%s is not known to be the file this process loaded (its "
                "build-id differs or is missing: rebuilt since?); the "
                "function slots of that library stay writable",
                owner.path);
  if (rc == 0 &&
      ((uintptr_t)slot < object->start || (uintptr_t)slot >= object->end))
    rc = 1; /* not where the section says: leave it alone */
  if (rc == 0 && hpo_mprotect((void *)object->start,
                              object->end - object->start, PROT_READ) != 0) {
    hpl_warning("cannot make the function slots at %p read-only; they stay "
                "writable",
                (void *)object->start);
    rc = 1;
  }
  if (rc != 0)
    object->start = object->end = 0;
  object->next = first_object();
  __atomic_store_n(&objects, object, __ATOMIC_RELEASE);
done:
  hpw_unlock(&lock);
}

static bool is_open(uintptr_t page) {
  for (size_t i = 0; i < open_pages.count; i++)
    if (open_pages.pages[i] == page)
      return true;
  return false;
}

int hps_open(void **slot) {
  assert(hpb_owned());
  uintptr_t page = page_of(slot);
  int rc = 0;
  hpw_lock(&lock);
  if (!is_protected((uintptr_t)slot) || is_open(page))
    goto done;
  uintptr_t *pages = hpu_grow(open_pages.pages, &open_pages.capacity,
                              open_pages.count + 1, sizeof *pages);
  if (!pages) {
    errno = ENOMEM;
    rc = -1;
    goto done;
  }
  open_pages.pages = pages;
  if (hpo_mprotect((void *)page, (size_t)getpagesize(),
                   PROT_READ | PROT_WRITE) != 0) {
    rc = -1;
    goto done;
  }
  open_pages.pages[open_pages.count++] = page;
done:
  hpw_unlock(&lock);
  return rc;
}

/* Release store; it pairs with the acquire load every stub performs. */
void hps_publish(void **slot, void *target) {
  assert(hpb_owned());
  assert(!is_protected((uintptr_t)slot) || is_open(page_of(slot)));
  __atomic_store_n(slot, target, __ATOMIC_RELEASE);
}

int hps_open_function(void **slot, void **const *mirrors, size_t count) {
  int rc = slot ? hps_open(slot) : 0;
  for (size_t m = 0; m < count && rc == 0; m++)
    rc = hps_open(mirrors[m]);
  if (rc != 0) {
    int saved = errno;
    hps_close();
    errno = saved;
  }
  return rc;
}

/* Failing leaves a page writable: the slots hold the right code, only the
** guard against stray writes is gone for that page. */
void hps_close(void) {
  assert(hpb_owned());
  hpw_lock(&lock);
  for (size_t i = 0; i < open_pages.count; i++)
    if (hpo_mprotect((void *)open_pages.pages[i], (size_t)getpagesize(),
                     PROT_READ) != 0)
      hpl_warning("cannot make the function slots at %p read-only again; "
                  "they stay writable",
                  (void *)open_pages.pages[i]);
  open_pages.count = 0;
  hpw_unlock(&lock);
}

/*
** From a fault handler that owns the books (loader.h), so no transaction
** has pages open or writes slots meanwhile; only async-signal-safe calls
** (mprotect is a system call).  Returns false when the page could not be
** made writable.
*/
bool hps_publish_from_signal(void **slot, void *target) {
  assert(hpb_owned());
  if (!is_protected((uintptr_t)slot)) {
    __atomic_store_n(slot, target, __ATOMIC_RELEASE);
    return true;
  }
  void *page = (void *)page_of(slot);
  if (mprotect(page, (size_t)getpagesize(), PROT_READ | PROT_WRITE) != 0)
    return false;
  __atomic_store_n(slot, target, __ATOMIC_RELEASE);
  mprotect(page, (size_t)getpagesize(), PROT_READ);
  return true;
}

void hps_lock_for_fork(void) {
  hpw_lock(&lock);
}

void hps_unlock_after_fork(void) {
  hpw_unlock(&lock);
}
