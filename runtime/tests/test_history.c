/*
** test_history.c: the history of applied patches (history.c) and revert
** (revert.c) on hand-made records: slots, current impls and hashes and the
** module hash go back, the generation drops (the reload count does not),
** reload hooks run, status lists what is applied.
*/
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "generation.h"
#include "history.h"
#include "hotpatch.h"
#include "loader.h"
#include "module_info.h"
#include "registry.h"
#include "revert.h"
#include "slots.h"

static int old_impl(void) {
  return 1;
}
static int new_impl(void) {
  return 2;
}
static int newer_impl(void) {
  return 3;
}
static void *slot = (void *)old_impl;
static int stub(void) {
  return ((int (*)(void))slot)();
}

static const struct hotpatch_function functions[] = {
    {"f", &slot, (void *)stub, (void *)old_impl, 0x10, 0x11, 0, 0, NULL},
};

static unsigned long hook_generation = 99;
static size_t hook_count = 99;
static void hook(unsigned long generation, const char *const *changed,
                 size_t count, void *arg) {
  (void)changed;
  (void)arg;
  hook_generation = generation;
  hook_count = count;
}

static char *answer_of(int (*request)(FILE *)) {
  FILE *out = check_stream();
  request(out);
  return check_stream_text(out);
}

static int status_request(FILE *out) {
  hpa_status(out);
  return 0;
}

/* What the loader does when it applies a patch changing f to `impl`. */
static void apply_by_hand(const char *path, void *impl, uint64_t hash) {
  hpa_lock();
  struct hpy_record *record = hpy_new_record(path, 1, 1);
  hpr_lock();
  struct hpt_entry *entry = hpr_function_entry(NULL, "f");
  struct hpr_module_record *module = hpr_find_module("h.c");
  hpy_add_change(record, NULL, "f", &slot, entry->impl, entry->hash_lo,
                 entry->hash_hi, 0);
  hpy_add_module_change(record, "h.c", module->hash_lo, module->hash_hi);
  CHECK_EQ_INT(hps_open(&slot), 0);
  hps_publish(&slot, impl);
  hps_close();
  entry->impl = impl;
  entry->hash_lo = entry->hash_hi = hash;
  module->hash_lo = module->hash_hi = hash;
  hpr_unlock();
  CHECK_EQ_INT(hpy_push(record), hpy_depth());
  hpg_bump();
  hpa_unlock();
}

static void check_current(void *impl, uint64_t hash, uint64_t module_hash) {
  hpr_lock();
  struct hpt_entry *entry = hpr_function_entry(NULL, "f");
  CHECK(entry->impl == impl);
  CHECK_EQ_INT(entry->hash_lo, hash);
  CHECK_EQ_INT(hpr_find_module("h.c")->hash_lo, module_hash);
  hpr_unlock();
}

int main(void) {
  struct hotpatch_module module = test_module("h.c", functions, 1, NULL, 0);
  module.hash_lo = module.hash_hi = 0x77;
  CHECK_EQ_INT(hpr_register(&module), 0);
  CHECK_EQ_INT(hotpatch_on_reload(hook, NULL), 0);
  check_current((void *)old_impl, 0x10, 0x77);

  /* Nothing applied: nothing to revert, generation 0. */
  char *text = answer_of(hpa_revert);
  CHECK_EQ_STR(text, "error nothing to revert\n");
  free(text);
  hpa_lock();
  CHECK(hpy_pop() == NULL);
  hpa_unlock();

  apply_by_hand("/p/one.so", (void *)new_impl, 0x20);
  apply_by_hand("/p/two.so", (void *)newer_impl, 0x30);
  CHECK_EQ_INT(stub(), 3);
  CHECK_EQ_INT(hotpatch_generation(), 2);
  hpa_lock();
  CHECK_EQ_STR(hpy_at(0)->path, "/p/one.so");
  CHECK_EQ_INT(hpy_at(1)->generation, 2);
  CHECK(hpy_at(2) == NULL);
  hpa_unlock();
  text = answer_of(status_request);
  CHECK_EQ_STR(text, "ok generation=2 modules=1 functions=1\n"
                     "patch 1 /p/one.so\npatch 2 /p/two.so\n");
  free(text);

  /* The registry answer shows what runs now. */
  char *info = NULL;
  size_t size = 0;
  FILE *out = open_memstream(&info, &size);
  hpr_lock();
  hpm_write_module_info(out);
  hpr_unlock();
  fclose(out);
  CHECK_EQ_STR(info, "hotpatch-module 2 00000000000000300000000000000030 h.c\n"
                     "function 00000000000000300000000000000030 0 f\n"
                     "end\n");
  free(info);

  /* Newest first. */
  text = answer_of(hpa_revert);
  CHECK_EQ_STR(text, "ok generation=1\n");
  free(text);
  CHECK_EQ_INT(stub(), 2);
  CHECK_EQ_INT(hook_generation, 1);
  CHECK_EQ_INT(hook_count, 1);
  check_current((void *)new_impl, 0x20, 0x20);

  text = answer_of(hpa_revert);
  CHECK_EQ_STR(text, "ok generation=0\n");
  free(text);
  CHECK_EQ_INT(stub(), 1);
  CHECK_EQ_INT(hotpatch_generation(), 0);
  CHECK_EQ_INT(hook_generation, 0);
  check_current((void *)old_impl, 0x10, 0x77);
  hpr_lock();
  CHECK_EQ_INT(hpr_find_module("h.c")->hash_hi, 0x77);
  hpr_unlock();

  text = answer_of(hpa_revert);
  CHECK_EQ_STR(text, "error nothing to revert\n");
  free(text);
  hpa_lock();
  CHECK_EQ_INT(hpy_depth(), 0);
  hpa_unlock();

  /* The generation is the depth and comes back to 1; the reload count
  ** counts every apply and revert: two of each so far, then one more. */
  CHECK_EQ_INT(hotpatch_reload_count(), 4);
  apply_by_hand("/p/three.so", (void *)newer_impl, 0x30);
  CHECK_EQ_INT(hotpatch_generation(), 1);
  CHECK_EQ_INT(hotpatch_reload_count(), 5);
  text = answer_of(hpa_revert);
  free(text);
  CHECK_EQ_INT(hotpatch_generation(), 0);
  CHECK_EQ_INT(hotpatch_reload_count(), 6);

  /* Refusals that need no patch file. */
  out = open_memstream(&text, &size);
  CHECK_EQ_INT(hpa_apply("relative.so", NULL, out), -1);
  CHECK_EQ_INT(hpa_apply("/nonexistent/p.so", NULL, out), -1);
  fclose(out);
  CHECK_EQ_STR(text,
               "error cannot load patch relative.so: the path must be "
               "absolute\n"
               "error cannot load patch /nonexistent/p.so: No such file or "
               "directory\n");
  free(text);
  CHECK_EQ_INT(hotpatch_reload_count(), 6); /* refusals change nothing */
  return check_finish("test_history");
}
