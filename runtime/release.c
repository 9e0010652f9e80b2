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
** are left alone here, and in the others a page is dropped only when
** /proc/self/pagemap says it is not such a copy (not present, or present
** as a file page, and not swapped).
**
** The pages a patch wrote are those the dynamic linker and the runtime
** filled at load (relocated descriptors, GOT, import cells), all in its
** RELRO span (the patch link puts them there, driver/patch_link.h): read
** only since, their bytes are final, so they are copied into an unnamed
** file beside the patch (O_TMPFILE: nothing to clean up, whatever way the
** process ends) and that file is mapped privately over them.  mmap with
** MAP_FIXED replaces the mapping under the address space lock taken for
** writing, so another thread reading there sees the old page or waits
** for the new one, with the same bytes; the anonymous copies are freed,
** and the new page is a clean file page like the others, read back when
** needed and reclaimable.  A patch applied again after a revert writes
** its cells into it again (imports.c): a private copy again, as before.
** Not on tmpfs or ramfs, where the file's pages would be memory no less
** than the copies; nor when the directory takes no file (read-only,
** O_TMPFILE unsupported): the copies are then kept.
**
** HOTPATCH_RELEASE_PAGES=0 turns it all off, HOTPATCH_RELEASE_WRITTEN_PAGES=0
** the move of written pages only (config.h), for comparisons.
*/
#define _GNU_SOURCE
#include "release.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <linux/magic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "config.h"
#include "elf_read.h"
#include "log.h"

/* The page spans of an object's loadable segments, copied out of its
** program headers, which are on its first page: reading them while its
** pages are dropped would read that page back. */
enum { MAX_SEGMENTS = 16 };

struct object {
  ElfW(Addr) base; /* the load address: finds it in dl_iterate_phdr */
  uintptr_t page;
  uintptr_t relro_start, relro_end; /* read-only after relocation */
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
  hpe_mapped_relro(info, object->page, &object->relro_start,
                   &object->relro_end);
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

/* ---------------------------------------------------------- written pages */

/* Whether a page of [start, end) is a private copy the process wrote. */
static bool any_written(int pagemap, uintptr_t start, uintptr_t end,
                        uintptr_t page) {
  for (uintptr_t at = start; at < end; at += page)
    if (written(pagemap, at, page))
      return true;
  return false;
}

/* An unnamed file in the directory of `path`, or -1 when that directory
** takes none or keeps it in memory (the page would stay as resident). */
static int open_page_file(const char *path) {
  const char *slash = strrchr(path, '/');
  if (!slash)
    return -1;
  char *directory = strndup(path, (size_t)(slash - path) + 1);
  if (!directory)
    return -1;
  int fd = open(directory, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  free(directory);
  struct statfs fs;
  if (fd >= 0 && (fstatfs(fd, &fs) != 0 || fs.f_type == TMPFS_MAGIC ||
                  fs.f_type == RAMFS_MAGIC)) {
    close(fd);
    return -1;
  }
  return fd;
}

/* Write all of [from, from + length) at the start of `fd`. */
static bool write_all(int fd, const char *from, size_t length) {
  for (size_t done = 0; done < length;) {
    ssize_t n = pwrite(fd, from + done, length - done, (off_t)done);
    if (n <= 0)
      return false;
    done += (size_t)n;
  }
  return true;
}

/* Replace the RELRO span of `object` (the patch file `path`), when the
** process wrote a page of it, by a private mapping of a file holding the
** same bytes. */
static void move_written(const struct object *object, const char *path,
                         int pagemap) {
  uintptr_t start = object->relro_start, end = object->relro_end;
  if (start == end || !in_writable(object, start) ||
      !in_writable(object, end - 1) ||
      !any_written(pagemap, start, end, object->page))
    return;
  int fd = open_page_file(path);
  if (fd < 0)
    return;
  size_t length = end - start;
  if (write_all(fd, (const char *)start, length) &&
      mmap((void *)start, length, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 0) ==
          MAP_FAILED) /* a late failure: docs/design.md */
    hpl_warning("cannot map the copy of a superseded patch's written page "
                "over it: %s",
                strerror(errno));
  close(fd); /* the mapping holds the file */
}

/* See release.h. */
void hpz_release(void *handle, const char *path) {
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
  if (hpc_release_written_pages())
    move_written(&object, path, pagemap);
  close(pagemap);
}
