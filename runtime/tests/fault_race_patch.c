/*
** fault_race_patch.c: the patches test_fault_race applies, as a patch
** module written by hand (what the plugin emits in patch mode): one changed
** function, compute of module race.c.  Built twice: BAD divides by zero
** for one input in seven, the other is correct.
*/
#include "hotpatch_abi.h"

void __hotpatch_register_patch(const struct hotpatch_patch *patch);

static volatile long zero;

static long compute(long x) {
#ifdef BAD
  return x * 3 + (1000 / (x % 7 + zero)) * zero;
#else
  return x * 3 + zero * 2;
#endif
}

static const struct hotpatch_function functions[] = {
    {"compute", 0, 0, (void *)compute, 2, 2, 0, 0, NULL},
};

static const struct hotpatch_patch patch = {
    .abi_version = HOTPATCH_ABI_VERSION,
    .module_id = "race.c",
    .function_count = 1,
    .functions = functions,
};

__attribute__((constructor)) static void announce(void) {
  __hotpatch_register_patch(&patch);
}
