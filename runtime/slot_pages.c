/*
** slot_pages.c: the address range of an object's hotpatch_slots section.
**
** Section headers are not mapped at run time, so they are read from the
** object's file: /proc/self/exe for the program, the path the dynamic
** linker recorded for a shared object.  Only 64-bit little-endian ELF of
** the running machine is read; anything else answers "not isolated".
*/
#define _GNU_SOURCE
#include "slot_pages.h"

#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "elf_read.h"
#include "hotpatch_abi.h"

struct owner {
  uintptr_t address; /* in  */
  uintptr_t base;    /* out */
  const char *name;  /* out: "" for the program */
  int found;
};

static int find_owner(struct dl_phdr_info *info, size_t size, void *arg) {
  struct owner *owner = arg;
  (void)size;
  for (ElfW(Half) i = 0; i < info->dlpi_phnum; i++) {
    const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
    uintptr_t begin = info->dlpi_addr + ph->p_vaddr;
    if (ph->p_type == PT_LOAD && owner->address >= begin &&
        owner->address < begin + ph->p_memsz) {
      owner->base = info->dlpi_addr;
      owner->name = info->dlpi_name;
      owner->found = 1;
      return 1;
    }
  }
  return 0;
}

int hsp_object_of(const void *address, uintptr_t *base, const char **path) {
  struct owner owner = {.address = (uintptr_t)address};
  dl_iterate_phdr(find_owner, &owner);
  if (!owner.found)
    return -1;
  *base = owner.base;
  *path = owner.name && owner.name[0] ? owner.name : "/proc/self/exe";
  return 0;
}

int hsp_slot_pages(const char *path, uintptr_t base, uintptr_t *start,
                   uintptr_t *end) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return -1;
  ElfW(Shdr) section;
  int rc = hpe_find_section(fd, HOTPATCH_SLOT_SECTION, &section);
  close(fd);
  if (rc != 0)
    return rc;
  uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
  *start = base + section.sh_addr;
  *end = *start + section.sh_size;
  if (section.sh_size == 0 || *start % page || *end % page)
    return 1;
  return 0;
}
