/*
** test_registry.c: registering modules and finding their entries by id.
**
** Descriptors are built by hand the way the plugin lays them out, with real
** functions as stubs and implementations and real slot variables.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "registry.h"

void __hotpatch_register_module(const struct hotpatch_module *module);

/* ------------------------------------------------ a small module "a.c" */

static int f_impl(int x) {
  return x + 1;
}
static int f_stub(int x) {
  return f_impl(x);
}
static void *f_slot = (void *)f_impl;

static int helper_impl(int x) {
  return x * 2;
}
static int helper_stub(int x) {
  return helper_impl(x);
}
static void *helper_slot = (void *)helper_impl;

static int counter, state, calls;
static _Thread_local int tls_var;
static void *tls_var_address(void) {
  return &tls_var;
}

static const struct hotpatch_function a_functions[] = {
    {"f", &f_slot, (void *)f_stub, (void *)f_impl, 1, 2, 0, 0, NULL},
    {"a.c:helper", &helper_slot, (void *)helper_stub, (void *)helper_impl, 3, 4,
     HOTPATCH_SYM_INTERNAL, 0, NULL},
};
static const struct hotpatch_data a_data[] = {
    {"counter", &counter, NULL, sizeof counter, 7, HOTPATCH_DATA_GLOBAL, 0,
     "i32"},
    {"a.c:state", &state, NULL, sizeof state, 7, HOTPATCH_DATA_STATIC,
     HOTPATCH_SYM_INTERNAL, "i32"},
    {"a.c:f.calls", &calls, NULL, sizeof calls, 7, HOTPATCH_DATA_STATIC_LOCAL,
     HOTPATCH_SYM_INTERNAL, "i32"},
    {"tls_var", NULL, tls_var_address, sizeof tls_var, 7, HOTPATCH_DATA_TLS, 0,
     "i32"},
};

/* Every id of a.c resolves to its own descriptor entry, and only there. */
static void test_lookup(void) {
  struct hotpatch_module a = test_module("a.c", a_functions, 2, a_data, 4);
  struct hpr_function_ref fn;
  struct hpr_data_ref datum;

  __hotpatch_register_module(&a);
  hpr_lock();
  CHECK_EQ_INT(hpr_module_count(), 1);
  CHECK_EQ_INT(hpr_function_count(), 2);
  CHECK_EQ_INT(hpr_data_count(), 4);
  if (CHECK(hpr_find_function(NULL, "f", &fn) == 0)) {
    CHECK(fn.function == &a_functions[0]);
    CHECK(fn.module == &a);
  }
  if (CHECK(hpr_find_function(NULL, "a.c:helper", &fn) == 0))
    CHECK(fn.function == &a_functions[1]);
  for (int i = 0; i < 4; i++) {
    if (CHECK(hpr_find_data(NULL, a_data[i].id, &datum) == 0)) {
      CHECK(datum.data == &a_data[i]);
      CHECK(datum.module == &a);
    }
  }
  /* Internal names are only reachable through their module-qualified id,
  ** and functions and data are separate namespaces. */
  CHECK(hpr_find_function(NULL, "helper", &fn) != 0);
  CHECK(hpr_find_function(NULL, "counter", &fn) != 0);
  CHECK(hpr_find_data(NULL, "f", &datum) != 0);
  CHECK(hpr_find_function(NULL, "", &fn) != 0);
  hpr_unlock();

  /* The same descriptor twice (a constructor run twice) changes nothing. */
  __hotpatch_register_module(&a);
  hpr_lock();
  CHECK_EQ_INT(hpr_module_count(), 1);
  CHECK_EQ_INT(hpr_function_count(), 2);
  hpr_unlock();
  __hotpatch_register_module(NULL); /* tolerated */
  hpr_reset();
}

