/*
** safepoint.c: HOTPATCH_MODE, hotpatch_set_mode() and hotpatch_safepoint().
**
** One job at most is under way at any time: the loader mutex, held by the
** control thread while it posts and waits, serialises them, and a poster
** finishes its job (hpp_finish) before it posts another.  A job has two
** steps: the work (publishing, done for the loader mutex's holder) and then
** the reload hooks, which run once the holder has let the mutex go, so that
** a hook may fork() or take its time without holding up the loader.
**
**     IDLE --post--> POSTED --claimed--> RUNNING --work--> PUBLISHED
**      ^               |                                       | hooks
**      |               +--timeout: withdrawn by the poster     v
**      +--------------------------------------------------- DONE
**                        (the poster, in hpp_finish)
**
** under `lock`; only the poster returns it to IDLE, so a job that a safe
** point has claimed always runs to the end and the poster always waits for
** it.  A fork()ed child has no poster: it starts with an IDLE machine and a
** new ticket, so a hook that returns in the child changes nothing.  The
** safe point's fast path is one relaxed load of `pending`.
*/
#define _GNU_SOURCE
#include "safepoint.h"

#include <assert.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "books.h"
#include "hotpatch.h"
#include "internal.h"
#include "log.h"

enum { MODE_UNKNOWN = -1 };
enum job_state { IDLE, POSTED, RUNNING, PUBLISHED, DONE };

static int mode = MODE_UNKNOWN;
static int pending;               /* the fast-path flag: a job is POSTED */
static __thread bool running_job; /* this thread runs a job at a safe point */

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t job_changed = PTHREAD_COND_INITIALIZER;
static struct {
  enum job_state state;
  void (*work)(void *);
  void (*after)(void *);
  void *arg;
  unsigned long
      ticket; /* which job: a stale one (in a child) changes nothing */
} job;        /* under lock */

/* ------------------------------------------------------------------ mode */

static int mode_from_environment(void) {
  const char *value = getenv("HOTPATCH_MODE");
  if (!value || !*value || strcmp(value, "immediate") == 0)
    return HOTPATCH_MODE_IMMEDIATE;
  if (strcmp(value, "safepoint") == 0)
    return HOTPATCH_MODE_SAFEPOINT;
  hpl_warning("HOTPATCH_MODE=%s is not a mode (immediate, safepoint); "
              "patches are applied immediately",
              value);
  return HOTPATCH_MODE_IMMEDIATE;
}

bool hpp_safepoint_mode(void) {
  int now = __atomic_load_n(&mode, __ATOMIC_ACQUIRE);
  if (now == MODE_UNKNOWN) {
    int read = mode_from_environment();
    /* hotpatch_set_mode() may have won meanwhile; it takes precedence. */
    if (!__atomic_compare_exchange_n(&mode, &now, read, false, __ATOMIC_ACQ_REL,
                                     __ATOMIC_ACQUIRE))
      return now == HOTPATCH_MODE_SAFEPOINT;
    now = read;
  }
  return now == HOTPATCH_MODE_SAFEPOINT;
}

/*
** Choose when patches take effect from now on; overrides HOTPATCH_MODE.
** A patch already waiting for a safe point keeps waiting.  Returns 0, or
** -1 with errno EINVAL for an unknown mode.
*/
HP_API int hotpatch_set_mode(enum hotpatch_mode new_mode) {
  if (new_mode != HOTPATCH_MODE_IMMEDIATE &&
      new_mode != HOTPATCH_MODE_SAFEPOINT) {
    errno = EINVAL;
    return -1;
  }
  __atomic_store_n(&mode, (int)new_mode, __ATOMIC_RELEASE);
  return 0;
}

/* -------------------------------------------------------------- waiting */

static double timeout_seconds(void) {
  const char *value = getenv("HOTPATCH_SAFEPOINT_TIMEOUT");
  char *end;
  double seconds = value ? strtod(value, &end) : 0;
  if (!value || end == value || *end || seconds <= 0)
    return 10;
  return seconds;
}

/* Monotonic, so that setting the wall clock neither cuts a wait short nor
** makes it last for ever. */
static struct timespec deadline_after(double seconds) {
  struct timespec at;
  clock_gettime(CLOCK_MONOTONIC, &at);
  long long ns = at.tv_nsec + (long long)((seconds - (long long)seconds) * 1e9);
  at.tv_sec += (time_t)seconds + (time_t)(ns / 1000000000);
  at.tv_nsec = (long)(ns % 1000000000);
  return at;
}

