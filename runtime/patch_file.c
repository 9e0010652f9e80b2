/*
** patch_file.c: who may have written a patch file, and is it whole.
**
** dlopen() runs the file's constructors at once, so a patch is code the
** process will execute with its own privileges: only a file that the
** process's own user or root wrote (and nobody else can rewrite) is
** accepted.  The file is opened once, through its directory, without
** following a symlink, and everything is checked on that open descriptor,
** which is what the loader then loads (/proc/<pid>/fd/N): replacing the
** file at its path after the check changes nothing.  The directory must
** not let others replace the file before the check either (hcc writes
** patches into the build root's .hotpatch directory).
**
** Sections: ownership, ELF sanity, target build, opening.
*/
#define _GNU_SOURCE
#include "patch_file.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <link.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "elf_read.h"
#include "target.h"

/* -------------------------------------------------------------- ownership */

/* Group-writable is fine for the user's own group (umask 002 with a group
** per user); not for a group others belong to. */
static bool others_may_write(const struct stat *st) {
  return (st->st_mode & S_IWOTH) ||
         ((st->st_mode & S_IWGRP) && st->st_gid != getegid());
}

/* Who could put another file under the patch's name: the directory's
** owner (the process's user, or root) and, unless the directory is sticky
** (/tmp: only a file's owner may rename or remove it), whoever may write
** it. */
static int check_directory(const char *path, const char *dir,
                           const struct stat *st, char *why, size_t size) {
  if (st->st_uid != geteuid() && st->st_uid != 0) {
    snprintf(why, size,
             "cannot load patch %s: its directory %s is owned by "
             "uid %ld, who could replace the file; write patches into a "
             "directory of your own",
             path, dir, (long)st->st_uid);
    return -1;
  }
  if (others_may_write(st) && !(st->st_mode & S_ISVTX)) {
    snprintf(why, size,
             "cannot load patch %s: its directory %s is writable "
             "by %s (mode %04o), who could replace the file; chmod go-w %s",
             path, dir, (st->st_mode & S_IWOTH) ? "every user" : "its group",
             (unsigned)(st->st_mode & 07777), dir);
    return -1;
  }
  return 0;
}

static int check_owner(const char *path, const struct stat *file, char *why,
                       size_t size) {
  if (!S_ISREG(file->st_mode)) {
    snprintf(why, size, "cannot load patch %s: it is not a regular file", path);
    return -1;
  }
  /* Root's files too: root may patch a process that switched to another
  ** user (include/hotpatch_control.h), and root could change it anyway. */
  if (file->st_uid != geteuid() && file->st_uid != 0) {
    snprintf(why, size,
             "cannot load patch %s: it is owned by uid %ld, not "
             "by this process's user (uid %ld) or root; only your own and "
             "root's patch files are loaded",
             path, (long)file->st_uid, (long)geteuid());
    return -1;
  }
  if (others_may_write(file)) {
    snprintf(why, size,
             "cannot load patch %s: it is writable by %s (mode "
             "%04o), so someone else could have changed it; chmod go-w it "
             "and apply again",
             path, (file->st_mode & S_IWOTH) ? "every user" : "its group",
             (unsigned)(file->st_mode & 07777));
    return -1;
  }
  return 0;
}

/* ------------------------------------------------------------ ELF sanity */

/* need = max(need, offset + length); -1 when the sum does not fit in 64
** bits (a malformed header, never a real file). */
static int extend(unsigned long long *need, unsigned long long offset,
                  unsigned long long length) {
  if (length > ULLONG_MAX - offset)
    return -1;
  if (offset + length > *need)
    *need = offset + length;
  return 0;
}

/* The end of the furthest header table or loaded segment: a file shorter
** than that was cut off.  Sums are checked before they are made. */
static int check_elf(int fd, const char *path, off_t file_size, char *why,
                     size_t size) {
  ElfW(Ehdr) eh;
  if (hpe_read_at(fd, &eh, sizeof eh, 0) != 0 ||
      memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0) {
    snprintf(why, size,
             "cannot load patch %s: it is not an ELF file (a "
             "corrupted or wrong file); rebuild the patch",
             path);
    return -1;
  }
  if (eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_type != ET_DYN ||
      (HPT_ELF_MACHINE != EM_NONE && eh.e_machine != HPT_ELF_MACHINE) ||
      eh.e_phentsize != sizeof(ElfW(Phdr))) {
    snprintf(why, size,
             "cannot load patch %s: it is not a shared object "
             "for this machine; rebuild the patch",
             path);
    return -1;
  }
  unsigned long long need = sizeof eh;
  bool wraps =
      extend(&need, eh.e_phoff,
             (unsigned long long)eh.e_phnum * sizeof(ElfW(Phdr))) != 0 ||
      extend(&need, eh.e_shoff,
             (unsigned long long)eh.e_shnum * eh.e_shentsize) != 0;
  ElfW(Phdr) ph;
  bool table_whole = !wraps && need <= (unsigned long long)file_size;
  for (ElfW(Half) i = 0; table_whole && !wraps && i < eh.e_phnum; i++)
    wraps = hpe_read_at(fd, &ph, sizeof ph, eh.e_phoff + i * sizeof ph) == 0 &&
            extend(&need, ph.p_offset, ph.p_filesz) != 0;
  if (wraps) {
    snprintf(why, size,
             "cannot load patch %s: its ELF headers are malformed "
             "(an offset and size that add up past 2^64); rebuild the patch",
             path);
    return -1;
  }
  if (need > (unsigned long long)file_size) {
    snprintf(why, size,
             "cannot load patch %s: it is truncated (%lld bytes, "
             "its headers need %llu); rebuild the patch",
             path, (long long)file_size, need);
    return -1;
  }
  return 0;
}

