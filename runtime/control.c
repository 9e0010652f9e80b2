/*
** control.c: the control socket <dir>/<pid>.sock and its listener thread.
**
** One detached thread per process accepts connections one at a time: one
** request line in, one answer out, close.  The thread has every signal
** blocked (the program's handlers and sigwait loops never see it), its fds
** are close-on-exec, and writes use MSG_NOSIGNAL, so a client that goes
** away cannot raise SIGPIPE.  The program's code that runs on this thread
** (reload hooks) runs with the program's signal mask instead.
**
** fork() (fork.c): the child closes the connection being served, if any,
** so that the parent's client sees its answer end when the parent closes
** it, and listens on a socket of its own.
**
** Who may patch: a peer of the process's effective uid, and root (who may
** debug any process anyway): a server that started as root and whose
** workers switched to another user stays patchable by root.  Anyone else
** gets one line saying who may, and nothing changes.
**
** The listening descriptor belongs to us, but its number is in the
** program's hands: daemons close every descriptor at start-up
** (close_range, closefrom, a loop) and may get the same number back for
** a file or socket of their own.  So the thread never trusts the number:
** before every accept it checks that the descriptor is still our socket
** (device and inode), and at least every REOPEN_CHECK_MS it checks again;
** when the socket is gone it binds a new one at the same path and leaves
** the old number alone (it may be the program's now).  The new socket
** moves to a number at or above LISTENER_MIN_FD at once: a daemon that
** closed everything expects its next files to get the low numbers, and
** a listener kept at one would take the number it expects.  Moved, not
** created there: socket() takes the lowest free number, for as long as
** the move takes, so the thread waits REOPEN_SETTLE_MS after it finds the
** socket gone.  A program that has just closed its descriptors is likely
** opening its own right then (the thread's first check runs as main
** starts), and would find the number it expects taken.  The listener is
** non-blocking, so accept never waits on a descriptor that changed hands
** after the check.
**
** Sections: state, one connection, the listener, the thread, starting,
** exit and fork.
*/
#define _GNU_SOURCE
#include "control.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "control_dir.h"
#include "fork.h"
#include "hotpatch_control.h"
#include "log.h"
#include "requests.h"

/* ------------------------------------------------------------------ state */

enum {
  REOPEN_SETTLE_MS = 100,
  REOPEN_CHECK_MS = HOTPATCH_CONTROL_REOPEN_MS - REOPEN_SETTLE_MS,
  LISTENER_MIN_FD = 100
};

/* The socket this process listens on.  Written before the thread starts
** (and in a fork child, where no other thread exists) and afterwards only
** by the thread (reopen_listener); the path is read at exit. */
static struct {
  char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
  pid_t pid; /* the process the path belongs to */
  int fd;
  dev_t dev; /* what fd refers to, to tell when the program closed */
  ino_t ino; /* it (and perhaps got the number back for its own)   */
} listener = {.fd = -1};

static pthread_once_t start_once = PTHREAD_ONCE_INIT;

/* The connection being served, -1 when none.  Accepted and closed under
** connection_lock, which fork's prepare handler takes too, so that a child
** never inherits a connection it does not know of. */
static pthread_mutex_t connection_lock = PTHREAD_MUTEX_INITIALIZER;
static int connection = -1;

/* The signal mask of the thread that started the listener (the program's,
** in its first constructor, or in a fork child the forking thread's).
** Written before the thread starts. */
static sigset_t program_mask;
static __thread bool on_control_thread;

/* --------------------------------------------------------- one connection */

static void send_all(int fd, const char *data, size_t size) {
  while (size > 0) {
    ssize_t n = send(fd, data, size, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return; /* the client went away; nothing to tell anyone */
    data += n;
    size -= (size_t)n;
  }
}

/* Writes the refusal for a peer that may not patch us into `why`; 0 for a
** peer that may.  The rule is in this file's header. */
static int check_peer(int fd, char *why, size_t size) {
  struct ucred cred;
  socklen_t length = sizeof cred;
  uid_t self = geteuid();
  if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &length) != 0) {
    snprintf(why, size,
             "error permission denied: cannot tell who is asking "
             "(SO_PEERCRED: %s)\n",
             strerror(errno));
    return -1;
  }
  if (cred.uid == self || cred.uid == 0)
    return 0;
  snprintf(why, size,
           "error permission denied: process %ld runs as uid %u; "
           "only uid %u and root may patch it, not uid %u\n",
           (long)getpid(), (unsigned)self, (unsigned)self, (unsigned)cred.uid);
  return -1;
}

/* A client that connects and never writes must not block the listener
** for good; nor one that never reads its answer. */
static void set_timeouts(int fd) {
  struct timeval limit = {.tv_sec = 10};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit);
}

