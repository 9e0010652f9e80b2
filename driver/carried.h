/*
** carried.h: the compiles objects carry (section hotpatch_unit, format in
** hotpatch_abi.h), read from a linked program or library.
**
** They stand in for compile records the build database lacks: a unit
** ccache served without running hcc, a program built with plain
** `clang -fplugin=hotpatch.so`.  A carried compile is a `clang -cc1`
** command, so it rebuilds the unit exactly as the build compiled it.
*/
#ifndef HCC_CARRIED_H
#define HCC_CARRIED_H

#include "elf_file.h"
#include "program_db.h"

/* A copy of `f`'s section hotpatch_unit (*size bytes), or NULL when it
** has no well-formed block.  Kept as text and parsed where a compile is
** looked up: a program carries the compile of every unit (git: 374), and
** most patches need none of them. */
char *cu_copy(const struct he_file *f, size_t *size);

/* The first well-formed block of `size` bytes of hotpatch_unit blocks for
** `module_id` (for any module when NULL) into *out, as a compile with
** `carried` set, argv "-cc1" and the arguments (the source among them),
** and source absolute; 0, or -1 when there is none.  Blocks of another
** format version are skipped. */
int cu_find(const char *blocks, size_t size, const char *module_id,
            struct pd_compile *out);

#endif /* HCC_CARRIED_H */
