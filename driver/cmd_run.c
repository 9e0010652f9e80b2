/*
** cmd_run.c: `hcc run [--verbose] [--restart] [--json] [--] PROGRAM
** [ARGS...]`: start PROGRAM, watch the files it was built from, and patch
** it on every save.  --json writes one JSON object per line on stdout for
** each event: start, build and patch (patch_json.h), exit.
**
** --restart: when the program fails (exit status other than 0, or killed
** by a signal) it is started again with the same arguments.  The new
** process runs the binary as built, so hcc patches it once right away with
** what changed in the sources since the build: it then runs what the files
** say, like the process before it.  A program that fails before its socket
** answers is not restarted (it would fail again the same way), nor one
** that hcc run was told to stop (SIGINT/SIGTERM/SIGHUP).
**
** One thread, one poll loop over a signalfd (SIGCHLD, and SIGINT/SIGTERM/
** SIGHUP to forward) and the inotify descriptor.  Saves come in bursts (an
** editor's "save all", a header and its source, a create then a write);
** a burst is events less than burst_ms apart (HOTPATCH_SAVE_BURST_MS,
** default 30), and one patch should follow it, built from the files as
** the burst left them.  Waiting burst_ms for
** silence would cost every save those milliseconds, so a save that leaves
** its file whole (closed or renamed into place) starts the patch at once,
** and the patch asks at its two checkpoints, when the compiles are done
** and before apply, whether the burst went on (superseded()): if another
** event came within burst_ms of the first, the attempt is dropped without
** a word and the loop starts over from the newest files.  Only a burst
** whose last event created a file (its contents may still be coming)
** waits for burst_ms of silence.  A patch is built and applied
** synchronously (patch_build.c), timed from the first event of the burst.
** Saves that come later stay queued and start the next one; the
** per-process state keeps such a file dirty, so the final state is always
** the last save.
**
** hcc run ends with its program.  SIGINT, SIGTERM, SIGHUP and SIGQUIT
** sent to hcc are passed on to the program; signals the terminal sent to
** the foreground group (ssi_code SI_KERNEL: Ctrl-C, Ctrl-\) already
** reached the child, which shares our process group, and are not sent
** twice (see reached_child() for the hangup).  hcc
** exits with the program's status (128+N when signal N ended it); a
** program that survives SIGINT, SIGTERM or SIGQUIT (a REPL cancelling a
** line) goes on being watched and patched.  A hangup means the terminal
** is gone: no patch is started after it, a program that survives it
** (daemons handle SIGHUP) is left to run as it would without hcc, and hcc
** exits HANGUP_GRACE_MS later with 129 rather than linger.
*/
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "control_client.h"
#include "hcc.h"
#include "json.h"
#include "patch_build.h"
#include "process_lookup.h"
#include "resident.h"
#include "run_command.h"
#include "standby.h"
#include "util.h"
#include "watcher.h"

enum {
  DEFAULT_BURST_MS = 30,
  READY_TIMEOUT_MS = 10000,
  READY_RETRY_MS = 10,
  RETRY_DIRS_MS = 1000,
  HANGUP_GRACE_MS = 2000,
  /* Standby children (standby.h) are forked once this long has passed
  ** without a save after a patch: forking them (2 ms) and warming them
  ** must not hold up a save that follows at once (an editor writing
  ** twice, a script), which is compiled by a fork as before. */
  STANDBY_QUIET_MS = 50
};

struct run {
  const char *program;
  pid_t child;
  int sfd;        /* signalfd                                   */
  int exited;     /* the child is gone; status in `status`      */
  int status;     /* exit status to return (128+signal)         */
  int raw_status; /* as waitpid gave it                         */
  int verbose;
  int restart;      /* --restart                                  */
  int stopping;     /* a stop signal came: no restart             */
  int hangup;       /* SIGHUP came: the terminal may be gone      */
  int left_running; /* it survived the hangup; hcc exits anyway   */
  int json;         /* --json: events on stdout                   */
  struct hw_watcher watcher;
  long long burst_ms; /* saves closer than this are one burst      */
  int early;          /* start at a whole save (not after silence) */
  /* the burst of saves not yet patched */
  int pending; /* a save came                                */
  int whole;   /* its last event left the file whole         */
  long long first_ms, last_ms;
  struct timespec first_event;
  long long standby_at; /* quiet until then (ms): fork standbys; 0: none */
};

