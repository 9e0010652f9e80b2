/*
** section_object.h: a relocatable ELF object holding one allocated,
** retained section, written without an assembler (cc_mode.c's
** hotpatch_build section).
*/
#ifndef HCC_SECTION_OBJECT_H
#define HCC_SECTION_OBJECT_H

#include <elf.h>
#include <stddef.h>

#include "util.h"

/* What an object is for: class, byte order and ABI, machine, flags. */
struct so_target {
  unsigned char ident[EI_NIDENT];
  Elf64_Half machine;
  Elf64_Word flags;
};

/* The target of `object` when it is a little-endian ELF64 relocatable
** object (what so_write can write alike).  0, or -1 otherwise. */
int so_target_of(const char *object, struct so_target *t);

/* Appends to `out` an object for `t` with section `name` (SHF_ALLOC and
** SHF_GNU_RETAIN, so --gc-sections keeps it) holding `size` bytes of
** `data`, and an empty .note.GNU-stack (the stack stays non-executable). */
void so_write(struct hu_buf *out, const struct so_target *t, const char *name,
              const char *data, size_t size);

#endif /* HCC_SECTION_OBJECT_H */
