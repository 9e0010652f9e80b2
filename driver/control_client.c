/*
** control_client.c: the client side of the control protocol.
*/
#define _GNU_SOURCE
#include "control_client.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "hotpatch_control.h"
#include "util.h"

/* A copy of a directory the rule gave, or NULL when it did not fit. */
static char *dir_copy(int rc, const char *dir) {
  return rc == 0 ? hu_xstrdup(dir) : NULL;
}

/* See control_client.h.  The rule is the runtime's own
** (hotpatch_control.h). */
char *cc_socket_dir_for(const char *xdg, uid_t euid) {
  char dir[PATH_MAX];
  return dir_copy(hotpatch_control_dir_for(xdg, euid, dir, sizeof dir), dir);
}

/* See control_client.h. */
int cc_socket_dirs(char *dirs[2]) {
  char dir[PATH_MAX];
  dirs[0] = dir_copy(hotpatch_control_dir(dir, sizeof dir), dir);
  dirs[1] = cc_socket_dir_for(NULL, geteuid());
  if (!dirs[0]) {
    dirs[0] = dirs[1];
    dirs[1] = NULL;
    return 1;
  }
  if (strcmp(dirs[0], dirs[1]) == 0) {
    free(dirs[1]);
    dirs[1] = NULL;
    return 1;
  }
  return 2;
}

/* Wait until `fd` is ready for `events`; 0 ready, -1 with errno set. */
static int wait_fd(int fd, short events, int timeout_ms) {
  struct pollfd p = {fd, events, 0};
  for (;;) {
    int n = poll(&p, 1, timeout_ms > 0 ? timeout_ms : -1);
    if (n > 0)
      return 0;
    if (n == 0) {
      errno = ETIMEDOUT;
      return -1;
    }
    if (errno != EINTR)
      return -1;
  }
}

static int send_all(int fd, const char *data, size_t len, int timeout_ms) {
  while (len > 0) {
    if (wait_fd(fd, POLLOUT, timeout_ms) < 0)
      return -1;
    ssize_t n = send(fd, data, len, MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN)
        continue;
      return -1;
    }
    data += n;
    len -= (size_t)n;
  }
  return 0;
}

/* The pid in "<dir>/<pid>.sock", or 0. */
static pid_t socket_pid(const char *path) {
  const char *name = strrchr(path, '/');
  return (pid_t)strtol(name ? name + 1 : path, NULL, 10);
}

/* One connection: send the request, read the whole answer into `in`. */
static enum cc_status attempt(const struct sockaddr_un *addr,
                              const char *request, int timeout_ms,
                              struct hu_buf *in, int *err) {
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    *err = errno;
    return CC_NO_PEER;
  }
  int rc;
  do
    rc = connect(fd, (const struct sockaddr *)addr, sizeof *addr);
  while (rc < 0 && errno == EINTR);
  if (rc < 0) {
    *err = errno;
    close(fd);
    return CC_NO_PEER;
  }
  char *line = hu_xasprintf("%s\n", request);
  rc = send_all(fd, line, strlen(line), timeout_ms);
  free(line);
  if (rc < 0) {
    *err = errno;
    close(fd);
    return CC_BROKEN;
  }
  shutdown(fd, SHUT_WR);
  char chunk[4096];
  for (;;) {
    if (wait_fd(fd, POLLIN, timeout_ms) < 0) {
      *err = errno;
      break;
    }
    ssize_t n = read(fd, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0) {
      *err = errno;
      break;
    }
    if (n == 0)
      break;
    hu_buf_add(in, chunk, (size_t)n);
  }
  close(fd);
  return *err ? CC_BROKEN : CC_OK;
}

/* Whether a failed attempt met a listener that the program had just
** closed, so that a new one will be there soon (the runtime reopens it
** within HOTPATCH_CONTROL_REOPEN_MS): refused, or reset before any answer
** by an old socket that died with the connection queued on it.  Such a
** connection was never accepted, so nothing of the request was done. */
static int listener_moving(enum cc_status st, int err, size_t answered) {
  if (st == CC_NO_PEER)
    return err == ECONNREFUSED;
  return st == CC_BROKEN && answered == 0 &&
         (err == ECONNRESET || err == EPIPE);
}

/* See control_client.h. */
enum cc_status cc_request(const char *path, const char *request, int timeout_ms,
                          char **answer, int *err) {
  enum { STEP_MS = 20, PATIENCE_MS = HOTPATCH_CONTROL_REOPEN_MS + 500 };
  *answer = NULL;
  *err = 0;
  struct sockaddr_un addr;
  memset(&addr, 0, sizeof addr);
  addr.sun_family = AF_UNIX;
  if (strlen(path) >= sizeof addr.sun_path) {
    *err = ENAMETOOLONG;
    return CC_NO_PEER;
  }
  snprintf(addr.sun_path, sizeof addr.sun_path, "%s", path);
  pid_t pid = socket_pid(path);
  struct hu_buf in = HU_BUF_INIT;
  enum cc_status st;
  for (int waited = 0;; waited += STEP_MS) {
    *err = 0;
    in.len = 0;
    st = attempt(&addr, request, timeout_ms, &in, err);
    if (!listener_moving(st, *err, in.len) || pid <= 0 ||
        waited >= PATIENCE_MS || (kill(pid, 0) != 0 && errno == ESRCH))
      break;
    poll(NULL, 0, STEP_MS);
  }
  if (st != CC_OK) {
    hu_buf_free(&in);
    return st;
  }
  *answer = hu_buf_detach(&in);
  if (strncmp(*answer, "ok", 2) == 0 &&
      strchr(" \n", (*answer)[2] ? (*answer)[2] : ' '))
    return CC_OK;
  if (strncmp(*answer, "error", 5) == 0)
    return CC_REFUSED;
  *err = EPROTO;
  return CC_BROKEN;
}

/* Start of the value of `key` in the first line, or NULL. */
static const char *find_value(const char *answer, const char *key) {
  size_t klen = strlen(key);
  const char *end = answer + strcspn(answer, "\n");
  for (const char *p = answer; p < end; p++) {
    if ((p == answer || p[-1] == ' ') && strncmp(p, key, klen) == 0 &&
        p[klen] == '=')
      return p + klen + 1;
  }
  return NULL;
}

/* See control_client.h. */
long long cc_answer_number(const char *answer, const char *key) {
  const char *v = find_value(answer, key);
  if (!v || *v < '0' || *v > '9')
    return -1;
  return strtoll(v, NULL, 10);
}

/* See control_client.h. */
char *cc_answer_field(const char *answer, const char *key) {
  const char *v = find_value(answer, key);
  return v ? hu_xstrndup(v, strcspn(v, " \n")) : NULL;
}
