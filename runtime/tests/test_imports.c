/*
** test_imports.c: filling a patch's import table (imports.c) from
** hand-built descriptors: each kind resolves to what the process has, a
** layout that differs and an id the process lacks are refused with a
** message naming them; an update of a constant must be exactly the
** constant's size.
*/
#include <string.h>

#include "check.h"
#include "imports.h"
#include "registry.h"

static int g_impl(void) {
  return 1;
}
static void *g_slot = (void *)g_impl;
static int g(void) {
  return ((int (*)(void))g_slot)();
}

static int counter;
static long big;
static _Thread_local int tl;
static void *tl_address(void) {
  return &tl;
}

static const struct hotpatch_function functions[] = {
    {"g", &g_slot, (void *)g, (void *)g_impl, 1, 2, 0, 0, NULL},
};
static const int table[4] = {1, 2, 3, 4};

static const struct hotpatch_data data[] = {
    {"counter", &counter, NULL, 4, 0xab, HOTPATCH_DATA_GLOBAL, 0, "i32"},
    {"m.c:big", &big, NULL, 8, 0xcd, HOTPATCH_DATA_STATIC,
     HOTPATCH_SYM_INTERNAL, "i64"},
    {"tl", NULL, tl_address, 4, 0xab, HOTPATCH_DATA_TLS, 0, "i32"},
    {"table", (void *)table, NULL, sizeof table, 0x44, HOTPATCH_DATA_CONSTANT,
     0, "[4xi32]"},
};

static struct hotpatch_patch patch_with(struct hotpatch_import *imports,
                                        uint32_t count) {
  struct hotpatch_patch patch = {.abi_version = HOTPATCH_ABI_VERSION,
                                 .module_id = "m.c",
                                 .import_count = count,
                                 .imports = imports};
  return patch;
}

static void test_every_kind(void) {
  void *stub = NULL, *slot = NULL, *storage = NULL, *big_storage = NULL,
       *accessor = NULL;
  struct hotpatch_import imports[] = {
      {"g", &stub, 0, 0, HOTPATCH_IMPORT_FUNCTION, 0},
      {"g", &slot, 0, 0, HOTPATCH_IMPORT_SLOT, 0},
      {"counter", &storage, 0xab, 4, HOTPATCH_IMPORT_DATA, 0},
      /* layout 0: a declaration, any layout */
      {"m.c:big", &big_storage, 0, 0, HOTPATCH_IMPORT_DATA, 0},
      {"tl", &accessor, 0xab, 4, HOTPATCH_IMPORT_TLS, 0},
  };
  struct hotpatch_patch patch = patch_with(imports, 5);
  char why[512] = "";
  CHECK_EQ_INT(hpi_resolve(&patch, why, sizeof why), 0);
  CHECK_EQ_STR(why, "");
  CHECK(stub == (void *)g);
  CHECK(slot == (void *)&g_slot);
  CHECK(storage == (void *)&counter);
  CHECK(big_storage == (void *)&big);
  CHECK(((void *(*)(void))accessor)() == &tl);
}

static void expect_refusal(struct hotpatch_import import, const char *message) {
  struct hotpatch_patch patch = patch_with(&import, 1);
  char why[512] = "";
  CHECK_EQ_INT(hpi_resolve(&patch, why, sizeof why), -1);
  CHECK_EQ_STR(why, message);
}