/* ---------------------------------------------------------- target build */

struct build_search {
  const char *hex; /* wanted */
  bool found;
};

static bool id_matches(const unsigned char *id, size_t length,
                       const char *hex) {
  if (strlen(hex) != 2 * length)
    return false;
  for (size_t i = 0; i < length; i++) {
    char two[3];
    snprintf(two, sizeof two, "%02x", id[i]);
    if (memcmp(two, hex + 2 * i, 2) != 0)
      return false;
  }
  return true;
}

static int find_build(struct dl_phdr_info *info, size_t size, void *arg) {
  struct build_search *search = arg;
  const unsigned char *id;
  size_t length;
  (void)size;
  if (hpe_mapped_build_id(info, &id, &length) == 0 &&
      id_matches(id, length, search->hex)) {
    search->found = true;
    return 1;
  }
  return 0;
}

static int check_target(int fd, const char *path, char *why, size_t size) {
  ElfW(Shdr) section;
  if (hpe_find_section(fd, HOTPATCH_TARGET_SECTION, &section) != 0)
    return 0; /* no target named (a patch built by hand): ids decide */
  char hex[129];
  size_t length =
      section.sh_size < sizeof hex - 1 ? section.sh_size : sizeof hex - 1;
  if (hpe_read_at(fd, hex, length, section.sh_offset) != 0)
    length = 0;
  hex[length] = '\0';
  hex[strcspn(hex, "\n")] = '\0';
  struct build_search search = {hex, false};
  if (hex[0])
    dl_iterate_phdr(find_build, &search);
  if (!search.found) {
    snprintf(why, size,
             "cannot load patch %s: it was built for build-id %s, "
             "which is not the build of this process (nor of any library it "
             "loaded); build the patch against the running program",
             path, hex[0] ? hex : "(empty)");
    return -1;
  }
  return 0;
}

/* ---------------------------------------------------------------- opening */

/* The directory part of absolute `path` into dir[size] ("/" for a file at
** the root); the last component is path + the returned offset.  -1 when
** the path ends in '/' or does not fit. */
static int split_path(const char *path, char *dir, size_t size) {
  const char *slash = strrchr(path, '/');
  size_t length = slash == path ? 1 : (size_t)(slash - path);
  if (!slash || !slash[1] || length >= size)
    return -1;
  memcpy(dir, path, length);
  dir[length] = '\0';
  return (int)(slash + 1 - path);
}

/* The file `name` in the open directory `dir_fd`, not following a
** symlink, not blocking on a FIFO; -1 with why. */
static int open_file(int dir_fd, const char *name, const char *path, char *why,
                     size_t size) {
  int fd = openat(dir_fd, name,
                  O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
  if (fd >= 0)
    return fd;
  if (errno == ELOOP)
    snprintf(why, size,
             "cannot load patch %s: it is a symbolic link; give "
             "the path of the patch file itself",
             path);
  else
    snprintf(why, size, "cannot load patch %s: %s", path, strerror(errno));
  return -1;
}

static int check_open_file(int fd, const char *path, struct stat *file,
                           char *why, size_t size) {
  if (fstat(fd, file) != 0) {
    snprintf(why, size, "cannot load patch %s: %s", path, strerror(errno));
    return -1;
  }
  if (check_owner(path, file, why, size) != 0 ||
      check_elf(fd, path, file->st_size, why, size) != 0 ||
      check_target(fd, path, why, size) != 0)
    return -1;
  return 0;
}

int hpv_open_patch_file(const char *path, struct stat *file, char *why,
                        size_t size) {
  char dir[4096];
  int name = split_path(path, dir, sizeof dir);
  if (name < 0) {
    snprintf(why, size, "cannot load patch %s: it is not the path of a file",
             path);
    return -1;
  }
  int dir_fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  struct stat dir_st;
  if (dir_fd < 0 || fstat(dir_fd, &dir_st) != 0) {
    snprintf(why, size, "cannot load patch %s: %s", path, strerror(errno));
    if (dir_fd >= 0)
      close(dir_fd);
    return -1;
  }
  int fd = -1;
  if (check_directory(path, dir, &dir_st, why, size) == 0)
    fd = open_file(dir_fd, path + name, path, why, size);
  close(dir_fd);
  if (fd >= 0 && check_open_file(fd, path, file, why, size) != 0) {
    close(fd);
    fd = -1;
  }
  return fd;
}
