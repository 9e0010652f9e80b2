/*
** constants.c: copying a patch's new content over external constants, and
** the old content back on revert.
**
** A revert makes every page it will write writable first (hpk_open), before
** its commit point, so that writing the old content back cannot fail after
** the slots were pointed back; hpk_close gives each page its protection
** again.  The pages opened are the revert's own, under the loader mutex.
*/
#define _GNU_SOURCE
#include "constants.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "syscalls.h"

/* The protection of the mapping holding `address`, from /proc/self/maps;
** PROT_READ when it cannot be told (constants live in read-only pages). */
static int protection_of(uintptr_t address) {
  FILE *maps = fopen("/proc/self/maps", "re");
  int prot = PROT_READ;
  if (!maps)
    return prot;
  char line[512];
  while (fgets(line, sizeof line, maps)) {
    unsigned long start, end;
    char perms[5];
    if (sscanf(line, "%lx-%lx %4s", &start, &end, perms) != 3)
      continue;
    if (address >= start && address < end) {
      prot = (perms[0] == 'r' ? PROT_READ : 0) |
             (perms[1] == 'w' ? PROT_WRITE : 0) |
             (perms[2] == 'x' ? PROT_EXEC : 0);
      break;
    }
  }
  fclose(maps);
  return prot;
}

/* memcpy into memory that may be read-only, one page at a time so that
** each page gets its own protection back. */
static int write_protected(void *target, const void *content, size_t size) {
  uintptr_t page_size = (uintptr_t)sysconf(_SC_PAGESIZE);
  uintptr_t at = (uintptr_t)target, end = at + size;
  const unsigned char *from = content;
  while (at < end) {
    uintptr_t page = at & ~(page_size - 1);
    size_t n = (size_t)((page + page_size < end ? page + page_size : end) - at);
    int prot = protection_of(at);
    if (!(prot & PROT_WRITE) &&
        hpo_mprotect((void *)page, page_size, prot | PROT_WRITE) != 0)
      return -1;
    memcpy((void *)at, from, n);
    if (!(prot & PROT_WRITE))
      hpo_mprotect((void *)page, page_size, prot); /* best effort */
    at += n;
    from += n;
  }
  return 0;
}

int hpk_save(struct hpy_record *record, const struct hotpatch_patch *patch) {
  for (uint32_t i = 0; i < patch->update_count; i++) {
    const struct hotpatch_update *update = &patch->updates[i];
    void *target = *update->target_cell;
    unsigned char *previous = malloc(update->size ? update->size : 1);
    if (!previous || hpy_add_update(record, target, previous, update->size)) {
      free(previous);
      return -1;
    }
    memcpy(previous, target, update->size);
  }
  return 0;
}

int hpk_apply(const struct hotpatch_patch *patch) {
  for (uint32_t i = 0; i < patch->update_count; i++) {
    const struct hotpatch_update *update = &patch->updates[i];
    if (write_protected(*update->target_cell, update->content, update->size))
      return -1;
  }
  return 0;
}

/* The pages hpk_open made writable, with the protection each had. */
static struct {
  struct opened {
    uintptr_t page;
    int prot;
  } *pages;
  size_t count;
} opened;

static bool is_opened(uintptr_t page) {
  for (size_t i = 0; i < opened.count; i++)
    if (opened.pages[i].page == page)
      return true;
  return false;
}

/* Make `page` writable and remember how it was; 0, or -1 with errno. */
static int open_page(uintptr_t page, size_t page_size) {
  if (is_opened(page))
    return 0;
  int prot = protection_of(page);
  struct opened *grown =
      realloc(opened.pages, (opened.count + 1) * sizeof *opened.pages);
  if (!grown)
    return -1;
  opened.pages = grown;
  if (!(prot & PROT_WRITE) &&
      hpo_mprotect((void *)page, page_size, prot | PROT_WRITE) != 0)
    return -1;
  opened.pages[opened.count++] = (struct opened){page, prot};
  return 0;
}

int hpk_open(const struct hpy_record *record) {
  uintptr_t page_size = (uintptr_t)sysconf(_SC_PAGESIZE);
  for (size_t i = 0; i < record->update_count; i++) {
    const struct hpy_update *update = &record->updates[i];
    uintptr_t at = (uintptr_t)update->target, end = at + update->size;
    for (uintptr_t page = at & ~(page_size - 1); page < end; page += page_size)
      if (open_page(page, page_size) != 0) {
        int saved = errno;
        hpk_close();
        errno = saved;
        return -1;
      }
  }
  return 0;
}

void hpk_close(void) {
  uintptr_t page_size = (uintptr_t)sysconf(_SC_PAGESIZE);
  for (size_t i = 0; i < opened.count; i++)
    if (!(opened.pages[i].prot & PROT_WRITE))
      hpo_mprotect((void *)opened.pages[i].page, page_size,
                   opened.pages[i].prot); /* best effort: stays writable */
  free(opened.pages);
  opened.pages = NULL;
  opened.count = 0;
}

void hpk_restore(const struct hpy_record *record) {
  for (size_t i = record->update_count; i-- > 0;) {
    const struct hpy_update *update = &record->updates[i];
    write_protected(update->target, update->previous, update->size);
  }
}