static long long now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static int usage(const char *why) {
  hu_error(
      "hcc run: %s; usage: hcc run [--verbose] [--restart] [--json] [--] PROGRAM "
      "[ARGS...]",
      why);
  return HCC_EXIT_USAGE;
}

/* Whether the kernel sent this signal to our whole process group (the
** child included): keys typed at the terminal.  A hangup reaches only the
** session leader, so when hcc leads its session (`ssh host hcc run ...`,
** a terminal window running hcc run itself) the child never saw it. */
static int reached_child(const struct signalfd_siginfo *si) {
  if (si->ssi_code != SI_KERNEL)
    return 0;
  return !(si->ssi_signo == SIGHUP && getsid(0) == getpid());
}

/* Handle every pending signal: reap the child, forward the rest. */
static void take_signals(struct run *r) {
  struct signalfd_siginfo si;
  while (read(r->sfd, &si, sizeof si) == (ssize_t)sizeof si) {
    if (si.ssi_signo == SIGCHLD)
      continue;
    r->stopping = 1;
    if (si.ssi_signo == SIGHUP)
      r->hangup = 1;
    if (!r->exited && !reached_child(&si))
      kill(r->child, (int)si.ssi_signo);
  }
  int status;
  if (!r->exited && waitpid(r->child, &status, WNOHANG) == r->child) {
    r->exited = 1;
    r->raw_status = status;
    r->status = rcmd_status(status);
  }
}

/* Wait for `ms` or a signal; returns after handling signals. */
static void pause_ms(struct run *r, int ms) {
  struct pollfd p = {r->sfd, POLLIN, 0};
  poll(&p, 1, ms);
  take_signals(r);
}

/* Wait until the child's socket answers hello.  Returns its path, or NULL
** when the child exited or did not answer in time (message printed). */
static char *wait_ready(struct run *r) {
  long long deadline = now_ms() + READY_TIMEOUT_MS;
  for (;;) {
    take_signals(r);
    if (r->exited) {
      hu_error("%s exited (status %d) before its hotpatch socket answered",
               r->program, r->status);
      return NULL;
    }
    char *sock = pl_socket_of(r->child);
    if (sock) {
      char *answer;
      int err;
      if (cc_request(sock, "hello", 1000, &answer, &err) == CC_OK) {
        free(answer);
        return sock;
      }
      free(answer);
      free(sock);
    }
    if (now_ms() >= deadline) {
      hu_error(
          "%s (pid %ld) did not answer on a hotpatch socket within %d s; was it built "
          "with hcc, without HOTPATCH=off? It keeps running unpatched",
          r->program, (long)r->child, READY_TIMEOUT_MS / 1000);
      return NULL;
    }
    pause_ms(r, READY_RETRY_MS);
  }
}

/* Wait for the program to exit; after a hangup, for HANGUP_GRACE_MS at
** most (status 129 if it is still running then). */
static void wait_exit(struct run *r) {
  long long hangup_at = 0;
  while (!r->exited) {
    if (r->hangup && !hangup_at)
      hangup_at = now_ms();
    if (!hangup_at) {
      pause_ms(r, -1);
      continue;
    }
    long long left = hangup_at + HANGUP_GRACE_MS - now_ms();
    if (left <= 0) {
      r->exited = 1;
      r->left_running = 1;
      r->status = 128 + SIGHUP;
      return;
    }
    pause_ms(r, (int)left);
  }
}

static int watch(struct run *r, const struct hu_vec *files) {
  return hw_set_files(&r->watcher, files);
}

/* A save (hw_seen bits) joins the pending burst or starts one. */
static void saw(struct run *r, int seen) {
  long long now = now_ms();
  if (!r->pending) {
    r->pending = 1;
    r->first_ms = now;
    clock_gettime(CLOCK_MONOTONIC, &r->first_event);
  }
  r->last_ms = now;
  r->whole = r->early && (seen & HW_COMPLETE) != 0;
}

/* Milliseconds until the pending burst may be patched (0: now). */
static long long wait_left(const struct run *r) {
  if (r->whole)
    return 0;
  long long left = r->last_ms + r->burst_ms - now_ms();
  return left > 0 ? left : 0;
}

