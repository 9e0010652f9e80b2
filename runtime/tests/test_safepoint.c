/*
** test_safepoint.c: the apply mode and hpp_run() (safepoint.c).
**
** Immediate mode runs loader work at once on the caller; safe-point mode
** runs it inside the next hotpatch_safepoint(), on the thread that calls
** it, and the poster waits; the step after the work (the reload hooks)
** runs there too, after the poster got its answer (so it may let the
** loader mutex go), and the poster's hpp_finish waits for it.  With no safe
** point in time the work is withdrawn and never runs; that timeout is
** measured on the monotonic clock, whatever the wall clock does.  Nothing
** here sleeps to synchronise: the main thread calls hotpatch_safepoint()
** until the work has run.
*/
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "books.h"
#include "check.h"
#include "hotpatch.h"
#include "safepoint.h"

static struct {
  int runs;
  pthread_t thread;
  int at_safepoint;
  int owned_books; /* the work acts for the poster, which owns them */
} seen;

static void work(void *arg) {
  (void)arg;
  seen.thread = pthread_self();
  seen.at_safepoint = hpp_at_safepoint();
  seen.owned_books = hpb_owned();
  __atomic_add_fetch(&seen.runs, 1, __ATOMIC_RELEASE);
}

static struct {
  int runs;
  pthread_t thread;
  int poster_had_returned; /* when the step after began */
} after_seen;

static int poster_returned;

/* Waits until the poster is back from hpp_run: the step after the work
** runs while the poster is free (to let the loader mutex go). */
static void after(void *arg) {
  (void)arg;
  after_seen.thread = pthread_self();
  if (hpp_safepoint_mode())
    while (!__atomic_load_n(&poster_returned, __ATOMIC_ACQUIRE))
      ;
  after_seen.poster_had_returned = poster_returned;
  __atomic_add_fetch(&after_seen.runs, 1, __ATOMIC_RELEASE);
}

/* As the loader posts: holding the books (taken with the loader mutex),
** given back before hpp_finish. */
static int run_as_loader(char *why, size_t size) {
  hpb_take();
  int ran = hpp_run(work, after, NULL, why, size);
  hpb_give_back();
  return ran;
}

struct poster {
  int rc;
  int after_runs_when_finished;
  char why[256];
};

static void *post(void *arg) {
  struct poster *p = arg;
  p->rc = run_as_loader(p->why, sizeof p->why);
  __atomic_store_n(&poster_returned, 1, __ATOMIC_RELEASE);
  hpp_finish(p->rc, after, NULL);
  p->after_runs_when_finished = after_seen.runs;
  return NULL;
}

/* The wall clock as the runtime sees it: shifted by `wall_shift` seconds,
** as when someone sets the system clock while a patch waits. */
static time_t wall_shift;

int clock_gettime(clockid_t clock, struct timespec *at) {
  int rc = (int)syscall(SYS_clock_gettime, clock, at);
  if (rc == 0 && clock == CLOCK_REALTIME)
    at->tv_sec += wall_shift;
  return rc;
}

static double monotonic_now(void) {
  struct timespec at;
  syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &at);
  return (double)at.tv_sec + (double)at.tv_nsec / 1e9;
}

/* A withdrawn job waits its timeout (0.2 s), neither less nor an hour
** more, with the wall clock an hour behind or ahead. */
static void test_timeout_clock(void) {
  char why[256];
  setenv("HOTPATCH_SAFEPOINT_TIMEOUT", "0.2", 1);
  alarm(20); /* an hour-long wait fails the test instead of hanging it */
  for (int i = 0; i < 2; i++) {
    wall_shift = i == 0 ? -3600 : 3600;
    double start = monotonic_now();
    CHECK_EQ_INT(run_as_loader(why, sizeof why), -1);
    hpp_finish(-1, after, NULL);
    double waited = monotonic_now() - start;
    CHECK(waited >= 0.19);
    CHECK(waited < 30);
  }
  alarm(0);
  wall_shift = 0;
}

