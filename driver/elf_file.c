/*
** elf_file.c: the ELF64 reader.  Every offset read from the file is checked
** against its size before use: inspect may be pointed at anything.
*/
#define _GNU_SOURCE
#include "elf_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

static int fail(struct he_file *f, int quiet, const char *what) {
  if (!quiet)
    hu_error("%s: %s", f->path, what);
  he_close(f);
  return 1;
}

static int in_file(const struct he_file *f, uint64_t off, uint64_t len) {
  return off <= f->size && len <= f->size - off;
}

static int map_file(struct he_file *f, const char *path, int quiet) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  struct stat st;
  if (fd < 0 || fstat(fd, &st) < 0) {
    if (!quiet)
      hu_error("cannot open %s: %s", path, strerror(errno));
    if (fd >= 0)
      close(fd);
    return 1;
  }
  if (!S_ISREG(st.st_mode) || st.st_size == 0) {
    close(fd);
    return fail(f, quiet, "not an ELF file");
  }
  void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
  close(fd);
  if (p == MAP_FAILED) {
    if (!quiet)
      hu_error("cannot read %s: %s", path, strerror(errno));
    return 1;
  }
  f->data = p;
  f->size = (size_t)st.st_size;
  return 0;
}

/* See elf_file.h. */
int he_open(struct he_file *f, const char *path, int quiet) {
  memset(f, 0, sizeof *f);
  f->path = path;
  if (map_file(f, path, quiet))
    return 1;
  const Elf64_Ehdr *eh = (const Elf64_Ehdr *)f->data;
  if (f->size < EI_NIDENT || memcmp(f->data, ELFMAG, SELFMAG) != 0)
    return fail(f, quiet, "not an ELF file");
  if (f->data[EI_CLASS] != ELFCLASS64 || f->data[EI_DATA] != ELFDATA2LSB)
    return fail(
        f, quiet,
        "not a little-endian ELF64 file (only x86-64/aarch64 ELF64 is supported)");
  if (f->size < sizeof *eh)
    return fail(f, quiet, "truncated ELF file");
  if (eh->e_shoff == 0)
    return fail(f, quiet, "ELF file has no section headers");
  if (eh->e_shentsize != sizeof(Elf64_Shdr))
    return fail(f, quiet, "malformed ELF file (section header size)");
  /* The headers are read in place: linkers align the table (the mapping
  ** itself is page-aligned), and a misaligned one is not a real file. */
  if (eh->e_shoff % _Alignof(Elf64_Shdr) != 0)
    return fail(f, quiet, "malformed ELF file (misaligned section headers)");
  if (!in_file(f, eh->e_shoff, sizeof(Elf64_Shdr)))
    return fail(f, quiet, "truncated ELF file (section headers)");
  f->sections = (const Elf64_Shdr *)(f->data + eh->e_shoff);
  /* Huge section counts live in section 0 (ELF gABI extended numbering).
  ** Compared by division: count * size could wrap around. */
  uint64_t count = eh->e_shnum ? eh->e_shnum : f->sections[0].sh_size;
  if (count > (f->size - eh->e_shoff) / sizeof(Elf64_Shdr))
    return fail(f, quiet, "truncated ELF file (section headers)");
  f->section_count = (size_t)count;
  size_t strndx =
      eh->e_shstrndx == SHN_XINDEX ? f->sections[0].sh_link : eh->e_shstrndx;
  if (strndx == SHN_UNDEF || strndx >= f->section_count)
    return fail(f, quiet, "malformed ELF file (no section name table)");
  const Elf64_Shdr *strsh = &f->sections[strndx];
  if (!in_file(f, strsh->sh_offset, strsh->sh_size))
    return fail(f, quiet, "truncated ELF file (section name table)");
  f->names = (const char *)f->data + strsh->sh_offset;
  f->names_size = strsh->sh_size;
  return 0;
}

/* See elf_file.h. */
void he_close(struct he_file *f) {
  if (f->data)
    munmap((void *)f->data, f->size);
  f->data = NULL;
  f->size = 0;
}

/* See elf_file.h. */
const Elf64_Shdr *he_section(const struct he_file *f, const char *name) {
  size_t len = strlen(name);
  for (size_t i = 1; i < f->section_count; i++) {
    uint32_t off = f->sections[i].sh_name;
    if (off < f->names_size && len < f->names_size - off &&
        memcmp(f->names + off, name, len + 1) == 0)
      return &f->sections[i];
  }
  return NULL;
}

/* See elf_file.h.  A section that points outside the file reads as empty. */
void he_section_data(const struct he_file *f, const Elf64_Shdr *sh,
                     const unsigned char **data, size_t *size) {
  if (sh->sh_type == SHT_NOBITS || !in_file(f, sh->sh_offset, sh->sh_size)) {
    *data = f->data;
    *size = 0;
    return;
  }
  *data = f->data + sh->sh_offset;
  *size = sh->sh_size;
}

static int note_build_id(const unsigned char *p, size_t size, size_t align,
                         char *hex, size_t hex_size) {
  size_t pos = 0;
  while (size - pos >= sizeof(Elf64_Nhdr)) {
    Elf64_Nhdr nh;
    memcpy(&nh, p + pos, sizeof nh);
    pos += sizeof nh;
    size_t name_len = (nh.n_namesz + align - 1) & ~(align - 1);
    size_t desc_len = (nh.n_descsz + align - 1) & ~(align - 1);
    if (name_len > size - pos || desc_len > size - pos - name_len)
      return -1;
    if (nh.n_type == NT_GNU_BUILD_ID && nh.n_namesz == 4 &&
        memcmp(p + pos, "GNU", 4) == 0 && nh.n_descsz > 0 &&
        (size_t)nh.n_descsz * 2 < hex_size) {
      for (size_t i = 0; i < nh.n_descsz; i++)
        snprintf(hex + 2 * i, 3, "%02x", p[pos + name_len + i]);
      return 0;
    }
    pos += name_len + desc_len;
  }
  return -1;
}

/* See elf_file.h. */
int he_build_id(const struct he_file *f, char *hex, size_t hex_size) {
  for (size_t i = 1; i < f->section_count; i++) {
    const Elf64_Shdr *sh = &f->sections[i];
    if (sh->sh_type != SHT_NOTE)
      continue;
    const unsigned char *data;
    size_t size;
    he_section_data(f, sh, &data, &size);
    if (note_build_id(data, size, sh->sh_addralign == 8 ? 8 : 4, hex,
                      hex_size) == 0)
      return 0;
  }
  return -1;
}
