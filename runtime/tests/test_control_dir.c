/*
** test_control_dir.c: the socket directory rules (control_dir.c).
**
** Where the directory is, that it is created 0700, and that every unsafe
** directory is refused without being changed: a file, a symlink, a
** directory with another mode, a directory owned by someone else (only
** checkable as root, which can chown).  A set-user-ID process uses its
** effective uid's directory, never the real user's XDG_RUNTIME_DIR (also
** only as root).  And the sweep of stale sockets.
*/
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "control_dir.h"

static char base[] = "/tmp/hp-control-dir-XXXXXX";

static char *path_in(const char *name) {
  static char path[4][512];
  static int next;
  char *out = path[next++ % 4];
  snprintf(out, sizeof path[0], "%s/%s", base, name);
  return out;
}

static void test_choose(void) {
  char dir[512], expected[512];
  snprintf(expected, sizeof expected, "/tmp/hotpatch-%u", (unsigned)geteuid());

  unsetenv("XDG_RUNTIME_DIR");
  CHECK_EQ_INT(hpd_choose_dir(dir, sizeof dir), 0);
  CHECK_EQ_STR(dir, expected);

  /* A directory: <it>/hotpatch. */
  setenv("XDG_RUNTIME_DIR", base, 1);
  CHECK_EQ_INT(hpd_choose_dir(dir, sizeof dir), 0);
  CHECK_EQ_STR(dir, path_in("hotpatch"));

  /* Not a directory, or relative: the /tmp fallback. */
  int fd = open(path_in("file"), O_CREAT | O_WRONLY, 0600);
  close(fd);
  setenv("XDG_RUNTIME_DIR", path_in("file"), 1);
  CHECK_EQ_INT(hpd_choose_dir(dir, sizeof dir), 0);
  CHECK_EQ_STR(dir, expected);
  setenv("XDG_RUNTIME_DIR", "relative", 1);
  CHECK_EQ_INT(hpd_choose_dir(dir, sizeof dir), 0);
  CHECK_EQ_STR(dir, expected);

  /* Too long for the buffer. */
  setenv("XDG_RUNTIME_DIR", base, 1);
  CHECK_EQ_INT(hpd_choose_dir(dir, 8), -1);

  /* Set-user-ID (real uid 0, effective uid 65534; only root can take
  ** another effective uid): the effective user's /tmp directory, not the
  ** real user's XDG_RUNTIME_DIR. */
  if (geteuid() == 0) {
    CHECK_EQ_INT(setresuid((uid_t)-1, 65534, (uid_t)-1), 0);
    int rc = hpd_choose_dir(dir, sizeof dir);
    CHECK_EQ_INT(setresuid((uid_t)-1, 0, (uid_t)-1), 0);
    CHECK_EQ_INT(rc, 0);
    CHECK_EQ_STR(dir, "/tmp/hotpatch-65534");
  }
  unsetenv("XDG_RUNTIME_DIR");
}

static mode_t mode_of(const char *path) {
  struct stat st;
  return lstat(path, &st) == 0 ? st.st_mode & 07777 : 0;
}

static void test_prepare(void) {
  char why[512];

  /* Created with 0700 whatever the umask says. */
  mode_t old_umask = umask(0777);
  CHECK_EQ_INT(hpd_prepare_dir(path_in("new"), why, sizeof why), 0);
  umask(old_umask);
  CHECK_EQ_INT(mode_of(path_in("new")), 0700);
  /* Existing and right: accepted again. */
  CHECK_EQ_INT(hpd_prepare_dir(path_in("new"), why, sizeof why), 0);

  /* Wrong mode: refused, and left as it was. */
  mkdir(path_in("open"), 0700);
  chmod(path_in("open"), 0755);
  CHECK_EQ_INT(hpd_prepare_dir(path_in("open"), why, sizeof why), -1);
  CHECK(strstr(why, "has mode 0755, it must be 0700") != NULL);
  CHECK_EQ_INT(mode_of(path_in("open")), 0755);

  /* A file. */
  CHECK_EQ_INT(hpd_prepare_dir(path_in("file"), why, sizeof why), -1);
  CHECK(strstr(why, "is not a directory") != NULL);

  /* A symlink to a good directory: refused (someone could redirect it). */
  CHECK_EQ_INT(symlink(path_in("new"), path_in("link")), 0);
  CHECK_EQ_INT(hpd_prepare_dir(path_in("link"), why, sizeof why), -1);
  CHECK(strstr(why, "is not a directory") != NULL);

  /* Missing parent: cannot create. */
  CHECK_EQ_INT(hpd_prepare_dir(path_in("missing/sub"), why, sizeof why), -1);
  CHECK(strstr(why, "cannot create") != NULL);

  /* Owned by another user. */
  if (geteuid() == 0) {
    mkdir(path_in("theirs"), 0700);
    CHECK_EQ_INT(chown(path_in("theirs"), 12345, 12345), 0);
    CHECK_EQ_INT(hpd_prepare_dir(path_in("theirs"), why, sizeof why), -1);
    CHECK(strstr(why, "is owned by uid 12345, not by you") != NULL);
  } else {
    printf("test_control_dir: not root, owner check not exercised\n");
  }
}

static int exists(const char *path) {
  struct stat st;
  return lstat(path, &st) == 0;
}

static void touch(const char *path) {
  int fd = open(path, O_CREAT | O_WRONLY, 0600);
  close(fd);
}

static void test_sweep(void) {
  char mine[64], parent[64];
  mkdir(path_in("sweep"), 0700);
  snprintf(mine, sizeof mine, "sweep/%ld.sock", (long)getpid());
  snprintf(parent, sizeof parent, "sweep/%ld.sock", (long)getppid());
  touch(path_in(mine));
  touch(path_in(parent));
  /* Above any pid_max: no such process. */
  touch(path_in("sweep/2147483000.sock"));
  touch(path_in("sweep/notes.txt"));
  touch(path_in("sweep/12x.sock"));
  hpd_sweep_stale(path_in("sweep"), getpid());
  CHECK(exists(path_in(mine)));
  CHECK(exists(path_in(parent)));
  CHECK(!exists(path_in("sweep/2147483000.sock")));
  CHECK(exists(path_in("sweep/notes.txt")));
  CHECK(exists(path_in("sweep/12x.sock")));
}

int main(void) {
  if (!mkdtemp(base)) {
    perror("mkdtemp");
    return 2;
  }
  test_choose();
  test_prepare();
  test_sweep();
  char command[600];
  snprintf(command, sizeof command, "chmod -R u+rwx %s; rm -rf %s", base, base);
  if (system(command) != 0)
    fprintf(stderr, "could not remove %s\n", base);
  return check_finish("test_control_dir");
}