/* pb_options.superseded: did the burst being patched go on?  Later saves
** are kept as the next burst. */
static int superseded(void *ctx) {
  struct run *r = ctx;
  int seen = hw_read(&r->watcher);
  if (seen <= 0)
    return 0;
  int same_burst = !r->pending && now_ms() - r->first_ms < r->burst_ms;
  /* The burst goes on: still pending, the next attempt is timed from its
  ** first save (saw() starts a new burst only when none is pending). */
  if (same_burst)
    r->pending = 1;
  saw(r, seen);
  return same_burst;
}

/* The loop: saves -> patches, until the child exits. */
static void loop(struct run *r, const char *sock) {
  struct pb_target t = {r->child, sock};
  r->pending = 0;
  while (!r->exited) {
    int timeout = -1;
    if (r->pending)
      timeout = (int)wait_left(r);
    else if (hw_missing(&r->watcher))
      timeout = RETRY_DIRS_MS;
    if (!r->pending && r->standby_at) {
      long long left = r->standby_at - now_ms();
      left = left > 0 ? left : 0;
      timeout = timeout < 0 || left < timeout ? (int)left : timeout;
    }
    struct pollfd p[2] = {{r->sfd, POLLIN, 0}, {r->watcher.fd, POLLIN, 0}};
    int n = poll(p, 2, timeout);
    if (n < 0 && errno != EINTR)
      break;
    if (p[0].revents)
      take_signals(r);
    if (r->exited || r->hangup)
      break;
    int seen = p[1].revents ? hw_read(&r->watcher) : 0;
    if (seen > 0)
      saw(r, seen);
    if (!r->pending && r->standby_at && now_ms() >= r->standby_at) {
      rs_fill_standbys(r->verbose);
      r->standby_at = 0;
    }
    /* A directory that came back: its files may have changed meanwhile. */
    if (!r->pending && hw_missing(&r->watcher) && hw_retry(&r->watcher))
      saw(r, 0);
    if (!r->pending || wait_left(r) > 0)
      continue;
    r->pending = 0;
    struct pb_options o = {r->verbose, 1, r->first_event, 0,     superseded,
                           r,          0, r->json,        "run", NULL};
    struct hu_vec files = HU_VEC_INIT;
    pb_patch(&t, &o, &files);
    r->standby_at = now_ms() + STANDBY_QUIET_MS;
    if (files.count)
      watch(r, &files);
    hu_vec_free(&files);
  }
}

/* --json: {"event":"start","pid":..,"program":..,"watching":<files>}. */
static void start_event(const struct run *r, int files) {
  struct hj j = HJ_INIT;
  hj_object(&j, NULL);
  hj_str(&j, "event", "start");
  hj_int(&j, "pid", r->child);
  hj_str(&j, "program", r->program);
  hj_int(&j, "watching", files);
  hj_end(&j);
  hj_print(&j, stdout);
}

/* --json: {"event":"exit","pid":..,"code":<n>|null,"signal":<n>|null,
** "status":<hcc's exit status>,"running":<still running after a hangup>}. */
static void exit_event(const struct run *r) {
  int st = r->raw_status, ended = !r->left_running;
  struct hj j = HJ_INIT;
  hj_object(&j, NULL);
  hj_str(&j, "event", "exit");
  hj_int(&j, "pid", r->child);
  if (ended && WIFEXITED(st))
    hj_int(&j, "code", WEXITSTATUS(st));
  else
    hj_str(&j, "code", NULL);
  if (ended && WIFSIGNALED(st))
    hj_int(&j, "signal", WTERMSIG(st));
  else
    hj_str(&j, "signal", NULL);
  hj_int(&j, "status", r->status);
  hj_bool(&j, "running", !ended);
  hj_end(&j);
  hj_print(&j, stdout);
}

/* Whether to start the program again, and say so. */
static int should_restart(const struct run *r, int answered) {
  if (!r->restart || r->stopping)
    return 0;
  if (!answered) {
    fprintf(
        stderr,
        "hcc: note: not restarting %s: it exited before its hotpatch socket "
        "answered, so it would fail the same way again\n",
        r->program);
    return 0;
  }
  int st = r->raw_status;
  if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
    return 0; /* it finished on purpose */
  if (WIFSIGNALED(st))
    fprintf(stderr,
            "hcc: %s (pid %ld) was killed by signal %d (%s); restarting it "
            "(--restart)\n",
            r->program, (long)r->child, WTERMSIG(st), strsignal(WTERMSIG(st)));
  else
    fprintf(
        stderr,
        "hcc: %s (pid %ld) exited with status %d; restarting it (--restart)\n",
        r->program, (long)r->child, r->status);
  fflush(stderr);
  return 1;
}

