/*
** elf_read.c: reading section headers from an ELF file.
**
** Only what the runtime needs: finding one section by name, the GNU
** build-id among notes (mapped, or read from a file), and the RELRO span
** of a loaded object.  A short read is an
** error, so a truncated file is never parsed past its end; sizes inside
** notes are checked against what is left, by subtraction.
*/
#define _GNU_SOURCE
#include "elf_read.h"

#include <link.h>

#include <elf.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int hpe_read_at(int fd, void *buffer, size_t size, off_t offset) {
  return pread(fd, buffer, size, offset) == (ssize_t)size ? 0 : -1;
}

int hpe_find_section(int fd, const char *wanted, ElfW(Shdr) *found) {
  ElfW(Ehdr) eh;
  if (hpe_read_at(fd, &eh, sizeof eh, 0) != 0 ||
      memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 ||
      eh.e_ident[EI_CLASS] != ELFCLASS64 ||
      eh.e_shentsize != sizeof(ElfW(Shdr)) || eh.e_shnum == 0 ||
      eh.e_shstrndx >= eh.e_shnum)
    return -1;
  ElfW(Shdr) *sh = malloc((size_t)eh.e_shnum * sizeof *sh);
  char *names = NULL;
  int rc = -1;
  if (!sh ||
      hpe_read_at(fd, sh, (size_t)eh.e_shnum * sizeof *sh, eh.e_shoff) != 0)
    goto done;
  const ElfW(Shdr) *strtab = &sh[eh.e_shstrndx];
  if (strtab->sh_size == 0 || strtab->sh_size > (1u << 24) ||
      !(names = malloc(strtab->sh_size + 1)) ||
      hpe_read_at(fd, names, strtab->sh_size, strtab->sh_offset) != 0)
    goto done;
  names[strtab->sh_size] = '\0';
  rc = 1;
  for (ElfW(Half) i = 0; i < eh.e_shnum; i++)
    if (sh[i].sh_name < strtab->sh_size &&
        strcmp(names + sh[i].sh_name, wanted) == 0) {
      *found = sh[i];
      rc = 0;
      break;
    }
done:
  free(names);
  free(sh);
  return rc;
}

/* A note's name or descriptor takes its size rounded up to 4 bytes. */
static size_t padded(size_t size) {
  return (size + 3) & ~(size_t)3;
}

int hpe_find_build_id(const unsigned char *notes, size_t size,
                      const unsigned char **id, size_t *length) {
  while (size >= sizeof(ElfW(Nhdr))) {
    ElfW(Nhdr) note;
    memcpy(&note, notes, sizeof note);
    size -= sizeof note;
    notes += sizeof note;
    if (padded(note.n_namesz) > size)
      return -1;
    const unsigned char *name = notes;
    size -= padded(note.n_namesz);
    notes += padded(note.n_namesz);
    if (padded(note.n_descsz) > size)
      return -1;
    if (note.n_type == NT_GNU_BUILD_ID && note.n_namesz == 4 &&
        memcmp(name, "GNU", 4) == 0 && note.n_descsz > 0) {
      *id = notes;
      *length = note.n_descsz;
      return 0;
    }
    size -= padded(note.n_descsz);
    notes += padded(note.n_descsz);
  }
  return -1;
}

int hpe_file_build_id(int fd, unsigned char *id, size_t max) {
  ElfW(Ehdr) eh;
  if (hpe_read_at(fd, &eh, sizeof eh, 0) != 0 ||
      memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 ||
      eh.e_ident[EI_CLASS] != ELFCLASS64 ||
      eh.e_phentsize != sizeof(ElfW(Phdr)))
    return -1;
  for (ElfW(Half) i = 0; i < eh.e_phnum; i++) {
    ElfW(Phdr) ph;
    if (eh.e_phoff > (ElfW(Off))LLONG_MAX - (ElfW(Off))i * sizeof ph ||
        hpe_read_at(fd, &ph, sizeof ph, (off_t)(eh.e_phoff + i * sizeof ph)))
      return -1;
    if (ph.p_type != PT_NOTE || ph.p_filesz == 0 || ph.p_filesz > 65536 ||
        ph.p_offset > (ElfW(Off))LLONG_MAX)
      continue;
    unsigned char *notes = malloc(ph.p_filesz);
    const unsigned char *found;
    size_t length = 0;
    int rc = -1;
    if (notes && hpe_read_at(fd, notes, ph.p_filesz, (off_t)ph.p_offset) == 0 &&
        hpe_find_build_id(notes, ph.p_filesz, &found, &length) == 0 &&
        length <= max) {
      memcpy(id, found, length);
      rc = (int)length;
    }
    free(notes);
    if (rc >= 0)
      return rc;
  }
  return -1;
}

/* See elf_read.h. */
void hpe_mapped_relro(const struct dl_phdr_info *info, uintptr_t page,
                      uintptr_t *start, uintptr_t *end) {
  *start = *end = 0;
  for (ElfW(Half) i = 0; i < info->dlpi_phnum; i++)
    if (info->dlpi_phdr[i].p_type == PT_GNU_RELRO) {
      uintptr_t first = info->dlpi_addr + info->dlpi_phdr[i].p_vaddr;
      *start = first & ~(page - 1);
      *end = (first + info->dlpi_phdr[i].p_memsz) & ~(page - 1);
    }
}

/* See elf_read.h. */
int hpe_mapped_build_id(const struct dl_phdr_info *info,
                        const unsigned char **id, size_t *length) {
  for (ElfW(Half) i = 0; i < info->dlpi_phnum; i++) {
    const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
    if (ph->p_type == PT_NOTE &&
        hpe_find_build_id(
            (const unsigned char *)(info->dlpi_addr + ph->p_vaddr), ph->p_memsz,
            id, length) == 0)
      return 0;
  }
  return -1;
}
