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

/* Append every well-formed block of `f`'s section hotpatch_unit to *units
** (*count of them), as compiles with `carried` set, argv "-cc1" and the
** arguments (the source among them), and source absolute.
** Blocks of another format version are skipped. */
void cu_read(const struct he_file *f, struct pd_compile **units, int *count);

#endif /* HCC_CARRIED_H */
