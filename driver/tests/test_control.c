/*
** test_control.c: socket directory resolution, one request per connection
** against a fake process (a forked child serving a real UNIX socket),
** answer fields, and the common command-line arguments.
*/
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "control_client.h"
#include "process_lookup.h"
#include "util.h"

/* Real uid 0, effective uid 65534 (a set-user-ID hcc, as far as ids go):
** the directory is nobody's, /tmp/hotpatch-65534, and XDG_RUNTIME_DIR (the
** real user's) is not used.  Only root can take another effective uid. */
static void setuid_like(const char *xdg) {
  if (geteuid() != 0)
    return;
  setenv("XDG_RUNTIME_DIR", xdg, 1);
  CHECK(setresuid((uid_t)-1, 65534, (uid_t)-1) == 0, "seteuid 65534");
  char *dirs[2];
  int n = cc_socket_dirs(dirs);
  CHECK(setresuid((uid_t)-1, 0, (uid_t)-1) == 0, "seteuid 0");
  CHECK(n == 1, "one directory when set-user-ID");
  CHECK_STR(dirs[0], "/tmp/hotpatch-65534");
  for (int i = 0; i < n; i++)
    free(dirs[i]);
  unsetenv("XDG_RUNTIME_DIR");
}

static void socket_dirs(void) {
  char dir[] = "/tmp/hcc-test-xdg-XXXXXX";
  CHECK(mkdtemp(dir) != NULL, "mkdtemp");
  char *want = hu_xasprintf("%s/hotpatch", dir);
  char *got = cc_socket_dir_for(dir, 1000);
  CHECK_STR(got, want);
  free(got);
  free(want);
  got = cc_socket_dir_for(NULL, 1000);
  CHECK_STR(got, "/tmp/hotpatch-1000");
  free(got);
  got = cc_socket_dir_for("", 42);
  CHECK_STR(got, "/tmp/hotpatch-42");
  free(got);
  got =
      cc_socket_dir_for("/nonexistent/xdg", 7); /* not a directory: fallback */
  CHECK_STR(got, "/tmp/hotpatch-7");
  free(got);
  /* A relative path counts as unset, even when it names a directory from
  ** here (the runtime resolves it in the program's directory, not ours). */
  char *cwd = getcwd(NULL, 0);
  CHECK(chdir(dir) == 0, "chdir");
  CHECK(mkdir("rel", 0700) == 0, "mkdir rel");
  got = cc_socket_dir_for("rel", 7);
  CHECK_STR(got, "/tmp/hotpatch-7");
  free(got);
  rmdir("rel");
  CHECK(chdir(cwd) == 0, "chdir back");
  free(cwd);
  /* cc_socket_dirs: hcc's own environment first, the fallback second. */
  setenv("XDG_RUNTIME_DIR", dir, 1);
  char *dirs[2];
  int n = cc_socket_dirs(dirs);
  CHECK(n == 2, "two directories");
  want = hu_xasprintf("%s/hotpatch", dir);
  CHECK_STR(dirs[0], want);
  free(want);
  want = hu_xasprintf("/tmp/hotpatch-%lu", (unsigned long)geteuid());
  if (n == 2)
    CHECK_STR(dirs[1], want);
  for (int i = 0; i < n; i++)
    free(dirs[i]);
  unsetenv("XDG_RUNTIME_DIR");
  n = cc_socket_dirs(dirs);
  CHECK(n == 1, "one directory without XDG_RUNTIME_DIR");
  CHECK_STR(dirs[0], want);
  for (int i = 0; i < n; i++)
    free(dirs[i]);
  free(want);
  setuid_like(dir);
  rmdir(dir);
}

/* A fake process: serve `count` connections, answering each request line
** from a table, then exit. */
static pid_t serve(const char *path, int count) {
  int fd = socket(AF_UNIX, SOCK_STREAM, 0);
  struct sockaddr_un addr = {.sun_family = AF_UNIX};
  strcpy(addr.sun_path, path);
  unlink(path);
  CHECK(bind(fd, (struct sockaddr *)&addr, sizeof addr) == 0, "bind");
  CHECK(listen(fd, 8) == 0, "listen");
  pid_t pid = fork();
  if (pid != 0) {
    close(fd);
    return pid;
  }
  for (int i = 0; i < count; i++) {
    int c = accept(fd, NULL, NULL);
    char line[256];
    ssize_t n = read(c, line, sizeof line - 1);
    line[n > 0 ? n : 0] = '\0';
    const char *answer = "error unknown request\n";
    if (!strcmp(line, "hello\n"))
      answer = "ok hotpatch 2 pid=77 generation=3\n";
    else if (!strcmp(line, "registry\n"))
      answer = "ok\nhotpatch-module 2 x m\nend\n";
    else if (!strcmp(line, "garbage\n"))
      answer = "what?\n";
    else if (!strcmp(line, "drop\n"))
      answer = "";
    if (*answer) {
      ssize_t w = write(c, answer, strlen(answer));
      (void)w;
    }
    close(c);
  }
  _exit(0);
}

