/*
** main.c: httpd's command line, start-up and shutdown.
**
**   httpd [-t THREADS] [-p PORT]
**
** Serves HTTP on 127.0.0.1:PORT (default 0: a free port the kernel picks)
** with THREADS worker threads (default 4), and prints one line saying
** where.  Stops cleanly on a line `quit` on stdin, on SIGTERM or on SIGINT:
** the workers finish what they are doing, every connection is closed, and
** a last line gives the totals.  stdin at end of file is just not read
** again, so the server also runs in the background with no input.
*/
#define _GNU_SOURCE /* signalfd */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "server.h"
#include "stats.h"

static void usage(void) {
  fprintf(stderr, "usage: httpd [-t THREADS] [-p PORT]\n");
  exit(2);
}

/* The number in TEXT, which must be within [MIN, MAX]. */
static int parse_number(const char *text, long min, long max) {
  char *end;
  errno = 0;
  long value = strtol(text, &end, 10);
  if (errno != 0 || end == text || *end != '\0' || value < min || value > max) {
    fprintf(stderr, "httpd: error: '%s' is not a number from %ld to %ld\n", text, min, max);
    usage();
  }
  return (int)value;
}

/*
** True when BUF (LEN bytes read from stdin, appended to what earlier calls
** left) completes a line `quit`.  Keeps an unfinished line for the next call.
*/
static bool quit_requested(const char *buf, size_t len) {
  static char line[64];
  static size_t used;
  for (size_t i = 0; i < len; i++) {
    if (buf[i] != '\n') {
      if (used < sizeof line - 1)
        line[used++] = buf[i];
      continue;
    }
    line[used] = '\0';
    used = 0;
    if (strcmp(line, "quit") == 0 || strcmp(line, "quit\r") == 0)
      return true;
  }
  return false;
}

/*
** Waits for a reason to stop: `quit` on stdin, or one of the signals that
** SIGNAL_FD reads.  Returns the reason, for the last line.
*/
static const char *wait_for_stop(int signal_fd) {
  struct pollfd fds[2] = {
    { .fd = STDIN_FILENO, .events = POLLIN },
    { .fd = signal_fd, .events = POLLIN },
  };
  for (;;) {
    if (poll(fds, 2, -1) < 0 && errno != EINTR)
      return "poll failed";
    if (fds[1].revents & POLLIN) {
      struct signalfd_siginfo info;
      if (read(signal_fd, &info, sizeof info) == (ssize_t)sizeof info)
        return info.ssi_signo == SIGTERM ? "SIGTERM" : "SIGINT";
    }
    if (fds[0].revents & (POLLIN | POLLHUP)) {
      char buf[256];
      ssize_t n = read(STDIN_FILENO, buf, sizeof buf);
      if (n <= 0)
        fds[0].fd = -1; /* end of file: poll() ignores a negative fd */
      else if (quit_requested(buf, (size_t)n))
        return "quit on stdin";
    }
  }
}

int main(int argc, char **argv) {
  int threads = 4, port = 0, c;
  while ((c = getopt(argc, argv, "t:p:")) != -1) {
    switch (c) {
    case 't': threads = parse_number(optarg, 1, 64); break;
    case 'p': port = parse_number(optarg, 0, 65535); break;
    default: usage();
    }
  }
  if (optind < argc)
    usage();

  /* Blocked here, the signals stay blocked in every worker the server
     starts, and only the signalfd sees them. */
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, NULL);
  int signal_fd = signalfd(-1, &stop_signals, SFD_CLOEXEC);
  if (signal_fd < 0) {
    perror("httpd: error: signalfd");
    return 1;
  }

  struct server *srv = server_start(port, threads);
  if (srv == NULL)
    return 1;
  printf("httpd: listening on http://127.0.0.1:%d/ (%d worker threads, pid %d)\n",
         server_port(srv), threads, (int)getpid());
  fflush(stdout);

  const char *why = wait_for_stop(signal_fd);
  server_stop(srv);
  close(signal_fd);
  printf("httpd: stopped (%s) after %lu requests on %lu connections\n", why,
         stats_get(STAT_REQUESTS), stats_get(STAT_CONN_ACCEPTED));
  return 0;
}
