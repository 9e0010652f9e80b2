/*
** test_concurrent.c: four threads register modules at the same time, as
** constructors do when several threads dlopen instrumented libraries.
**
** The threads start together at a barrier (no sleeps).  Every module has
** ids of its own plus one weak function shared by all modules with the same
** stub, so the tables grow and the duplicate rule runs under contention.
** Afterwards every id must be found, pointing at its own module.
*/
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "registry.h"

void __hotpatch_register_module(const struct hotpatch_module *module);

enum { THREADS = 4, MODULES_PER_THREAD = 250, FUNCTIONS_PER_MODULE = 8 };

static int shared_impl(void) {
  return 0;
}
static void *shared_slot = (void *)shared_impl;
static pthread_barrier_t start_line;

struct worker {
  int index;
  struct hotpatch_module modules[MODULES_PER_THREAD];
};

static char *format_id(const char *format, int thread, int module, int item) {
  char *id = malloc(48);
  snprintf(id, 48, format, thread, module, item);
  return id;
}

/* Built before the race so that the threads only register. */
static void build_modules(struct worker *worker) {
  for (int m = 0; m < MODULES_PER_THREAD; m++) {
    struct hotpatch_function *functions =
        calloc(FUNCTIONS_PER_MODULE + 1, sizeof *functions);
    void **slots = calloc(FUNCTIONS_PER_MODULE, sizeof *slots);
    for (int f = 0; f < FUNCTIONS_PER_MODULE; f++)
      functions[f] = (struct hotpatch_function){
          format_id("t%d.m%d.f%d", worker->index, m, f),
          &slots[f],
          &slots[f],
          (void *)shared_impl,
          0,
          0,
          0,
          0,
          NULL};
    functions[FUNCTIONS_PER_MODULE] =
        (struct hotpatch_function){"shared_weak",
                                   &shared_slot,
                                   (void *)&shared_slot,
                                   (void *)shared_impl,
                                   0,
                                   0,
                                   HOTPATCH_SYM_WEAK,
                                   0,
                                   NULL};
    worker->modules[m] =
        test_module(format_id("t%d/m%d.c", worker->index, m, 0), functions,
                    FUNCTIONS_PER_MODULE + 1, NULL, 0);
  }
}

static void *register_all(void *arg) {
  struct worker *worker = arg;
  pthread_barrier_wait(&start_line);
  for (int m = 0; m < MODULES_PER_THREAD; m++)
    __hotpatch_register_module(&worker->modules[m]);
  return NULL;
}

static void check_worker(const struct worker *worker) {
  int wrong = 0;
  for (int m = 0; m < MODULES_PER_THREAD; m++) {
    const struct hotpatch_module *module = &worker->modules[m];
    for (int f = 0; f < FUNCTIONS_PER_MODULE; f++) {
      struct hpr_function_ref ref;
      if (hpr_find_function(NULL, module->functions[f].id, &ref) != 0 ||
          ref.function != &module->functions[f] || ref.module != module)
        wrong++;
    }
  }
  CHECK_EQ_INT(wrong, 0);
}

int main(void) {
  static struct worker workers[THREADS];
  pthread_t threads[THREADS];
  struct hpr_function_ref shared;

  pthread_barrier_init(&start_line, NULL, THREADS);
  for (int t = 0; t < THREADS; t++) {
    workers[t].index = t;
    build_modules(&workers[t]);
  }
  capture_stderr_begin();
  for (int t = 0; t < THREADS; t++)
    pthread_create(&threads[t], NULL, register_all, &workers[t]);
  for (int t = 0; t < THREADS; t++)
    pthread_join(threads[t], NULL);
  char *warnings = capture_stderr_end();

  CHECK_EQ_STR(warnings, ""); /* the shared weak id is one object */
  free(warnings);
  hpr_lock();
  CHECK_EQ_INT(hpr_module_count(), THREADS * MODULES_PER_THREAD);
  CHECK_EQ_INT(hpr_function_count(),
               THREADS * MODULES_PER_THREAD * FUNCTIONS_PER_MODULE + 1);
  for (int t = 0; t < THREADS; t++)
    check_worker(&workers[t]);
  CHECK(hpr_find_function(NULL, "shared_weak", &shared) == 0);
  hpr_unlock();
  return check_finish("test_concurrent");
}
