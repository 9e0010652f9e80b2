/*
** elf_read.h: reading an ELF file's section headers (not mapped at run
** time), build-id notes and the RELRO span of a loaded object.
*/
#ifndef HOTPATCH_RUNTIME_ELF_READ_H
#define HOTPATCH_RUNTIME_ELF_READ_H

#include <link.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Read exactly `size` bytes at `offset`; 0, or -1 on error or short read. */
int hpe_read_at(int fd, void *buffer, size_t size, off_t offset);

/* The section named `wanted` in the 64-bit ELF file `fd`: 0 with its header
** in *found, 1 when there is no such section, -1 when the file cannot be
** read or is not 64-bit ELF. */
int hpe_find_section(int fd, const char *wanted, ElfW(Shdr) *found);

/* The GNU build-id among the notes notes[0..size) (a PT_NOTE segment, in
** memory or read from a file): 0 with *id pointing at its bytes and
** *length their count, -1 when there is none or a note runs past the end. */
int hpe_find_build_id(const unsigned char *notes, size_t size,
                      const unsigned char **id, size_t *length);

/* The GNU build-id in the mapped notes of the loaded object `info`
** describes (dl_iterate_phdr): 0 with *id and *length as above, -1 when it
** has none. */
struct dl_phdr_info;
int hpe_mapped_build_id(const struct dl_phdr_info *info,
                        const unsigned char **id, size_t *length);

/* The pages the dynamic linker made read-only after relocating the loaded
** object `info` describes (its PT_GNU_RELRO segment, the end rounded down
** to a page as glibc does): [*start, *end), empty (both 0) when it has
** none. */
void hpe_mapped_relro(const struct dl_phdr_info *info, uintptr_t page,
                      uintptr_t *start, uintptr_t *end);

/* The GNU build-id of the 64-bit ELF file `fd`, from its PT_NOTE segments,
** into id[max]: its length, or -1 when it has none (or it does not fit). */
int hpe_file_build_id(int fd, unsigned char *id, size_t max);

#endif /* HOTPATCH_RUNTIME_ELF_READ_H */