/* Wait for a safe point to claim the job and finish its work; withdraw it
** when none claims it in time.  Called with `lock` held. */
static int wait_for_job(double seconds) {
  struct timespec deadline = deadline_after(seconds);
  while (job.state == POSTED) {
    int rc =
        pthread_cond_clockwait(&job_changed, &lock, CLOCK_MONOTONIC, &deadline);
    if (rc == ETIMEDOUT && job.state == POSTED) {
      __atomic_store_n(&pending, 0, __ATOMIC_RELAXED);
      job.state = IDLE;
      return -1;
    }
  }
  while (job.state == RUNNING) /* claimed: it will finish, however long */
    pthread_cond_wait(&job_changed, &lock);
  return 1;
}

int hpp_run(void (*work)(void *), void (*after)(void *), void *arg, char *why,
            size_t size) {
  /* The caller holds the loader mutex, which owns the books (loader.h):
  ** `work` publishes under it, on this thread or at a safe point. */
  assert(hpb_owned());
  if (!hpp_safepoint_mode()) {
    work(arg);
    return 0;
  }
  double seconds = timeout_seconds();
  pthread_mutex_lock(&lock);
  while (job.state != IDLE) /* a poster that has not finished its job */
    pthread_cond_wait(&job_changed, &lock);
  job.work = work;
  job.after = after;
  job.arg = arg;
  job.ticket++;
  job.state = POSTED;
  __atomic_store_n(&pending, 1, __ATOMIC_RELAXED); /* the lock orders job */
  int rc = wait_for_job(seconds);
  pthread_mutex_unlock(&lock);
  if (rc < 0)
    snprintf(why, size,
             "the program did not reach hotpatch_safepoint() "
             "within %g s (HOTPATCH_MODE=safepoint); nothing was changed",
             seconds);
  return rc;
}

void hpp_finish(int ran, void (*after)(void *), void *arg) {
  if (ran == 0) {
    after(arg);
    return;
  }
  if (ran < 0)
    return;
  pthread_mutex_lock(&lock);
  while (job.state != DONE)
    pthread_cond_wait(&job_changed, &lock);
  job.state = IDLE;
  pthread_cond_broadcast(&job_changed);
  pthread_mutex_unlock(&lock);
}

/* ------------------------------------------------------------------ fork */

void hpp_lock_for_fork(void) {
  pthread_mutex_lock(&lock);
}

/* In the child, the poster (if any) and every thread waiting on
** job_changed are the parent's: the child starts with no job and a fresh
** condition variable (a broadcast would wait for waiters that are not
** there). */
void hpp_unlock_after_fork(bool in_child) {
  static const pthread_cond_t fresh = PTHREAD_COND_INITIALIZER;
  if (in_child) {
    job.state = IDLE;
    job.ticket++;
    __atomic_store_n(&pending, 0, __ATOMIC_RELAXED);
    job_changed = fresh;
  }
  pthread_mutex_unlock(&lock);
}

/* ------------------------------------------------------------ safe point */

bool hpp_at_safepoint(void) {
  return running_job;
}

/* Move the job `ticket` to `state`, unless it is stale (in a fork child,
** the job of a hook that returns there is the parent's). */
static void job_reached(unsigned long ticket, enum job_state state) {
  pthread_mutex_lock(&lock);
  if (job.ticket == ticket) {
    job.state = state;
    pthread_cond_broadcast(&job_changed);
  }
  pthread_mutex_unlock(&lock);
}

static void run_posted_job(void) {
  pthread_mutex_lock(&lock);
  if (job.state != POSTED) { /* another thread claimed it, or withdrawn */
    pthread_mutex_unlock(&lock);
    return;
  }
  job.state = RUNNING;
  __atomic_store_n(&pending, 0, __ATOMIC_RELAXED);
  unsigned long ticket = job.ticket;
  void (*work)(void *) = job.work, (*after)(void *) = job.after;
  void *arg = job.arg;
  pthread_mutex_unlock(&lock);

  running_job = true; /* the poster holds the loader mutex for us */
  hpb_act_for_taker(true);
  work(arg);
  hpb_act_for_taker(false);
  running_job = false;
  job_reached(ticket, PUBLISHED); /* the poster lets the loader mutex go */
  after(arg);
  job_reached(ticket, DONE);
}

/*
** A point where the program is ready for new code.  The fast path is one
** relaxed load: the flag only says "look"; `lock` orders everything else.
** Under HOTPATCH_MODE=safepoint a waiting patch (or revert) is published
** here, on the calling thread, and the reload hooks run here too.
*/
HP_API void hotpatch_safepoint(void) {
  if (__builtin_expect(__atomic_load_n(&pending, __ATOMIC_RELAXED), 0))
    run_posted_job();
}
