/*
** test_redirect.c: hotpatch_debug_redirect() publishes into the slot that
** every call goes through.
**
** The functions below are shaped like the plugin's output: the stub loads
** the slot and calls what it finds; the slot starts at the implementation.
*/
#include <errno.h>

#include "check.h"
#include "hotpatch.h"

void __hotpatch_register_module(const struct hotpatch_module *module);

static int f_impl(int x) {
  return x + 1;
}
CHECK_SLOT_AND_STUB(f)

static int helper_impl(int x) {
  return x - 1;
}
CHECK_SLOT_AND_STUB(helper)

static int times_hundred(int x) {
  return x * 100;
}

static int counter;

static const struct hotpatch_function functions[] = {
    {"f", &f_slot, (void *)f, (void *)f_impl, 0, 0, 0, 0, NULL},
    {"r.c:helper", &helper_slot, (void *)helper, (void *)helper_impl, 0, 0,
     HOTPATCH_SYM_INTERNAL, 0, NULL},
};
static const struct hotpatch_data data[] = {
    {"counter", &counter, NULL, sizeof counter, 0, HOTPATCH_DATA_GLOBAL, 0,
     "i32"},
};

/* A function pointer taken before the redirect still reaches the new code:
** it points at the stub, whose slot changed. */
static void test_redirect_function(void) {
  int (*taken_early)(int) = f;
  CHECK_EQ_INT(f(1), 2);
  CHECK_EQ_INT(hotpatch_debug_redirect("f", (void *)times_hundred), 0);
  CHECK(f_slot == (void *)times_hundred);
  CHECK_EQ_INT(f(1), 100);
  CHECK_EQ_INT(taken_early(2), 200);
  /* Back to the original body. */
  CHECK_EQ_INT(hotpatch_debug_redirect("f", (void *)f_impl), 0);
  CHECK_EQ_INT(f(1), 2);
}

/* A static function is reached by its module-qualified id. */
static void test_redirect_static(void) {
  CHECK_EQ_INT(helper(5), 4);
  CHECK_EQ_INT(hotpatch_debug_redirect("r.c:helper", (void *)times_hundred), 0);
  CHECK_EQ_INT(helper(5), 500);
}

/* Unknown ids, data ids and the bare name of a static: -1 and ENOENT, and
** no slot changes. */
static void test_redirect_unknown(void) {
  const char *unknown[] = {"nope", "counter", "helper", "", NULL};
  for (int i = 0; i < 5; i++) {
    errno = 0;
    CHECK_EQ_INT(hotpatch_debug_redirect(unknown[i], (void *)times_hundred),
                 -1);
    CHECK_EQ_INT(errno, ENOENT);
  }
  CHECK(f_slot == (void *)f_impl);
}

int main(void) {
  static struct hotpatch_module module;
  module = test_module("r.c", functions, 2, data, 1);
  __hotpatch_register_module(&module);
  test_redirect_function();
  test_redirect_static();
  test_redirect_unknown();
  return check_finish("test_redirect");
}
