/*
** fault_race_plug.c: an instrumented library written by hand, which
** test_fault_race dlopens under many names: each copy registers a module
** (of its own id) and so adds an object to the runtime's slot objects.
*/
#include <stdio.h>

#include "hotpatch_abi.h"

void __hotpatch_register_module(const struct hotpatch_module *module);

static int value(int x) {
  return x + 1;
}
static void *value_slot = (void *)value;
static char id[64];

static const struct hotpatch_function functions[] = {
    {id, &value_slot, (void *)value, (void *)value, 3, 3, 0, 0, NULL},
};

static struct hotpatch_module module = {
    .abi_version = HOTPATCH_ABI_VERSION,
    .id = id,
    .function_count = 1,
    .functions = functions,
};

__attribute__((constructor)) static void announce(void) {
  snprintf(id, sizeof id, "plug-%p", (void *)id); /* one id per copy */
  __hotpatch_register_module(&module);
}

int plug_value(int x) {
  return ((int (*)(int))value_slot)(x);
}
