/*
** reload_hooks.c: the callbacks registered with hotpatch_on_reload().
**
** A singly linked list appended at the tail and never shrunk.  Appends are
** serialised by a mutex; the runner walks the list without it.  A node is
** complete before it is linked in with a release store, and the runner
** reads links with acquire loads, so it never sees a half-built node.
**
** Hooks are the program's code: on the control thread they run with the
** program's signal mask (control.c), not with that thread's own.
*/
#include "reload_hooks.h"

#include <pthread.h>
#include <stdlib.h>

#include "control.h"
#include "hotpatch.h"
#include "internal.h"

struct reload_hook {
  hotpatch_reload_fn callback;
  void *arg;
  struct reload_hook *next;
};

static struct reload_hook *hooks_head;
static struct reload_hook **hooks_tail = &hooks_head; /* under hooks_lock */
static pthread_mutex_t hooks_lock = PTHREAD_MUTEX_INITIALIZER;

/*
** Remember `callback` to be called after every applied patch.  Safe from
** any thread.  Returns 0, or -1 when out of memory.
*/
HP_API int hotpatch_on_reload(hotpatch_reload_fn callback, void *arg) {
  struct reload_hook *hook = malloc(sizeof *hook);
  if (!hook)
    return -1;
  hook->callback = callback;
  hook->arg = arg;
  hook->next = NULL;
  pthread_mutex_lock(&hooks_lock);
  __atomic_store_n(hooks_tail, hook, __ATOMIC_RELEASE); /* publish the node */
  hooks_tail = &hook->next;
  pthread_mutex_unlock(&hooks_lock);
  return 0;
}

struct reload {
  unsigned long generation;
  const char *const *changed;
  size_t count;
};

static void run_all(void *arg) {
  const struct reload *reload = arg;
  struct reload_hook *hook = __atomic_load_n(&hooks_head, __ATOMIC_ACQUIRE);
  while (hook) {
    if (hook->callback)
      hook->callback(reload->generation, reload->changed, reload->count,
                     hook->arg);
    hook = __atomic_load_n(&hook->next, __ATOMIC_ACQUIRE);
  }
}

void hph_run_reload_hooks(unsigned long generation, const char *const *changed,
                          size_t count) {
  struct reload reload = {generation, changed, count};
  hpn_run_as_program(run_all, &reload);
}

void hph_lock_for_fork(void) {
  pthread_mutex_lock(&hooks_lock);
}

void hph_unlock_after_fork(void) {
  pthread_mutex_unlock(&hooks_lock);
}
