/*
** release.c: the resident pages of patches nothing runs any more, given
** back.
**
** Applied patches stay mapped (loader.c): a frame may still run their
** code, a revert points slots at it again, and a pointer to one of their
** private constants (a string literal a patched function returned) may
** have been stored anywhere.  Yet once no slot points into a patch, its
** read-only pages (code, constants, symbol tables) are normally never
** touched again, and each patch kept about two of them resident: a
** session of a thousand patches grew by megabytes for nothing.
**
** hpz_release drops those pages from this process's page tables with
** MADV_DONTNEED.  For a private file mapping, a page dropped is read again
** from the file at its next access (the mapping holds the file even when
** its name is gone), so a frame still running there, a revert or an
** escaped pointer costs a page fault, never a wrong byte.  The kernel does
** exactly this to clean file pages under memory pressure, so nothing can
** fail here that could not fail before.  The one difference: a page the
** process wrote is a private anonymous copy, and dropping it would lose
** the writes (relocations, a debugger's breakpoint).  So writable segments
** are left alone, and in the others a page is dropped only when
** /proc/self/pagemap says it is not such a copy (not present, or present
** as a file page, and not swapped).
**
** HOTPATCH_RELEASE_PAGES=0 turns it off (config.h), for comparisons.
*/
#define _GNU_SOURCE
#include "release.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <link.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#include "config.h"

/* The page spans of an object's loadable segments, copied out of its
** program headers, which are on its first page: reading them while its
** pages are dropped would read that page back. */
enum { MAX_SEGMENTS = 16 };

struct object {
  ElfW(Addr) base; /* the load address: finds it in dl_iterate_phdr */
  uintptr_t page;
  size_t count;
  struct segment {
    uintptr_t start, end;
    bool writable;
  } segments[MAX_SEGMENTS];
};

static int find_object(struct dl_phdr_info *info, size_t size, void *arg) {
  struct object *object = arg;
  (void)size;
  if (info->dlpi_addr != object->base)
    return 0;
  for (ElfW(Half) i = 0; i < info->dlpi_phnum; i++) {
    const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
    if (ph->p_type != PT_LOAD)
      continue;
    if (object->count == MAX_SEGMENTS)
      return -1; /* not a patch lld made: leave it */
    uintptr_t first = object->base + ph->p_vaddr, page = object->page;
    object->segments[object->count++] = (struct segment){
        first & ~(page - 1), (first + ph->p_memsz + page - 1) & ~(page - 1),
        (ph->p_flags & PF_W) != 0};
  }
  return 1;
}

/* Whether `address` is on a page of a writable segment. */
static bool in_writable(const struct object *object, uintptr_t address) {
  for (size_t i = 0; i < object->count; i++)
    if (object->segments[i].writable && address >= object->segments[i].start &&
        address < object->segments[i].end)
      return true;
  return false;
}

/* Whether the page at `address` is a private copy the process wrote (or
** cannot be told apart from one).  pagemap: bit 63 present, 62 swapped,
** 61 file page or shared anonymous. */
static bool written(int pagemap, uintptr_t address, uintptr_t page) {
  uint64_t entry;
  off_t at = (off_t)(address / page * sizeof entry);
  if (pread(pagemap, &entry, sizeof entry, at) != (ssize_t)sizeof entry)
    return true;
  bool present = entry >> 63 & 1, swapped = entry >> 62 & 1;
  bool file = entry >> 61 & 1;
  return swapped || (present && !file);
}

/* See release.h. */
void hpz_release(void *handle) {
  struct link_map *map = NULL;
  if (!hpc_release_pages() || dlinfo(handle, RTLD_DI_LINKMAP, &map) != 0 ||
      !map)
    return;
  struct object object = {.base = map->l_addr,
                          .page = (uintptr_t)sysconf(_SC_PAGESIZE)};
  if (dl_iterate_phdr(find_object, &object) != 1)
    return;
  int pagemap = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
  if (pagemap < 0)
    return;
  for (size_t i = 0; i < object.count; i++) {
    const struct segment *segment = &object.segments[i];
    for (uintptr_t at = segment->start; !segment->writable && at < segment->end;
         at += object.page)
      if (!in_writable(&object, at) && !written(pagemap, at, object.page))
        (void)madvise((void *)at, object.page, MADV_DONTNEED); /* else kept */
  }
  close(pagemap);
}
