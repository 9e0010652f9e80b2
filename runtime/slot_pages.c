/*
** slot_pages.c: the address range of an object's hotpatch_slots section.
**
** Section headers are not mapped at run time, so they are read from the
** object's file: /proc/self/exe for the program (the kernel's link to the
** very file it runs, even when a rebuild has replaced it since), the path
** the dynamic linker recorded for a shared object.  That path may name
** another file by now (a library rebuilt in place, a relative path after
** chdir), whose sections are elsewhere: it is read only when its GNU
** build-id is the one in the mapped image's notes.  Only 64-bit ELF of the
** running machine is read; anything else answers "not isolated".
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

struct search {
  uintptr_t address;         /* in  */
  struct hsp_object *object; /* out */
  int found;
};

/* The build-id in the mapped notes of the object `info` describes. */
static void mapped_build_id(const struct dl_phdr_info *info,
                            struct hsp_object *object) {
  const unsigned char *id;
  size_t length;
  if (hpe_mapped_build_id(info, &id, &length) == 0 &&
      length <= sizeof object->build_id) {
    memcpy(object->build_id, id, length);
    object->build_id_length = length;
  }
}

static int find_owner(struct dl_phdr_info *info, size_t size, void *arg) {
  struct search *search = arg;
  (void)size;
  for (ElfW(Half) i = 0; i < info->dlpi_phnum; i++) {
    const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
    uintptr_t begin = info->dlpi_addr + ph->p_vaddr;
    if (ph->p_type == PT_LOAD && search->address >= begin &&
        search->address < begin + ph->p_memsz) {
      struct hsp_object *object = search->object;
      object->base = info->dlpi_addr;
      object->program = !info->dlpi_name || !info->dlpi_name[0];
      object->path = object->program ? "/proc/self/exe" : info->dlpi_name;
      object->build_id_length = 0;
      mapped_build_id(info, object);
      search->found = 1;
      return 1;
    }
  }
  return 0;
}

int hsp_object_of(const void *address, struct hsp_object *object) {
  struct search search = {.address = (uintptr_t)address, .object = object};
  dl_iterate_phdr(find_owner, &search);
  return search.found ? 0 : -1;
}

/* Whether the file `fd` is the mapped image of `object`. */
static int is_mapped_file(int fd, const struct hsp_object *object) {
  if (object->program)
    return 1;
  unsigned char id[sizeof object->build_id];
  int length = hpe_file_build_id(fd, id, sizeof id);
  return object->build_id_length > 0 && length >= 0 &&
         (size_t)length == object->build_id_length &&
         memcmp(id, object->build_id, object->build_id_length) == 0;
}

int hsp_slot_pages(const struct hsp_object *object, uintptr_t *start,
                   uintptr_t *end) {
  int fd = open(object->path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return -1;
  ElfW(Shdr) section;
  int rc = hpe_find_section(fd, HOTPATCH_SLOT_SECTION, &section);
  if (rc == 0 && !is_mapped_file(fd, object))
    rc = 2;
  close(fd);
  if (rc != 0)
    return rc;
  uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
  *start = object->base + section.sh_addr;
  *end = *start + section.sh_size;
  if (section.sh_size == 0 || *start % page || *end % page)
    return 1;
  return 0;
}