static void test_refusals(void) {
  void *cell = NULL;
  static const struct {
    const char *id;
    uint32_t kind;
    const char *message;
  } unresolved[] = {
      {"ghost", HOTPATCH_IMPORT_FUNCTION,
       "unresolved import 'ghost' (function) in module m.c"},
      {"ghost", HOTPATCH_IMPORT_SLOT,
       "unresolved import 'ghost' (slot) in module m.c"},
      {"nothing", HOTPATCH_IMPORT_DATA,
       "unresolved import 'nothing' (data) in module m.c"},
      /* Functions and data are separate namespaces. */
      {"counter", HOTPATCH_IMPORT_FUNCTION,
       "unresolved import 'counter' (function) in module m.c"},
      {"counter", HOTPATCH_IMPORT_TLS,
       "unresolved import 'counter' (tls) in module m.c: not thread-local in "
       "the process"},
      {"tl", HOTPATCH_IMPORT_DATA,
       "unresolved import 'tl' (data) in module m.c: thread-local in the "
       "process"},
  };
  for (size_t i = 0; i < sizeof unresolved / sizeof unresolved[0]; i++)
    expect_refusal((struct hotpatch_import){unresolved[i].id, &cell, 0, 0,
                                            unresolved[i].kind, 0},
                   unresolved[i].message);
  expect_refusal(
      (struct hotpatch_import){"counter", &cell, 0xef, 8, HOTPATCH_IMPORT_DATA,
                               0},
      "cannot patch: global 'counter' changed layout (the process has 4 "
      "bytes, layout 00000000000000ab; module m.c of the patch expects 8 "
      "bytes, layout 00000000000000ef); its value cannot be kept: restore "
      "its type, or restart the program");
  /* Same layout hash, other size: refused as well. */
  struct hotpatch_import same_hash = {
      "counter", &cell, 0xab, 8, HOTPATCH_IMPORT_DATA, 0};
  struct hotpatch_patch patch = patch_with(&same_hash, 1);
  char why[512];
  CHECK_EQ_INT(hpi_resolve(&patch, why, sizeof why), -1);
  CHECK(strstr(why, "changed layout") != NULL);
  expect_refusal(
      (struct hotpatch_import){"g", NULL, 0, 0, HOTPATCH_IMPORT_FUNCTION, 0},
      "malformed import table in module m.c");
  CHECK(cell == NULL);
}

/* A patch updating `id` (imported into `cell`) with `bytes` of new content. */
static int resolve_update(const char *id, uint64_t bytes, char *why,
                          size_t size) {
  static const int content[16];
  void *cell = NULL;
  struct hotpatch_import import = {id, &cell, 0, 0, HOTPATCH_IMPORT_DATA, 0};
  struct hotpatch_update update = {&cell, content, bytes};
  struct hotpatch_patch patch = patch_with(&import, 1);
  patch.update_count = 1;
  patch.updates = &update;
  why[0] = '\0';
  return hpi_resolve(&patch, why, size);
}

static void test_updates(void) {
  char why[512];
  CHECK_EQ_INT(resolve_update("table", sizeof table, why, sizeof why), 0);
  CHECK_EQ_INT(resolve_update("table", 64, why, sizeof why), -1);
  CHECK_EQ_STR(why, "cannot patch: module m.c would write 64 bytes over "
                    "constant 'table', which has 16 bytes in the process; "
                    "the patch is malformed, rebuild it");
  CHECK_EQ_INT(resolve_update("counter", 4, why, sizeof why), -1);
  CHECK_EQ_STR(why, "cannot patch: module m.c would write over 'counter', "
                    "which is not a constant in the process; the patch is "
                    "malformed, rebuild it");
  /* The target is no import cell of the patch. */
  void *cell = NULL, *elsewhere = NULL;
  struct hotpatch_import import = {"table", &cell, 0, 0, HOTPATCH_IMPORT_DATA,
                                   0};
  struct hotpatch_update update = {&elsewhere, table, sizeof table};
  struct hotpatch_patch patch = patch_with(&import, 1);
  patch.update_count = 1;
  patch.updates = &update;
  CHECK_EQ_INT(hpi_resolve(&patch, why, sizeof why), -1);
  CHECK_EQ_STR(why, "malformed update table in module m.c");
}

int main(void) {
  struct hotpatch_module module = test_module("m.c", functions, 1, data, 4);
  hpr_lock();
  hpr_unlock();
  CHECK_EQ_INT(hpr_register(&module), 0);
  hpr_lock();
  test_every_kind();
  test_refusals();
  test_updates();
  hpr_unlock();
  return check_finish("test_imports");
}
