/*
** elf_read.c: reading section headers from an ELF file.
**
** Only what the runtime needs: finding one section by name.  Bounds are
** checked against nothing but the reads themselves; a short read is an
** error, so a truncated file is never parsed past its end.
*/
#define _GNU_SOURCE
#include "elf_read.h"

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