/* A module for another ABI is skipped with exactly one warning line. */
static void test_abi_mismatch(void) {
  struct hotpatch_module old = test_module("old.c", a_functions, 2, NULL, 0);
  struct hpr_function_ref fn;

  old.abi_version = 99;
  capture_stderr_begin();
  __hotpatch_register_module(&old);
  char *warning = capture_stderr_end();
  char expected[128];
  snprintf(expected, sizeof expected,
           "hotpatch: warning: module old.c was "
           "built for ABI 99, runtime has %d; it will not be patchable\n",
           HOTPATCH_ABI_VERSION);
  CHECK_EQ_STR(warning, expected);
  free(warning);
  hpr_lock();
  CHECK_EQ_INT(hpr_module_count(), 0);
  CHECK(hpr_find_function(NULL, "f", &fn) != 0);
  hpr_unlock();
}

/* ----------------------------------------------- growth past capacity */

enum { BIG_FUNCTIONS = 5000, BIG_DATA = 3000, SECOND_FUNCTIONS = 2000 };

/* A module of `nf` functions and `nd` data with ids "<prefix>f<i>" and
** "<prefix>d<i>"; every function gets its own slot, whose address serves
** as its (distinct) stub. */
static struct hotpatch_module *big_module(const char *id, const char *prefix,
                                          uint32_t nf, uint32_t nd) {
  struct hotpatch_function *functions = calloc(nf, sizeof *functions);
  struct hotpatch_data *data = calloc(nd ? nd : 1, sizeof *data);
  void **slots = calloc(nf, sizeof *slots);
  int *storage = nd ? calloc(nd, sizeof *storage) : NULL;
  struct hotpatch_module *module = malloc(sizeof *module);
  for (uint32_t i = 0; i < nf; i++) {
    char *name = malloc(32);
    snprintf(name, 32, "%sf%u", prefix, i);
    functions[i] = (struct hotpatch_function){
        name, &slots[i], &slots[i], (void *)f_impl, i, 0, 0, 0, NULL};
  }
  for (uint32_t i = 0; i < nd; i++) {
    char *name = malloc(32);
    snprintf(name, 32, "%sd%u", prefix, i);
    data[i] =
        (struct hotpatch_data){name, &storage[i],          NULL, sizeof(int),
                               i,    HOTPATCH_DATA_GLOBAL, 0,    "i32"};
  }
  *module = test_module(id, functions, nf, data, nd);
  return module;
}

static void free_big_module(struct hotpatch_module *module) {
  for (uint32_t i = 0; i < module->function_count; i++)
    free((char *)module->functions[i].id);
  for (uint32_t i = 0; i < module->data_count; i++)
    free((char *)module->data[i].id);
  if (module->function_count)
    free(module->functions[0].slot);
  free(module->data_count ? module->data[0].address : NULL);
  free((void *)module->functions);
  free((void *)module->data);
  free(module);
}

static void check_all_found(const struct hotpatch_module *module) {
  struct hpr_function_ref fn;
  struct hpr_data_ref datum;
  int missing = 0;
  for (uint32_t i = 0; i < module->function_count; i++)
    if (hpr_find_function(NULL, module->functions[i].id, &fn) != 0 ||
        fn.function != &module->functions[i] || fn.module != module)
      missing++;
  for (uint32_t i = 0; i < module->data_count; i++)
    if (hpr_find_data(NULL, module->data[i].id, &datum) != 0 ||
        datum.data != &module->data[i] || datum.module != module)
      missing++;
  CHECK_EQ_INT(missing, 0);
}

/* Thousands of ids in one module and then more from a second: the tables
** grow several times, within one registration and across registrations. */
static void test_growth(void) {
  struct hotpatch_module *first =
      big_module("big.c", "", BIG_FUNCTIONS, BIG_DATA);
  struct hotpatch_module *second =
      big_module("second.c", "second.", SECOND_FUNCTIONS, 0);
  struct hpr_function_ref fn;

  __hotpatch_register_module(first);
  hpr_lock();
  CHECK_EQ_INT(hpr_function_count(), BIG_FUNCTIONS);
  CHECK_EQ_INT(hpr_data_count(), BIG_DATA);
  check_all_found(first);
  hpr_unlock();

  __hotpatch_register_module(second);
  hpr_lock();
  CHECK_EQ_INT(hpr_module_count(), 2);
  CHECK_EQ_INT(hpr_function_count(), BIG_FUNCTIONS + SECOND_FUNCTIONS);
  check_all_found(first);
  check_all_found(second);
  CHECK(hpr_find_function(NULL, "f5000", &fn) != 0);
  CHECK(hpr_find_function(NULL, "second.f2000", &fn) != 0);
  hpr_unlock();
  hpr_reset();
  free_big_module(first);
  free_big_module(second);
}