static void requests(void) {
  char dir[] = "/tmp/hcc-test-sock-XXXXXX";
  CHECK(mkdtemp(dir) != NULL, "mkdtemp");
  char *path = hu_xasprintf("%s/77.sock", dir);
  pid_t server = serve(path, 5);
  char *answer;
  int err;
  CHECK(cc_request(path, "hello", 5000, &answer, &err) == CC_OK, "hello ok");
  CHECK(cc_answer_number(answer, "generation") == 3, "generation");
  CHECK(cc_answer_number(answer, "pid") == 77, "pid");
  CHECK(cc_answer_number(answer, "modules") == -1, "absent key");
  char *g = cc_answer_field(answer, "generation");
  CHECK_STR(g, "3");
  free(g);
  free(answer);
  CHECK(cc_request(path, "registry", 5000, &answer, &err) == CC_OK,
        "registry ok");
  CHECK_STR(answer, "ok\nhotpatch-module 2 x m\nend\n");
  free(answer);
  CHECK(cc_request(path, "bogus", 5000, &answer, &err) == CC_REFUSED,
        "error answer");
  CHECK_STR(answer, "error unknown request\n");
  free(answer);
  CHECK(cc_request(path, "garbage", 5000, &answer, &err) == CC_BROKEN,
        "malformed answer");
  free(answer);
  CHECK(cc_request(path, "drop", 5000, &answer, &err) == CC_BROKEN,
        "closed without answer");
  free(answer);
  int status;
  waitpid(server, &status, 0);
  CHECK(cc_request(path, "hello", 5000, &answer, &err) == CC_NO_PEER &&
            err == ECONNREFUSED,
        "nobody listens: %s", strerror(err));
  unlink(path);
  CHECK(cc_request(path, "hello", 5000, &answer, &err) == CC_NO_PEER &&
            err == ENOENT,
        "no socket");
  free(path);
  rmdir(dir);
}

static void args(void) {
  struct pl_args a;
  char *ok1[] = {"patch", "--pid", "12", "--verbose", NULL};
  CHECK(pl_parse_args("patch", 4, ok1, &a) == 0 && !strcmp(a.pid, "12") &&
            a.verbose,
        "pid");
  char *ok2[] = {"patch", "./prog", NULL};
  CHECK(pl_parse_args("patch", 2, ok2, &a) == 0 && !strcmp(a.program, "./prog"),
        "program");
  char *ok3[] = {"patch", "--pid=9", NULL};
  CHECK(pl_parse_args("patch", 2, ok3, &a) == 0 && !strcmp(a.pid, "9"),
        "--pid=");
  char *ok4[] = {"patch", "--", "-weird", NULL};
  CHECK(pl_parse_args("patch", 3, ok4, &a) == 0 && !strcmp(a.program, "-weird"),
        "--");
  char *bad1[] = {"patch", "--pid", NULL};
  CHECK(pl_parse_args("patch", 2, bad1, &a) == 2, "missing pid");
  char *bad2[] = {"patch", "--frob", NULL};
  CHECK(pl_parse_args("patch", 2, bad2, &a) == 2, "unknown option");
  char *bad3[] = {"patch", "a", "b", NULL};
  CHECK(pl_parse_args("patch", 3, bad3, &a) == 2, "two programs");
  char *bad4[] = {"patch", "--pid", "3", "prog", NULL};
  CHECK(pl_parse_args("patch", 4, bad4, &a) == 2, "pid and program");
  /* This process: alive, with a start time and an executable. */
  CHECK(pl_alive(getpid()), "self alive");
  CHECK(pl_start_time(getpid()) > 0, "self start time");
  char *exe = pl_exe(getpid());
  CHECK(exe && strstr(exe, "hcc_test_control"), "self exe %s",
        exe ? exe : "(null)");
  free(exe);
}

int main(void) {
  socket_dirs();
  requests();
  args();
  return CHECK_DONE();
}
