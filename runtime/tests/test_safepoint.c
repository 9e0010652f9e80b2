/*
** test_safepoint.c: the apply mode and hpp_run() (safepoint.c).
**
** Immediate mode runs loader work at once on the caller; safe-point mode
** runs it inside the next hotpatch_safepoint(), on the thread that calls
** it, and the poster waits; with no safe point in time the work is
** withdrawn and never runs.  Nothing here sleeps to synchronise: the main
** thread calls hotpatch_safepoint() until the work has run.
*/
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "hotpatch.h"
#include "safepoint.h"

static struct {
  int runs;
  pthread_t thread;
  int at_safepoint;
} seen;

static void work(void *arg) {
  (void)arg;
  seen.thread = pthread_self();
  seen.at_safepoint = hpp_at_safepoint();
  __atomic_add_fetch(&seen.runs, 1, __ATOMIC_RELEASE);
}

struct poster {
  int rc;
  char why[256];
};

static void *post(void *arg) {
  struct poster *p = arg;
  p->rc = hpp_run(work, NULL, p->why, sizeof p->why);
  return NULL;
}

int main(void) {
  char why[256] = "";

  /* Default (no HOTPATCH_MODE): immediate, on the calling thread. */
  unsetenv("HOTPATCH_MODE");
  CHECK(!hpp_safepoint_mode());
  CHECK_EQ_INT(hpp_run(work, NULL, why, sizeof why), 0);
  CHECK_EQ_INT(seen.runs, 1);
  CHECK(pthread_equal(seen.thread, pthread_self()));
  CHECK_EQ_INT(seen.at_safepoint, 0);
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
  CHECK_EQ_INT(hpp_at_safepoint(), 0);

  /* No safe point within the timeout: withdrawn, never run, said why. */
  setenv("HOTPATCH_SAFEPOINT_TIMEOUT", "0.05", 1);
  CHECK_EQ_INT(hpp_run(work, NULL, why, sizeof why), -1);
  CHECK(strstr(why, "did not reach hotpatch_safepoint() within 0.05 s") !=
        NULL);
  hotpatch_safepoint();
  CHECK_EQ_INT(seen.runs, 2);

  /* Back to immediate. */
  CHECK_EQ_INT(hotpatch_set_mode(HOTPATCH_MODE_IMMEDIATE), 0);
  CHECK_EQ_INT(hpp_run(work, NULL, why, sizeof why), 0);
  CHECK_EQ_INT(seen.runs, 3);
  return check_finish("test_safepoint");
}
