/*
** elf_read.h: reading an ELF file's section headers (not mapped at run time).
*/
#ifndef HOTPATCH_RUNTIME_ELF_READ_H
#define HOTPATCH_RUNTIME_ELF_READ_H

#include <link.h>
#include <stddef.h>
#include <sys/types.h>

/* Read exactly `size` bytes at `offset`; 0, or -1 on error or short read. */
int hpe_read_at(int fd, void *buffer, size_t size, off_t offset);

/* The section named `wanted` in the 64-bit ELF file `fd`: 0 with its header
** in *found, 1 when there is no such section, -1 when the file cannot be
** read or is not 64-bit ELF. */
int hpe_find_section(int fd, const char *wanted, ElfW(Shdr) *found);

#endif /* HOTPATCH_RUNTIME_ELF_READ_H */
