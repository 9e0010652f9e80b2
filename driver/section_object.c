/*
** section_object.c: a relocatable ELF object holding one section.
**
** Every final link gets section hotpatch_build (cc_mode.c).  Assembling
** its two lines of source took a compiler process, 15-20 ms of CPU, at the
** first link of every build root (and at each of the first links that ran
** in parallel).  The object is six fixed sections, written here in a few
** lines with <elf.h>; libelf would be a new dependency for that, and LLVM's
** object writer is not in the driver.  Its class, byte order, machine and
** flags come from an object of the same link, so it is right for whatever
** target that link is for; a link without a little-endian ELF64 object
** assembles the source as before.
**
** Layout: the ELF header, the section's bytes, the string tables, an empty
** symbol table (its null entry), then the section headers:
**   0 null, 1 <name>, 2 .note.GNU-stack, 3 .symtab, 4 .strtab, 5 .shstrtab
*/
#include "section_object.h"

#include <stdio.h>
#include <string.h>

int so_target_of(const char *object, struct so_target *t) {
  Elf64_Ehdr eh;
  FILE *f = fopen(object, "rb");
  int ok = f && fread(&eh, sizeof eh, 1, f) == 1;
  if (f)
    fclose(f);
  if (!ok || memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 ||
      eh.e_ident[EI_CLASS] != ELFCLASS64 ||
      eh.e_ident[EI_DATA] != ELFDATA2LSB || eh.e_type != ET_REL)
    return -1;
  memcpy(t->ident, eh.e_ident, EI_NIDENT);
  t->machine = eh.e_machine;
  t->flags = eh.e_flags;
  return 0;
}

enum { S_NULL, S_DATA, S_STACK, S_SYMTAB, S_STRTAB, S_SHSTRTAB, S_COUNT };

/* Pads `out` with zeros until what follows `base` is a multiple of `align`
** long, so that the next field is aligned in the object. */
static void pad_to(struct hu_buf *out, size_t base, size_t align) {
  while ((out->len - base) % align)
    hu_buf_addc(out, '\0');
}

void so_write(struct hu_buf *out, const struct so_target *t, const char *name,
              const char *data, size_t size) {
  size_t base = out->len;
  Elf64_Shdr sh[S_COUNT];
  memset(sh, 0, sizeof sh);
  Elf64_Ehdr eh;
  memset(&eh, 0, sizeof eh);
  hu_buf_add(out, (const char *)&eh, sizeof eh); /* filled in at the end */

  sh[S_DATA].sh_offset = out->len - base;
  hu_buf_add(out, data, size);
  sh[S_DATA].sh_size = size;

  /* .strtab: only the empty name of the null symbol. */
  sh[S_STRTAB].sh_offset = out->len - base;
  hu_buf_addc(out, '\0');
  sh[S_STRTAB].sh_size = 1;

  static const char *const names[S_COUNT] = {
      "", NULL, ".note.GNU-stack", ".symtab", ".strtab", ".shstrtab"};
  sh[S_SHSTRTAB].sh_offset = out->len - base;
  for (int i = 0; i < S_COUNT; i++) {
    sh[i].sh_name = (Elf64_Word)(out->len - base - sh[S_SHSTRTAB].sh_offset);
    const char *n = i == S_DATA ? name : names[i];
    hu_buf_add(out, n, strlen(n) + 1);
  }
  sh[S_SHSTRTAB].sh_size = out->len - base - sh[S_SHSTRTAB].sh_offset;

  pad_to(out, base, _Alignof(Elf64_Sym));
  Elf64_Sym null_symbol;
  memset(&null_symbol, 0, sizeof null_symbol);
  sh[S_SYMTAB].sh_offset = out->len - base;
  hu_buf_add(out, (const char *)&null_symbol, sizeof null_symbol);
  sh[S_SYMTAB].sh_size = sizeof null_symbol;

  sh[S_DATA].sh_type = SHT_PROGBITS;
  sh[S_DATA].sh_flags = SHF_ALLOC | SHF_GNU_RETAIN;
  sh[S_DATA].sh_addralign = 1;
  sh[S_STACK].sh_type = SHT_PROGBITS;
  sh[S_STACK].sh_offset = sh[S_STRTAB].sh_offset;
  sh[S_STACK].sh_addralign = 1;
  sh[S_SYMTAB].sh_type = SHT_SYMTAB;
  sh[S_SYMTAB].sh_link = S_STRTAB;
  sh[S_SYMTAB].sh_info = 1; /* one past the last local symbol */
  sh[S_SYMTAB].sh_addralign = _Alignof(Elf64_Sym);
  sh[S_SYMTAB].sh_entsize = sizeof(Elf64_Sym);
  sh[S_STRTAB].sh_type = SHT_STRTAB;
  sh[S_STRTAB].sh_addralign = 1;
  sh[S_SHSTRTAB].sh_type = SHT_STRTAB;
  sh[S_SHSTRTAB].sh_addralign = 1;

  pad_to(out, base, _Alignof(Elf64_Shdr));
  memcpy(eh.e_ident, t->ident, EI_NIDENT);
  /* GNU ld reads SHF_GNU_RETAIN only in GNU objects (the assembler marks
  ** an object that uses it so); without the mark --gc-sections drops the
  ** section. */
  if (eh.e_ident[EI_OSABI] == ELFOSABI_NONE)
    eh.e_ident[EI_OSABI] = ELFOSABI_GNU;
  eh.e_type = ET_REL;
  eh.e_machine = t->machine;
  eh.e_version = EV_CURRENT;
  eh.e_flags = t->flags;
  eh.e_ehsize = sizeof eh;
  eh.e_shoff = out->len - base;
  eh.e_shentsize = sizeof(Elf64_Shdr);
  eh.e_shnum = S_COUNT;
  eh.e_shstrndx = S_SHSTRTAB;
  hu_buf_add(out, (const char *)sh, sizeof sh);
  memcpy(out->data + base, &eh, sizeof eh);
}
