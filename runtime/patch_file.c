/*
** patch_file.c: who may have written a patch file, and is it whole.
**
** dlopen() runs the file's constructors at once, so a patch is code the
** process will execute with its own privileges: only a file that the
** process's own user or root wrote (and nobody else can rewrite) is
** accepted.  The
** checks are of the file at the moment of the check; the directory it is
** in must not be writable by others either, or the file could be replaced
** between the check and dlopen (hcc writes patches into the build root's
** .hotpatch directory).
**
** Sections: ownership, ELF sanity, target build.
*/
#define _GNU_SOURCE
#include "patch_file.h"

#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "elf_read.h"

#if defined(__x86_64__)
#define HOST_MACHINE EM_X86_64
#elif defined(__aarch64__)
#define HOST_MACHINE EM_AARCH64
#elif defined(__riscv)
#define HOST_MACHINE EM_RISCV
#else
#define HOST_MACHINE EM_NONE /* unknown: not checked */
#endif

/* -------------------------------------------------------------- ownership */

static int check_owner(const char *path, const struct stat *file, char *why,
                       size_t size) {
  if (!S_ISREG(file->st_mode)) {
    snprintf(why, size, "cannot load patch %s: it is not a regular file",
             path);
    return -1;
  }
  /* Root's files too: root may patch a process that switched to another
  ** user (include/hotpatch_control.h), and root could change it anyway. */
  if (file->st_uid != geteuid() && file->st_uid != 0) {
    snprintf(why, size, "cannot load patch %s: it is owned by uid %ld, not "
             "by this process's user (uid %ld) or root; only your own and "
             "root's patch files are loaded", path, (long)file->st_uid,
             (long)geteuid());
    return -1;
  }
  /* Group-writable is fine for the user's own group (umask 002 with a
  ** group per user); not for a group others belong to. */
  if ((file->st_mode & S_IWOTH) ||
      ((file->st_mode & S_IWGRP) && file->st_gid != getegid())) {
    snprintf(why, size, "cannot load patch %s: it is writable by %s (mode "
             "%04o), so someone else could have changed it; chmod go-w it "
             "and apply again", path,
             (file->st_mode & S_IWOTH) ? "every user" : "its group",
             (unsigned)(file->st_mode & 07777));
    return -1;
  }
  return 0;
}

/* ------------------------------------------------------------ ELF sanity */

/* The end of the furthest header table or loaded segment: a file shorter
** than that was cut off. */
static int check_elf(int fd, const char *path, off_t file_size, char *why,
                     size_t size) {
  ElfW(Ehdr) eh;
  if (hpe_read_at(fd, &eh, sizeof eh, 0) != 0 ||
      memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0) {
    snprintf(why, size, "cannot load patch %s: it is not an ELF file (a "
             "corrupted or wrong file); rebuild the patch", path);
    return -1;
  }
  if (eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_type != ET_DYN ||
      (HOST_MACHINE != EM_NONE && eh.e_machine != HOST_MACHINE) ||
      eh.e_phentsize != sizeof(ElfW(Phdr))) {
    snprintf(why, size, "cannot load patch %s: it is not a shared object "
             "for this machine; rebuild the patch", path);
    return -1;
  }
  unsigned long long need = sizeof eh;
  unsigned long long ph_end = eh.e_phoff + (unsigned long long)eh.e_phnum *
                                               sizeof(ElfW(Phdr));
  unsigned long long sh_end = eh.e_shoff + (unsigned long long)eh.e_shnum *
                                               eh.e_shentsize;
  if (ph_end > need)
    need = ph_end;
  if (sh_end > need)
    need = sh_end;
  ElfW(Phdr) ph;
  bool table_whole = ph_end <= (unsigned long long)file_size;
  for (ElfW(Half) i = 0; table_whole && i < eh.e_phnum; i++)
    if (hpe_read_at(fd, &ph, sizeof ph, eh.e_phoff + i * sizeof ph) == 0 &&
        ph.p_offset + ph.p_filesz > need)
      need = ph.p_offset + ph.p_filesz;
  if (need > (unsigned long long)file_size) {
    snprintf(why, size, "cannot load patch %s: it is truncated (%lld bytes, "
             "its headers need %llu); rebuild the patch", path,
             (long long)file_size, need);
    return -1;
  }
  return 0;
}

/* ---------------------------------------------------------- target build */

struct build_search {
  const char *hex; /* wanted */
  bool found;
};

static bool note_matches(const ElfW(Nhdr) *note, const char *hex) {
  const unsigned char *id =
      (const unsigned char *)(note + 1) + ((note->n_namesz + 3) & ~3u);
  size_t length = strlen(hex);
  if (length != 2 * (size_t)note->n_descsz)
    return false;
  for (size_t i = 0; i < note->n_descsz; i++) {
    char two[3];
    snprintf(two, sizeof two, "%02x", id[i]);
    if (memcmp(two, hex + 2 * i, 2) != 0)
      return false;
  }
  return true;
}

static int find_build(struct dl_phdr_info *info, size_t size, void *arg) {
  struct build_search *search = arg;
  (void)size;
  for (ElfW(Half) i = 0; i < info->dlpi_phnum; i++) {
    const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
    if (ph->p_type != PT_NOTE)
      continue;
    const char *at = (const char *)(info->dlpi_addr + ph->p_vaddr);
    const char *end = at + ph->p_memsz;
    while (at + sizeof(ElfW(Nhdr)) <= end) {
      const ElfW(Nhdr) *note = (const ElfW(Nhdr) *)at;
      if (note->n_type == NT_GNU_BUILD_ID && note_matches(note, search->hex)) {
        search->found = true;
        return 1;
      }
      at += sizeof *note + ((note->n_namesz + 3) & ~3u) +
            ((note->n_descsz + 3) & ~3u);
    }
  }
  return 0;
}

static int check_target(int fd, const char *path, char *why, size_t size) {
  ElfW(Shdr) section;
  if (hpe_find_section(fd, HOTPATCH_TARGET_SECTION, &section) != 0)
    return 0; /* no target named (a patch built by hand): ids decide */
  char hex[129];
  size_t length = section.sh_size < sizeof hex - 1 ? section.sh_size
                                                   : sizeof hex - 1;
  if (hpe_read_at(fd, hex, length, section.sh_offset) != 0)
    length = 0;
  hex[length] = '\0';
  hex[strcspn(hex, "\n")] = '\0';
  struct build_search search = {hex, false};
  if (hex[0])
    dl_iterate_phdr(find_build, &search);
  if (!search.found) {
    snprintf(why, size, "cannot load patch %s: it was built for build-id %s, "
             "which is not the build of this process (nor of any library it "
             "loaded); build the patch against the running program",
             path, hex[0] ? hex : "(empty)");
    return -1;
  }
  return 0;
}

int hpv_check_patch_file(const char *path, const struct stat *file,
                         char *why, size_t size) {
  if (check_owner(path, file, why, size) != 0)
    return -1;
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    snprintf(why, size, "cannot load patch %s: %m", path);
    return -1;
  }
  struct stat opened;
  int rc = 0;
  if (fstat(fd, &opened) != 0 || opened.st_ino != file->st_ino ||
      opened.st_dev != file->st_dev) {
    snprintf(why, size, "cannot load patch %s: the file was replaced while "
             "it was checked; apply it again", path);
    rc = -1;
  }
  if (rc == 0)
    rc = check_elf(fd, path, opened.st_size, why, size);
  if (rc == 0)
    rc = check_target(fd, path, why, size);
  close(fd);
  return rc;
}