/* The request line without its newline (a last line without one counts),
** NUL-terminated.  Returns 0, -1 when nothing usable arrived, -2 when the
** line is longer than HOTPATCH_CONTROL_MAX_REQUEST. */
static int read_request(int fd, char *line, size_t size) {
  size_t used = 0;
  while (used < size - 1) {
    ssize_t n = recv(fd, line + used, size - 1 - used, 0);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
      return -1;
    if (n == 0)
      break;
    char *newline = memchr(line + used, '\n', (size_t)n);
    used += (size_t)n;
    if (newline) {
      *newline = '\0';
      if (newline > line && newline[-1] == '\r')
        newline[-1] = '\0';
      return 0;
    }
  }
  line[used] = '\0';
  if (used == size - 1)
    return -2;
  return used ? 0 : -1;
}

/* A reload hook (or a patch's constructor) that fork()s on the control
** thread leaves a copy of this thread in the child, which comes back here
** once the hook returns there.  The connection is the parent's (the child
** closed it when it forked) and so is the loop; the child has no code of
** the program left to run: it ends as a process ends whose last thread
** returns. */
static void end_forked_copy(void) {
  exit(0);
}

static void serve_connection(int fd, pid_t self) {
  set_timeouts(fd);
  char line[HOTPATCH_CONTROL_MAX_REQUEST + 1];
  char why[256];
  int rc = read_request(fd, line, sizeof line);
  /* The refusal is sent after the request was read: closing a socket with
  ** unread data resets the connection, and the client would lose it. */
  if (check_peer(fd, why, sizeof why) != 0) {
    send_all(fd, why, strlen(why));
    return;
  }
  if (rc == -1)
    return;
  char *text = NULL;
  size_t size = 0;
  FILE *answer = open_memstream(&text, &size);
  if (!answer) {
    static const char oom[] = "error out of memory\n";
    send_all(fd, oom, sizeof oom - 1);
    return;
  }
  if (rc == -2)
    fprintf(answer, "error request longer than %d bytes\n",
            HOTPATCH_CONTROL_MAX_REQUEST);
  else
    hpq_answer(line, answer);
  if (getpid() != self)
    end_forked_copy();
  if (fclose(answer) == 0)
    send_all(fd, text, size);
  free(text);
}

/* ----------------------------------------------------------- the listener */

static int bind_socket(const char *path) {
  struct sockaddr_un address = {.sun_family = AF_UNIX};
  snprintf(address.sun_path, sizeof address.sun_path, "%s", path);
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0)
    return -1;
  /* A socket of the same name is left by an earlier process with our pid
  ** (pids wrap), or by our own listener that the program closed: either
  ** way nobody serves it any more. */
  unlink(path);
  if (bind(fd, (struct sockaddr *)&address, sizeof address) != 0 ||
      listen(fd, 16) != 0) {
    int saved = errno;
    close(fd);
    errno = saved;
    return -1;
  }
  return fd;
}

/* Takes `fd`, a socket just bound at listener.path, as the listener. */
static void adopt(int fd) {
  struct stat st;
  listener.fd = fd;
  listener.dev = 0;
  listener.ino = 0;
  if (fstat(fd, &st) == 0) {
    listener.dev = st.st_dev;
    listener.ino = st.st_ino;
  }
}

/* Whether listener.fd still refers to the socket we bound. */
static bool listener_intact(void) {
  struct stat st;
  return listener.fd >= 0 && fstat(listener.fd, &st) == 0 &&
         S_ISSOCK(st.st_mode) && st.st_dev == listener.dev &&
         st.st_ino == listener.ino;
}

/* `fd`, or a copy of it at LISTENER_MIN_FD or above (closing fd) when the
** descriptor limit allows one. */
static int away_from_low_numbers(int fd) {
  int high = fcntl(fd, F_DUPFD_CLOEXEC, LISTENER_MIN_FD);
  if (high < 0)
    return fd;
  close(fd);
  return high;
}

/* The program closed our socket: listen again at the same path.  The old
** number is not closed, it may be the program's now.  Thread only. */
static void reopen_listener(void) {
  static bool warned;
  int fd = bind_socket(listener.path);
  if (fd >= 0)
    fd = away_from_low_numbers(fd);
  if (fd < 0) {
    listener.fd = -1;
    if (!warned)
      hpl_warning("the program closed the hotpatch socket and it cannot be "
                  "opened again (%s: %s); retrying every %d ms",
                  listener.path, strerror(errno), REOPEN_CHECK_MS);
    warned = true;
    return;
  }
  warned = false;
  adopt(fd);
}

/* ------------------------------------------------------------- the thread */

static void pause_ms(long ms) {
  struct timespec pause = {.tv_sec = ms / 1000,
                           .tv_nsec = ms % 1000 * 1000000L};
  nanosleep(&pause, NULL);
}

