/*
** test_fault_race.c: the fault storm inside one process, for the sanitizer
** builds (ThreadSanitizer above all).  Four threads with resume points call
** compute() through its slot while the main thread applies a good and a
** bad patch of it in turn (the bad one faults for one input in seven, so
** several threads fault in it at once), reverts once and dlopens an
** instrumented library every round.  No result may be wrong, faults must
** have been resumed, the process must live.  Runs HOTPATCH_STORM_SECONDS
** (default 2).  Patches cycle through POOL copies (a path applied before
** is reused) and the first LIBS rounds load a new library (a new slot
** object), later ones an earlier one, so that a soak of minutes does not
** map thousands of objects.
*/
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <hotpatch.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "loader.h"
#include "registry.h"
#include "revert.h"

#define THREADS 4
#define POOL 50
#define LIBS 200

static volatile long zero;
static long compute_v1(long x) {
  return x * 3 + zero;
}
static void *compute_slot = (void *)compute_v1;
static long compute(long x) {
  return ((long (*)(long))__atomic_load_n(&compute_slot, __ATOMIC_ACQUIRE))(x);
}

static const struct hotpatch_function functions[] = {
    {"compute", &compute_slot, (void *)compute, (void *)compute_v1, 1, 1, 0, 0,
     NULL},
};

static atomic_int stop;
static atomic_long wrong;

struct worker {
  pthread_t thread;
  unsigned long seed;
  volatile long calls, resumed;
  volatile int in_call; /* set while compute runs: a jump back finds it */
};

static void *work(void *arg) {
  struct worker *w = arg;
  HOTPATCH_RESUME_POINT();
  if (w->in_call) {
    w->in_call = 0;
    w->resumed++;
  }
  while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
    w->seed = w->seed * 6364136223846793005ul + 1442695040888963407ul;
    long x = (long)(w->seed >> 40);
    w->in_call = 1;
    long got = compute(x);
    w->in_call = 0;
    if (got != x * 3)
      atomic_fetch_add(&wrong, 1);
    w->calls++;
  }
  hotpatch_resume_clear();
  return NULL;
}

/* The path `dir`/`name`<n>.so, a copy of `from` made when `fresh`. */
static char *copy(const char *from, const char *dir, const char *name, int n,
                  int fresh) {
  char *path;
  if (asprintf(&path, "%s/%s%d.so", dir, name, n) < 0)
    abort();
  if (!fresh)
    return path;
  int in = open(from, O_RDONLY), out = open(path, O_WRONLY | O_CREAT, 0700);
  char buffer[65536];
  ssize_t got;
  while (in >= 0 && out >= 0 && (got = read(in, buffer, sizeof buffer)) > 0)
    if (write(out, buffer, (size_t)got) != got)
      abort();
  close(in);
  close(out);
  return path;
}

/* Apply (or revert, path NULL); the answer must be one line, ok or error. */
static void request(const char *path) {
  char *text = NULL;
  size_t size = 0;
  FILE *answer = open_memstream(&text, &size);
  if (path)
    hpa_apply(path, NULL, answer);
  else
    hpa_revert(answer);
  fclose(answer);
  CHECK(strncmp(text, "ok ", 3) == 0 || strncmp(text, "error ", 6) == 0);
  free(text);
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(void) {
  struct hotpatch_module module = test_module("race.c", functions, 1, NULL, 0);
  __hotpatch_register_module(&module);
  const char *env = getenv("HOTPATCH_STORM_SECONDS");
  double seconds = env ? atof(env) : 2;
  char dir_template[] = "fault_race.XXXXXX";
  char dir[PATH_MAX];
  CHECK(mkdtemp(dir_template) && realpath(dir_template, dir));

  static struct worker workers[THREADS];
  for (int i = 0; i < THREADS; i++) {
    workers[i].seed = (unsigned long)i + 1;
    CHECK(pthread_create(&workers[i].thread, NULL, work, &workers[i]) == 0);
  }
  int rounds = 0;
  for (double start = now(); now() - start < seconds; rounds++) {
    char *good =
        copy(FAULT_RACE_GOOD, dir, "good", rounds % POOL, rounds < POOL);
    char *bad = copy(FAULT_RACE_BAD, dir, "bad", rounds % POOL, rounds < POOL);
    char *plug =
        copy(FAULT_RACE_PLUG, dir, "plug", rounds % LIBS, rounds < LIBS);
    request(good);
    request(bad);
    request(NULL);
    void *lib = dlopen(plug, RTLD_NOW | RTLD_LOCAL);
    int (*value)(int) = lib ? (int (*)(int))dlsym(lib, "plug_value") : NULL;
    CHECK(value && value(1) == 2);
    free(good);
    free(bad);
    free(plug);
  }
  atomic_store(&stop, 1);
  long calls = 0, resumed = 0;
  for (int i = 0; i < THREADS; i++) {
    pthread_join(workers[i].thread, NULL);
    calls += workers[i].calls;
    resumed += workers[i].resumed;
  }
  fprintf(stderr, "test_fault_race: %d rounds, %ld calls, %ld resumed\n",
          rounds, calls, resumed);
  CHECK_EQ_INT(atomic_load(&wrong), 0);
  CHECK(resumed > 0);
  CHECK(rounds > 0);
  char *remove_all;
  if (asprintf(&remove_all, "rm -rf '%s'", dir) < 0)
    abort();
  if (system(remove_all) != 0)
    fprintf(stderr, "test_fault_race: cannot remove %s\n", dir);
  free(remove_all);
  return check_finish("test_fault_race");
}