/* ------------------------------------------------ entries on first use */

static const struct hotpatch_function x_functions[] = {
    {"f", &f_slot, (void *)f_stub, (void *)f_impl, 1, 2, 0, 0, NULL},
};
static const struct hotpatch_function y_functions[] = {
    {"f", &helper_slot, (void *)helper_stub, (void *)helper_impl, 3, 4, 0, 0,
     NULL},
};

static const char f_conflict[] =
    "hotpatch: warning: id 'f' is defined by modules x.c and y.c; keeping "
    "the one from x.c, the other will not be patchable\n";

/* Registering records a module and nothing more: its entries, and the
** duplicate rule's warning, come at the first lookup, all modules in
** registration order; after it, a module registering is entered at once. */
static void test_entries_on_first_use(void) {
  struct hotpatch_module x = test_module("x.c", x_functions, 1, NULL, 0);
  struct hotpatch_module y = test_module("y.c", y_functions, 1, NULL, 0);
  struct hotpatch_module z = test_module("z.c", y_functions, 1, NULL, 0);
  struct hpr_function_ref fn = {0};

  capture_stderr_begin();
  __hotpatch_register_module(&x);
  __hotpatch_register_module(&y);
  char *text = capture_stderr_end();
  CHECK_EQ_STR(text, "");
  free(text);
  hpr_lock();
  CHECK(!hpr_any_lookup());
  CHECK_EQ_INT(hpr_module_count(), 2);
  hpr_unlock();

  capture_stderr_begin();
  hpr_lock();
  CHECK(hpr_find_function(NULL, "f", &fn) == 0);
  CHECK(hpr_any_lookup());
  hpr_unlock();
  text = capture_stderr_end();
  CHECK_EQ_STR(text, f_conflict);
  free(text);
  CHECK(fn.function == &x_functions[0] && fn.module == &x);

  capture_stderr_begin();
  __hotpatch_register_module(&z);
  text = capture_stderr_end();
  CHECK(strstr(text, "modules x.c and z.c") != NULL);
  free(text);
  hpr_reset();
}

/* ------------------------------------------------ iterating modules */

struct visit_log {
  const struct hotpatch_module *seen[4];
  int count;
  int stop_at; /* visit number that returns non-zero */
};

static int record_module(const struct hotpatch_module *module, void *arg) {
  struct visit_log *log = arg;
  log->seen[log->count++] = module;
  return log->count == log->stop_at ? 42 : 0;
}

/* Modules come back in registration order; a non-zero visit stops the walk
** and is returned. */
static void test_iteration(void) {
  struct hotpatch_module m1 = test_module("m1.c", NULL, 0, NULL, 0);
  struct hotpatch_module m2 = test_module("m2.c", NULL, 0, NULL, 0);
  struct hotpatch_module m3 = test_module("m3.c", NULL, 0, NULL, 0);
  struct visit_log all = {{0}, 0, 0}, two = {{0}, 0, 2};

  __hotpatch_register_module(&m2);
  __hotpatch_register_module(&m1);
  __hotpatch_register_module(&m3);
  hpr_lock();
  CHECK_EQ_INT(hpr_for_each_module(record_module, &all), 0);
  CHECK_EQ_INT(hpr_for_each_module(record_module, &two), 42);
  hpr_unlock();
  CHECK_EQ_INT(all.count, 3);
  CHECK(all.seen[0] == &m2 && all.seen[1] == &m1 && all.seen[2] == &m3);
  CHECK_EQ_INT(two.count, 2);
  hpr_reset();
}

int main(void) {
  test_lookup();
  test_abi_mismatch();
  test_growth();
  test_entries_on_first_use();
  test_iteration();
  return check_finish("test_registry");
}