/* The next connection (its fd), or -1 to check the listener and try again.
** The listening socket is non-blocking: the wait is in poll(), and
** accept4() under connection_lock never blocks. */
static int accept_connection(void) {
  struct pollfd ready = {.fd = listener.fd, .events = POLLIN};
  if (poll(&ready, 1, REOPEN_CHECK_MS) <= 0 || !listener_intact())
    return -1; /* quiet, interrupted, or no longer ours: check again */
  pthread_mutex_lock(&connection_lock);
  int fd = accept4(listener.fd, NULL, NULL, SOCK_CLOEXEC);
  int saved = errno;
  if (fd >= 0)
    connection = fd;
  pthread_mutex_unlock(&connection_lock);
  /* Errors that go away by themselves (no fds, no memory): wait a little
  ** instead of spinning. */
  if (fd < 0 && saved != EAGAIN && saved != EWOULDBLOCK && saved != EINTR &&
      saved != ECONNABORTED)
    pause_ms(100);
  return fd;
}

static void close_connection(int fd) {
  pthread_mutex_lock(&connection_lock);
  close(fd);
  connection = -1;
  pthread_mutex_unlock(&connection_lock);
}

static void *serve(void *arg) {
  (void)arg;
  pid_t self = getpid();
  on_control_thread = true;
  for (;;) {
    if (!listener_intact()) {
      pause_ms(REOPEN_SETTLE_MS); /* see the top of the file */
      reopen_listener();
      if (listener.fd < 0) {
        pause_ms(REOPEN_CHECK_MS);
        continue;
      }
    }
    int fd = accept_connection();
    if (fd >= 0) {
      serve_connection(fd, self);
      close_connection(fd);
    }
  }
  return NULL;
}

void hpn_run_as_program(void (*fn)(void *), void *arg) {
  sigset_t own;
  if (on_control_thread)
    pthread_sigmask(SIG_SETMASK, &program_mask, &own);
  fn(arg);
  if (on_control_thread)
    pthread_sigmask(SIG_SETMASK, &own, NULL);
}

/* --------------------------------------------------------------- starting */

/* The thread starts with every signal blocked, so no signal is ever
** delivered to it, not even before its first instruction. */
static int start_thread(void) {
  sigset_t all, old;
  pthread_attr_t attributes;
  pthread_t thread;
  sigfillset(&all);
  if (pthread_attr_init(&attributes) != 0)
    return -1;
  pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
  pthread_sigmask(SIG_SETMASK, &all, &old);
  program_mask = old;
  int rc = pthread_create(&thread, &attributes, serve, NULL);
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  pthread_attr_destroy(&attributes);
  return rc == 0 ? 0 : -1;
}

static void start_listener(void) {
  char dir[sizeof listener.path], why[512];
  pid_t pid = getpid();
  if (hpd_choose_dir(dir, sizeof dir) != 0) {
    hpl_warning("the control socket directory path is too long; this process "
                "(pid %ld) cannot be patched",
                (long)pid);
    return;
  }
  if (hpd_prepare_dir(dir, why, sizeof why) != 0) {
    hpl_warning("cannot use control directory: %s; this process (pid %ld) "
                "cannot be patched",
                why, (long)pid);
    return;
  }
  hpd_sweep_stale(dir, pid);
  char path[sizeof listener.path];
  int n = snprintf(path, sizeof path, "%s/%ld" HOTPATCH_SOCKET_SUFFIX, dir,
                   (long)pid);
  if (n < 0 || (size_t)n >= sizeof path) {
    hpl_warning("control socket path in %s is too long; this process (pid "
                "%ld) cannot be patched",
                dir, (long)pid);
    return;
  }
  int fd = bind_socket(path);
  if (fd < 0) {
    hpl_warning("cannot listen on %s: %s; this process cannot be patched", path,
                strerror(errno));
    return;
  }
  snprintf(listener.path, sizeof listener.path, "%s", path);
  listener.pid = pid;
  adopt(fd);
  if (start_thread() != 0) {
    hpl_warning("cannot start the control thread; this process (pid %ld) "
                "cannot be patched",
                (long)pid);
    unlink(path);
    close(fd);
    listener.path[0] = '\0';
    listener.fd = -1;
  }
}

static void start_first(void) {
  hpf_install();
  start_listener();
}

void hpn_start_once(void) {
  pthread_once(&start_once, start_first);
}

/* ------------------------------------------------------ exit and fork */

/* At exit, a process removes its own socket, and only its own: a fork()ed
** child runs the same destructors with its parent's path in memory unless
** it replaced it. */
__attribute__((destructor)) static void remove_socket(void) {
  if (listener.path[0] && listener.pid == getpid())
    unlink(listener.path);
}

void hpn_lock_for_fork(void) {
  pthread_mutex_lock(&connection_lock);
}

void hpn_unlock_after_fork(void) {
  pthread_mutex_unlock(&connection_lock);
}

void hpn_restart_in_child(void) {
  if (connection >= 0)
    close(connection); /* the parent's client's: the parent answers it */
  connection = -1;
  if (listener_intact()) /* else the number may be the program's now */
    close(listener.fd);  /* the parent's socket: the parent serves it */
  listener.fd = -1;
  listener.path[0] = '\0';
  start_listener();
}
