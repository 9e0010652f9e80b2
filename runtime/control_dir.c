/*
** control_dir.c: choosing, creating and checking the socket directory.
**
** The directory is the only thing between another user and a socket that
** loads code into the process, so it is checked with lstat() (a symlink
** planted at /tmp/hotpatch-<uid> is refused) and must be ours with mode
** 0700.  The peer uid check (control.c) is the second line of defence.
*/
#define _GNU_SOURCE
#include "control_dir.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hotpatch_control.h"

int hpd_choose_dir(char *out, size_t size) {
  return hotpatch_control_dir(out, size);
}

int hpd_prepare_dir(const char *dir, char *why, size_t size) {
  struct stat st;
  if (mkdir(dir, 0700) == 0) {
    /* mkdir applies the umask; a umask without the owner's bits would
    ** leave a directory we cannot use.  It is ours: make it 0700. */
    if (chmod(dir, 0700) != 0) {
      snprintf(why, size, "cannot set mode 0700 on %s: %s", dir,
               strerror(errno));
      return -1;
    }
  } else if (errno != EEXIST) {
    snprintf(why, size, "cannot create %s: %s", dir, strerror(errno));
    return -1;
  }
  if (lstat(dir, &st) != 0) {
    snprintf(why, size, "cannot examine %s: %s", dir, strerror(errno));
    return -1;
  }
  if (!S_ISDIR(st.st_mode)) {
    snprintf(why, size, "%s is not a directory; remove it", dir);
    return -1;
  }
  if (st.st_uid != geteuid()) {
    snprintf(why, size, "%s is owned by uid %u, not by you (uid %u)", dir,
             (unsigned)st.st_uid, (unsigned)geteuid());
    return -1;
  }
  if ((st.st_mode & 07777) != 0700) {
    snprintf(why, size, "%s has mode %04o, it must be 0700 (chmod 700 %s)", dir,
             (unsigned)(st.st_mode & 07777), dir);
    return -1;
  }
  return 0;
}

/* The pid of a "<digits>.sock" name, or 0. */
static pid_t socket_pid(const char *name) {
  char *end;
  if (name[0] < '1' || name[0] > '9')
    return 0;
  errno = 0;
  long pid = strtol(name, &end, 10);
  if (errno || strcmp(end, ".sock") != 0 || pid <= 0 || (pid_t)pid != pid)
    return 0;
  return (pid_t)pid;
}

void hpd_sweep_stale(const char *dir, pid_t self) {
  DIR *listing = opendir(dir);
  if (!listing)
    return;
  struct dirent *entry;
  while ((entry = readdir(listing)) != NULL) {
    pid_t pid = socket_pid(entry->d_name);
    if (pid == 0 || pid == self)
      continue;
    if (kill(pid, 0) == 0 || errno != ESRCH)
      continue; /* alive (or not ours to ask): leave it */
    char path[4096];
    if (snprintf(path, sizeof path, "%s/%s", dir, entry->d_name) <
        (int)sizeof path)
      unlink(path);
  }
  closedir(listing);
}