/* One process of the program, from start to exit.  After a restart the
** first patch brings the binary as built up to the current sources.
** Returns 1 when its socket answered. */
static int run_once(struct run *r, char **argv, int restarted) {
  r->exited = 0;
  struct rcmd child = {.argv = argv};
  if (rcmd_start(&child) != 0) {
    hu_error("cannot run %s: %s", r->program, strerror(errno));
    r->exited = 1;
    r->status = 127; /* as a shell says it */
    return 0;
  }
  r->child = child.pid;
  char *sock = wait_ready(r);
  if (sock) {
    struct hu_vec files = HU_VEC_INIT;
    struct pb_target t = {r->child, sock};
    int rc;
    if (restarted) {
      struct pb_options o = {r->verbose, 1, {0, 0},  0,     NULL,
                             NULL,       0, r->json, "run", NULL};
      clock_gettime(CLOCK_MONOTONIC, &o.t0);
      pb_patch(&t, &o, &files);
      rc = files.count ? 0 : pb_files(&t, &files);
    } else {
      rc = pb_files(&t, &files);
    }
    if (rc == 0) {
      int n = watch(r, &files);
      fprintf(stderr, "hcc: watching %d files of %s (pid %ld)\n", n, r->program,
              (long)r->child);
      fflush(stderr);
      if (r->json)
        start_event(r, n);
      pb_prepare(r->verbose);
      r->standby_at = now_ms(); /* due at once */
      loop(r, sock);
    }
    hu_vec_free(&files);
    free(sock);
  }
  wait_exit(r);
  if (r->json)
    exit_event(r);
  return sock != NULL;
}

/* HOTPATCH_SAVE_BURST_MS, or the default.  Returns 1 after an error. */
static int burst_setting(long long *ms) {
  const char *env = getenv("HOTPATCH_SAVE_BURST_MS");
  *ms = DEFAULT_BURST_MS;
  if (!env || !*env)
    return 0;
  char *end;
  errno = 0;
  long long v = strtoll(env, &end, 10);
  if (*end || errno || v < 0 || v > 3600000) {
    hu_error(
        "HOTPATCH_SAVE_BURST_MS is '%s'; set it to the milliseconds within which saves "
        "count as one (0 to 3600000, default %d)",
        env, DEFAULT_BURST_MS);
    return 1;
  }
  *ms = v;
  return 0;
}

/* See hcc.h. */
int cmd_run(int argc, char **argv) {
  struct run r;
  memset(&r, 0, sizeof r);
  int i = 1;
  for (; i < argc; i++) {
    if (!strcmp(argv[i], "--")) {
      i++;
      break;
    }
    if (!strcmp(argv[i], "--verbose") || !strcmp(argv[i], "-v"))
      r.verbose = 1;
    else if (!strcmp(argv[i], "--restart"))
      r.restart = 1;
    else if (!strcmp(argv[i], "--json"))
      r.json = 1;
    else if (argv[i][0] == '-')
      return usage(hu_xasprintf("unknown option '%s'", argv[i]));
    else
      break;
  }
  if (i >= argc)
    return usage("no PROGRAM given");
  if (burst_setting(&r.burst_ms))
    return HCC_EXIT_USAGE;
  /* HOTPATCH_RUN_EARLY=0: wait for burst_ms of silence after every save,
  ** as before the early start (for comparison). */
  r.early = hu_env_switch("HOTPATCH_RUN_EARLY") != 0;
  r.program = argv[i];
  if (hw_init(&r.watcher))
    return HCC_EXIT_FAIL;
  sigset_t mask;
  sigemptyset(&mask);
  sigaddset(&mask, SIGCHLD);
  sigaddset(&mask, SIGINT);
  sigaddset(&mask, SIGTERM);
  sigaddset(&mask, SIGHUP);
  sigaddset(&mask, SIGQUIT);
  sigprocmask(SIG_BLOCK, &mask, NULL);
  r.sfd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
  if (r.sfd < 0)
    return hu_error("cannot set up signal handling (signalfd): %s",
                    strerror(errno));
  int restarted = 0;
  while (should_restart(&r, run_once(&r, argv + i, restarted)))
    restarted = 1;
  hw_close(&r.watcher);
  /* No child of ours outlives hcc run. */
  sb_drop();
  rcmd_reap_exiting(1);
  return r.status;
}