/* Posting without the loader mutex (so without the books) is a bug the
** assertion catches, in builds with assertions on (scripts/sanitize.sh). */
static void test_unlocked_post_asserts(void) {
#ifndef NDEBUG
  pid_t child = fork();
  CHECK(child >= 0);
  if (child == 0) {
    char why[256];
    signal(SIGABRT, SIG_DFL);
    freopen("/dev/null", "w", stderr); /* the assertion's message */
    hpp_run(work, after, NULL, why, sizeof why);
    _exit(0);
  }
  int status = 0;
  CHECK_EQ_INT(waitpid(child, &status, 0), child);
  CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
#endif
}

int main(void) {
  char why[256] = "";

  /* Default (no HOTPATCH_MODE): immediate, on the calling thread. */
  unsetenv("HOTPATCH_MODE");
  CHECK(!hpp_safepoint_mode());
  int ran = run_as_loader(why, sizeof why);
  CHECK_EQ_INT(ran, 0);
  CHECK_EQ_INT(seen.runs, 1);
  CHECK(pthread_equal(seen.thread, pthread_self()));
  CHECK_EQ_INT(seen.at_safepoint, 0);
  CHECK_EQ_INT(seen.owned_books, 1);
  CHECK_EQ_INT(after_seen.runs, 0); /* the caller runs it, after unlocking */
  hpp_finish(ran, after, NULL);
  CHECK_EQ_INT(after_seen.runs, 1);
  hotpatch_safepoint(); /* nothing pending: returns at once */

  errno = 0;
  CHECK_EQ_INT(hotpatch_set_mode((enum hotpatch_mode)7), -1);
  CHECK_EQ_INT(errno, EINVAL);
  CHECK(!hpp_safepoint_mode());

  /* Safe-point mode: the work runs here, inside hotpatch_safepoint(), not
  ** on the posting thread, which gets 1 once it has run. */
  CHECK_EQ_INT(hotpatch_set_mode(HOTPATCH_MODE_SAFEPOINT), 0);
  CHECK(hpp_safepoint_mode());
  struct poster poster = {.rc = 99};
  pthread_t thread;
  CHECK_EQ_INT(pthread_create(&thread, NULL, post, &poster), 0);
  while (__atomic_load_n(&seen.runs, __ATOMIC_ACQUIRE) < 2)
    hotpatch_safepoint();
  pthread_join(thread, NULL);
  CHECK_EQ_INT(poster.rc, 1);
  CHECK(pthread_equal(seen.thread, pthread_self()));
  CHECK_EQ_INT(seen.at_safepoint, 1);
  CHECK_EQ_INT(seen.owned_books, 1);
  CHECK(!hpb_owned()); /* only while the work ran */
  CHECK_EQ_INT(hpp_at_safepoint(), 0);
  /* The step after the work ran here too, once the poster was back from
  ** hpp_run, and before its hpp_finish returned. */
  CHECK_EQ_INT(after_seen.runs, 2);
  CHECK(pthread_equal(after_seen.thread, pthread_self()));
  CHECK_EQ_INT(after_seen.poster_had_returned, 1);
  CHECK_EQ_INT(poster.after_runs_when_finished, 2);

  /* No safe point within the timeout: withdrawn, never run, said why. */
  setenv("HOTPATCH_SAFEPOINT_TIMEOUT", "0.05", 1);
  CHECK_EQ_INT(run_as_loader(why, sizeof why), -1);
  hpp_finish(-1, after, NULL);
  CHECK(strstr(why, "did not reach hotpatch_safepoint() within 0.05 s") !=
        NULL);
  hotpatch_safepoint();
  CHECK_EQ_INT(seen.runs, 2);
  CHECK_EQ_INT(after_seen.runs, 2);
  test_timeout_clock();
  CHECK_EQ_INT(seen.runs, 2);

  /* Back to immediate. */
  CHECK_EQ_INT(hotpatch_set_mode(HOTPATCH_MODE_IMMEDIATE), 0);
  ran = run_as_loader(why, sizeof why);
  hpp_finish(ran, after, NULL);
  CHECK_EQ_INT(ran, 0);
  CHECK_EQ_INT(seen.runs, 3);
  CHECK_EQ_INT(after_seen.runs, 3);
  test_unlocked_post_asserts();
  return check_finish("test_safepoint");
}
