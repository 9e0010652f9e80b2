/*
** test_reload_hooks.c: hotpatch_generation(), hotpatch_safepoint() and the
** callbacks of hotpatch_on_reload(), run by the loader's internal
** hph_run_reload_hooks().
*/
#include <string.h>

#include "check.h"
#include "generation.h"
#include "hotpatch.h"
#include "reload_hooks.h"

/* What the callbacks saw, in call order. */
static struct {
  int tags[8];
  unsigned long generations[8];
  size_t counts[8];
  const char *first_ids[8];
  int calls;
} seen;

static void record(unsigned long generation, const char *const *changed,
                   size_t count, void *arg) {
  int i = seen.calls++;
  seen.tags[i] = *(int *)arg;
  seen.generations[i] = generation;
  seen.counts[i] = count;
  seen.first_ids[i] = count ? changed[0] : NULL;
}

static int tag_late = 3;

/* Registers another callback while hooks are running: must not deadlock. */
static void register_more(unsigned long generation, const char *const *changed,
                          size_t count, void *arg) {
  static int done;
  record(generation, changed, count, arg);
  if (!done++)
    CHECK_EQ_INT(hotpatch_on_reload(record, &tag_late), 0);
}

int main(void) {
  static int tag_one = 1, tag_two = 2;
  const char *changed[] = {"f", "main.c:helper"};

  /* Nothing applied yet; a safe point with nothing pending returns. */
  CHECK_EQ_INT(hotpatch_generation(), 0);
  hotpatch_safepoint();

  /* No callbacks yet: running hooks calls nothing. */
  hph_run_reload_hooks(1, changed, 2);
  CHECK_EQ_INT(seen.calls, 0);

  CHECK_EQ_INT(hotpatch_on_reload(record, &tag_one), 0);
  CHECK_EQ_INT(hotpatch_on_reload(register_more, &tag_two), 0);
  CHECK_EQ_INT(hpg_bump(), 1);
  CHECK_EQ_INT(hotpatch_generation(), 1);
  hph_run_reload_hooks(hotpatch_generation(), changed, 2);
  /* Registration order; each sees the generation and the changed ids. */
  CHECK(seen.calls >= 2);
  CHECK_EQ_INT(seen.tags[0], 1);
  CHECK_EQ_INT(seen.tags[1], 2);
  for (int i = 0; i < 2; i++) {
    CHECK_EQ_INT(seen.generations[i], 1);
    CHECK_EQ_INT(seen.counts[i], 2);
    CHECK_EQ_STR(seen.first_ids[i], "f");
  }

  /* The callback added during the first run is called by the next one. */
  memset(&seen, 0, sizeof seen);
  CHECK_EQ_INT(hpg_bump(), 2);
  hph_run_reload_hooks(hotpatch_generation(), changed + 1, 1);
  CHECK_EQ_INT(seen.calls, 3);
  CHECK_EQ_INT(seen.tags[2], 3);
  CHECK_EQ_INT(seen.generations[2], 2);
  CHECK_EQ_STR(seen.first_ids[2], "main.c:helper");

  return check_finish("test_reload_hooks");
}
