/*
** idle_thread.c: preloaded into a plain clang-19 program by the benchmark,
** starts one thread that only sleeps, as hotpatch's control thread does
** until hcc connects: what the second thread alone costs the program
** (glibc's malloc and stdio take their locks once a process has two).
*/
#include <pthread.h>
#include <unistd.h>

static void *sleep_forever(void *unused) {
  (void)unused;
  for (;;)
    pause();
  return NULL;
}

__attribute__((constructor)) static void start_idle_thread(void) {
  pthread_t thread;
  if (pthread_create(&thread, NULL, sleep_forever, NULL) == 0)
    pthread_detach(thread);
}
