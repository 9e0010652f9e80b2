/*
** test_section_object.c: the object hcc writes for section hotpatch_build,
** read back with the driver's ELF reader (elf_file.c), and which files
** so_target_of takes as a template.
*/
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "elf_file.h"
#include "section_object.h"

static char dir[] = "/tmp/hcc-test-section-object-XXXXXX";

static char *write_file(const char *name, const void *data, size_t size) {
  char *path = hu_xasprintf("%s/%s", dir, name);
  FILE *f = fopen(path, "wb");
  CHECK(f && fwrite(data, 1, size, f) == size && fclose(f) == 0, "%s", path);
  return path;
}

/* An ELF header alone, as a template candidate. */
static char *header_file(const char *name, unsigned char cls,
                         unsigned char data, Elf64_Half type) {
  Elf64_Ehdr eh;
  memset(&eh, 0, sizeof eh);
  memcpy(eh.e_ident, ELFMAG, SELFMAG);
  eh.e_ident[EI_CLASS] = cls;
  eh.e_ident[EI_DATA] = data;
  eh.e_ident[EI_VERSION] = EV_CURRENT;
  eh.e_type = type;
  eh.e_machine = EM_AARCH64;
  eh.e_flags = 0x5;
  return write_file(name, &eh, sizeof eh);
}

static void templates(void) {
  struct so_target t;
  char *rel = header_file("rel.o", ELFCLASS64, ELFDATA2LSB, ET_REL);
  CHECK(so_target_of(rel, &t) == 0, "a relocatable ELF64 object");
  CHECK(t.machine == EM_AARCH64 && t.flags == 0x5, "machine %u flags %#x",
        t.machine, t.flags);
  struct {
    const char *name;
    char *path;
  } refused[] = {
      {"shared object", header_file("lib.so", ELFCLASS64, ELFDATA2LSB, ET_DYN)},
      {"ELF32", header_file("32.o", ELFCLASS32, ELFDATA2LSB, ET_REL)},
      {"big-endian", header_file("be.o", ELFCLASS64, ELFDATA2MSB, ET_REL)},
      {"archive", write_file("lib.a", "!<arch>\n", 8)},
      {"truncated", write_file("short.o", ELFMAG, SELFMAG)},
      {"missing", hu_xasprintf("%s/none.o", dir)},
  };
  for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
    CHECK(so_target_of(refused[i].path, &t) != 0, "%s taken", refused[i].name);
    unlink(refused[i].path);
    free(refused[i].path);
  }
  unlink(rel);
  free(rel);
}

/* Writes an object for a template with OS/ABI `osabi`, reads it back. */
static void written(unsigned char osabi, unsigned char want_osabi) {
  struct so_target t;
  memset(&t, 0, sizeof t);
  memcpy(t.ident, ELFMAG, SELFMAG);
  t.ident[EI_CLASS] = ELFCLASS64;
  t.ident[EI_DATA] = ELFDATA2LSB;
  t.ident[EI_VERSION] = EV_CURRENT;
  t.ident[EI_OSABI] = osabi;
  t.machine = EM_X86_64;
  t.flags = 0;
  static const char content[] = "hotpatch-build 1\n/some/root/.hotpatch\n";
  struct hu_buf out = HU_BUF_INIT;
  hu_buf_adds(&out, "junk before"); /* written at the buffer's end */
  size_t base = out.len;
  so_write(&out, &t, "hotpatch_build", content, sizeof content);
  char *path = write_file("written.o", out.data + base, out.len - base);
  hu_buf_free(&out);

  struct he_file f;
  CHECK(he_open(&f, path, 0) == 0, "read back");
  const Elf64_Ehdr *eh = (const Elf64_Ehdr *)f.data;
  CHECK(eh->e_type == ET_REL && eh->e_machine == EM_X86_64,
        "type %u machine %u", eh->e_type, eh->e_machine);
  CHECK(eh->e_ident[EI_OSABI] == want_osabi, "OS/ABI %u, want %u",
        eh->e_ident[EI_OSABI], want_osabi);
  const Elf64_Shdr *sh = he_section(&f, "hotpatch_build");
  CHECK(sh && sh->sh_type == SHT_PROGBITS &&
            sh->sh_flags == (SHF_ALLOC | SHF_GNU_RETAIN),
        "the section, allocated and retained");
  if (sh) {
    const unsigned char *data;
    size_t size;
    he_section_data(&f, sh, &data, &size);
    CHECK(size == sizeof content && memcmp(data, content, size) == 0,
          "its bytes, the NUL included");
  }
  const Elf64_Shdr *stack = he_section(&f, ".note.GNU-stack");
  CHECK(stack && stack->sh_size == 0 && stack->sh_flags == 0,
        "a non-executable stack note");
  const Elf64_Shdr *symtab = he_section(&f, ".symtab");
  CHECK(symtab && symtab->sh_type == SHT_SYMTAB &&
            symtab->sh_size == sizeof(Elf64_Sym) &&
            symtab->sh_offset % sizeof(Elf64_Sym) == 0 &&
            symtab->sh_link < f.section_count &&
            f.sections[symtab->sh_link].sh_type == SHT_STRTAB,
        "a symbol table of the null symbol, aligned, with its strings");
  he_close(&f);
  unlink(path);
  free(path);
}

int main(void) {
  if (!mkdtemp(dir))
    return perror("mkdtemp"), 1;
  templates();
  written(ELFOSABI_NONE, ELFOSABI_GNU);
  written(ELFOSABI_FREEBSD, ELFOSABI_FREEBSD);
  rmdir(dir);
  return CHECK_DONE();
}
