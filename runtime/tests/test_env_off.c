/*
** test_env_off.c: HOTPATCH=off makes the runtime inert.
**
** ctest runs this binary twice: "on" with HOTPATCH unset, "off" with
** HOTPATCH=off.  The argument says which behaviour to expect, so each run
** fails if the runtime ignores (or invents) the setting.
*/
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "hotpatch.h"
#include "registry.h"

void __hotpatch_register_module(const struct hotpatch_module *module);

static int f_impl(int x) {
  return x + 1;
}
CHECK_SLOT_AND_STUB(f)
static int other(int x) {
  return -x;
}

static const struct hotpatch_function functions[] = {
    {"f", &f_slot, (void *)f, (void *)f_impl, 0, 0, 0, 0, NULL},
};

static char *dump_to_string(void) {
  FILE *out = check_stream();
  hotpatch_debug_dump(out);
  return check_stream_text(out);
}

int main(int argc, char **argv) {
  if (argc != 2 || (strcmp(argv[1], "on") && strcmp(argv[1], "off"))) {
    fprintf(stderr, "usage: %s on|off\n", argv[0]);
    return 2;
  }
  int expect_on = strcmp(argv[1], "on") == 0;
  struct hotpatch_module module = test_module("env.c", functions, 1, NULL, 0);

  __hotpatch_register_module(&module);
  hpr_lock();
  CHECK_EQ_INT(hpr_module_count(), expect_on ? 1 : 0);
  hpr_unlock();

  char *dump = dump_to_string();
  CHECK_EQ_STR(
      dump, expect_on ? "module env.c hash=00000000000000000000000000000000\n"
                        "  function     00000000000000000000000000000000 f\n"
                      : "");
  free(dump);

  errno = 0;
  int rc = hotpatch_debug_redirect("f", (void *)other);
  CHECK_EQ_INT(rc, expect_on ? 0 : -1);
  CHECK_EQ_INT(errno, expect_on ? 0 : ENOENT);
  /* The program itself runs either way. */
  CHECK_EQ_INT(f(1), expect_on ? -1 : 2);
  CHECK_EQ_INT(hotpatch_generation(), 0);
  hotpatch_safepoint();
  return check_finish(expect_on ? "test_env_off (on)" : "test_env_off (off)");
}
