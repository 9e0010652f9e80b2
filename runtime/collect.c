/*
** collect.c: __hotpatch_register_patch and the loader's collecting window.
**
** A patch module that registers outside a window (a patch file dlopen()ed by
** the program itself) is ignored with a warning: its imports were never
** filled, so none of its code may run.
*/
#include "collect.h"

#include <pthread.h>
#include <stdlib.h>

#include "grow.h"
#include "internal.h"
#include "log.h"

static struct {
  bool collecting;
  bool out_of_memory;
  const struct hotpatch_patch **modules;
  size_t count;
  size_t capacity;
} window;

static pthread_mutex_t window_lock = PTHREAD_MUTEX_INITIALIZER;

void hpk_begin(void) {
  pthread_mutex_lock(&window_lock);
  window.collecting = true;
  window.out_of_memory = false;
  window.modules = NULL;
  window.count = window.capacity = 0;
  pthread_mutex_unlock(&window_lock);
}

int hpk_end(const struct hotpatch_patch ***modules, size_t *count) {
  pthread_mutex_lock(&window_lock);
  int rc = window.out_of_memory ? -1 : 0;
  if (rc != 0) {
    free(window.modules);
    window.modules = NULL;
    window.count = 0;
  }
  *modules = window.modules;
  *count = window.count;
  window.collecting = false;
  window.modules = NULL;
  window.count = window.capacity = 0;
  pthread_mutex_unlock(&window_lock);
  return rc;
}

static void append(const struct hotpatch_patch *patch) {
  const struct hotpatch_patch **grown = hpu_grow(
      window.modules, &window.capacity, window.count + 1, sizeof *grown);
  if (!grown) {
    window.out_of_memory = true;
    return;
  }
  window.modules = grown;
  window.modules[window.count++] = patch;
}

/*
** Called by each patch module's constructor (hotpatch_abi.h, "Patch
** modules").  Only records the descriptor; the loader verifies it.  Safe
** from any thread; outside the loader's dlopen it only warns.
*/
HP_API void __hotpatch_register_patch(const struct hotpatch_patch *patch) {
  if (!patch)
    return;
  pthread_mutex_lock(&window_lock);
  if (window.collecting)
    append(patch);
  else
    hpl_warning("patch module %s was loaded outside the patch loader and is "
                "ignored; apply patches with `hcc patch`",
                patch->abi_version == HOTPATCH_ABI_VERSION && patch->module_id
                    ? patch->module_id
                    : "(unknown)");
  pthread_mutex_unlock(&window_lock);
}
