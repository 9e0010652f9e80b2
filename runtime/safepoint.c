/*
** safepoint.c: HOTPATCH_MODE, hotpatch_set_mode() and hotpatch_safepoint().
**
** One job at most is waiting at any time: the loader mutex, held by the
** control thread while it waits, serialises them.  The job moves through
**
**     IDLE --post--> POSTED --claimed by a safe point--> RUNNING --> DONE
**                      |                                               |
**                      +--timeout: withdrawn by the poster--> IDLE <---+
**
** under `lock`; only the poster returns it to IDLE, so a job that a safe
** point has claimed always runs to the end and the poster always waits for
** it.  The safe point's fast path is one relaxed load of `pending`.
*/
#define _GNU_SOURCE
#include "safepoint.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hotpatch.h"
#include "internal.h"
#include "log.h"

enum { MODE_UNKNOWN = -1 };
enum job_state { IDLE, POSTED, RUNNING, DONE };

static int mode = MODE_UNKNOWN;
static int pending; /* the fast-path flag: a job is POSTED */
static __thread bool running_job; /* this thread runs a job at a safe point */

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t job_changed = PTHREAD_COND_INITIALIZER;
static struct {
  enum job_state state;
  void (*work)(void *);
  void *arg;
} job; /* under lock */

/* ------------------------------------------------------------------ mode */

static int mode_from_environment(void) {
  const char *value = getenv("HOTPATCH_MODE");
  if (!value || !*value || strcmp(value, "immediate") == 0)
    return HOTPATCH_MODE_IMMEDIATE;
  if (strcmp(value, "safepoint") == 0)
    return HOTPATCH_MODE_SAFEPOINT;
  hpl_warning("HOTPATCH_MODE=%s is not a mode (immediate, safepoint); "
              "patches are applied immediately", value);
  return HOTPATCH_MODE_IMMEDIATE;
}

bool hpp_safepoint_mode(void) {
  int now = __atomic_load_n(&mode, __ATOMIC_ACQUIRE);
  if (now == MODE_UNKNOWN) {
    int read = mode_from_environment();
    /* hotpatch_set_mode() may have won meanwhile; it takes precedence. */
    if (!__atomic_compare_exchange_n(&mode, &now, read, false,
                                     __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
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

static struct timespec deadline_after(double seconds) {
  struct timespec at;
  clock_gettime(CLOCK_REALTIME, &at);
  long long ns = at.tv_nsec + (long long)((seconds - (long long)seconds) * 1e9);
  at.tv_sec += (time_t)seconds + (time_t)(ns / 1000000000);
  at.tv_nsec = (long)(ns % 1000000000);
  return at;
}

/* Wait for a safe point to claim and finish the job; withdraw it when none
** claims it in time.  Called with `lock` held. */
static int wait_for_job(double seconds) {
  struct timespec deadline = deadline_after(seconds);
  while (job.state == POSTED) {
    int rc = pthread_cond_timedwait(&job_changed, &lock, &deadline);
    if (rc == ETIMEDOUT && job.state == POSTED) {
      __atomic_store_n(&pending, 0, __ATOMIC_RELAXED);
      job.state = IDLE;
      return -1;
    }
  }
  while (job.state != DONE) /* claimed: it will finish, however long */
    pthread_cond_wait(&job_changed, &lock);
  job.state = IDLE;
  return 1;
}

int hpp_run(void (*work)(void *), void *arg, char *why, size_t size) {
  if (!hpp_safepoint_mode()) {
    work(arg);
    return 0;
  }
  double seconds = timeout_seconds();
  pthread_mutex_lock(&lock);
  job.work = work;
  job.arg = arg;
  job.state = POSTED;
  __atomic_store_n(&pending, 1, __ATOMIC_RELAXED); /* the lock orders job */
  int rc = wait_for_job(seconds);
  pthread_mutex_unlock(&lock);
  if (rc < 0)
    snprintf(why, size, "the program did not reach hotpatch_safepoint() "
             "within %g s (HOTPATCH_MODE=safepoint); nothing was changed",
             seconds);
  return rc;
}

/* ------------------------------------------------------------ safe point */

bool hpp_at_safepoint(void) {
  return running_job;
}

static void run_posted_job(void) {
  pthread_mutex_lock(&lock);
  if (job.state != POSTED) { /* another thread claimed it, or withdrawn */
    pthread_mutex_unlock(&lock);
    return;
  }
  job.state = RUNNING;
  __atomic_store_n(&pending, 0, __ATOMIC_RELAXED);
  pthread_mutex_unlock(&lock);

  running_job = true; /* the poster holds the loader mutex for us */
  job.work(job.arg);
  running_job = false;

  pthread_mutex_lock(&lock);
  job.state = DONE;
  pthread_cond_broadcast(&job_changed);
  pthread_mutex_unlock(&lock);
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
