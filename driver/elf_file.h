/*
** elf_file.h: a small read-only ELF64 reader: sections by name and the GNU
** build-id note.  Used by `hcc inspect` (section hotpatch_info) and by the
** link step (build-id for the database).
*/
#ifndef HCC_ELF_FILE_H
#define HCC_ELF_FILE_H

#include <elf.h>
#include <stddef.h>

struct he_file {
  const char *path;
  const unsigned char *data; /* the whole file, mapped read-only */
  size_t size;
  const Elf64_Shdr *sections;
  size_t section_count;
  const char *names; /* section name string table */
  size_t names_size;
};

/* Map and validate `path`.  Returns 0, or 1 after printing a one-line
** "hcc: error: PATH: ..." (not found, not ELF, truncated, not ELF64) unless
** `quiet`. */
int he_open(struct he_file *f, const char *path, int quiet);
void he_close(struct he_file *f);

/* The section called `name`, or NULL. */
const Elf64_Shdr *he_section(const struct he_file *f, const char *name);

/* Contents of section `sh` (empty for SHT_NOBITS): sets *data and *size. */
void he_section_data(const struct he_file *f, const Elf64_Shdr *sh,
                     const unsigned char **data, size_t *size);

/* Lower-case hex of the NT_GNU_BUILD_ID note into `hex` (at least 2*64+1
** bytes).  Returns 0, or -1 when the file has none. */
int he_build_id(const struct he_file *f, char *hex, size_t hex_size);

#endif /* HCC_ELF_FILE_H */
