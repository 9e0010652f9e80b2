/*
** test_duplicates.c: the rule for an id registered by two modules
** (registry.c, "duplicate ids"):
**   same object -> first kept, silently;
**   weak/common meets strong -> the strong one kept, silently;
**   otherwise -> first kept, one warning naming the id and both modules.
*/
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "registry.h"

void __hotpatch_register_module(const struct hotpatch_module *module);

static int impl_one(void) {
  return 1;
}
static int impl_two(void) {
  return 2;
}
static int stub_one(void) {
  return impl_one();
}
static int stub_two(void) {
  return impl_two();
}
static void *slot_one = (void *)impl_one, *slot_two = (void *)impl_two;

static int shared_storage, other_storage;
static _Thread_local int tls_one, tls_two;
static void *tls_one_address(void) {
  return &tls_one;
}
static void *tls_one_address_again(void) {
  return &tls_one;
}
static void *tls_two_address(void) {
  return &tls_two;
}

static struct hotpatch_function function_one(const char *id, uint32_t flags) {
  return (struct hotpatch_function){
      id, &slot_one, (void *)stub_one, (void *)impl_one, 1, 1, flags, 0, NULL};
}

static struct hotpatch_function function_two(const char *id, uint32_t flags) {
  return (struct hotpatch_function){
      id, &slot_two, (void *)stub_two, (void *)impl_two, 2, 2, flags, 0, NULL};
}

static struct hotpatch_data datum_at(const char *id, int *address,
                                     uint32_t flags) {
  return (struct hotpatch_data){
      id, address, NULL, sizeof(int), 5, HOTPATCH_DATA_GLOBAL, flags, "i32"};
}

static struct hotpatch_data tls_datum(const char *id, void *(*accessor)(void)) {
  return (struct hotpatch_data){
      id, NULL, accessor, sizeof(int), 5, HOTPATCH_DATA_TLS, 0, "i32"};
}

/* Register A's and then B's one function (or datum), capturing stderr.
** Returns the captured text; *winner is the module that owns the id. */
/* Register a, then b, then look up (the first lookup enters both modules'
** entries: registry.c, "Entries on first use"); what the runtime printed
** meanwhile. */
static char *register_both(const struct hotpatch_module *a,
                           const struct hotpatch_module *b) {
  capture_stderr_begin();
  __hotpatch_register_module(a);
  __hotpatch_register_module(b);
  hpr_lock();
  (void)hpr_function_count();
  hpr_unlock();
  return capture_stderr_end();
}

static char *register_functions(struct hotpatch_function fa,
                                struct hotpatch_function fb,
                                const struct hotpatch_module **winner) {
  static struct hotpatch_function a_fn, b_fn;
  static struct hotpatch_module a, b;
  struct hpr_function_ref ref = {0};
  a_fn = fa;
  b_fn = fb;
  a = test_module("A.c", &a_fn, 1, NULL, 0);
  b = test_module("B.c", &b_fn, 1, NULL, 0);
  char *text = register_both(&a, &b);
  hpr_lock();
  CHECK_EQ_INT(hpr_function_count(), 1);
  CHECK_EQ_INT(hpr_module_count(), 2);
  CHECK(hpr_find_function(NULL, fa.id, &ref) == 0);
  CHECK(ref.function == (ref.module == &a ? &a_fn : &b_fn));
  hpr_unlock();
  *winner = ref.module == &a ? &a : ref.module == &b ? &b : NULL;
  hpr_reset();
  return text;
}

/* The mirror of register_functions for data: the same steps over the other
** table, its type and its lookups (deliberate, for readable checks). */
static char *register_data(struct hotpatch_data da, struct hotpatch_data db,
                           const char **winner) {
  static struct hotpatch_data a_datum, b_datum;
  static struct hotpatch_module a, b;
  struct hpr_data_ref ref = {0};
  a_datum = da;
  b_datum = db;
  a = test_module("A.c", NULL, 0, &a_datum, 1);
  b = test_module("B.c", NULL, 0, &b_datum, 1);
  char *text = register_both(&a, &b);
  hpr_lock();
  CHECK_EQ_INT(hpr_data_count(), 1);
  CHECK(hpr_find_data(NULL, da.id, &ref) == 0);
  CHECK(ref.data == (ref.module == &a ? &a_datum : &b_datum));
  hpr_unlock();
  *winner = ref.module ? ref.module->id : "none";
  hpr_reset();
  return text;
}

static const char conflict_f[] =
    "hotpatch: warning: id 'f' is defined by modules A.c and B.c; keeping the "
    "one from A.c, the other will not be patchable\n";
static const char conflict_g[] =
    "hotpatch: warning: id 'g' is defined by modules A.c and B.c; keeping the "
    "one from A.c, the other will not be patchable\n";

/* ------------------------------------------------------------ functions */

static void expect_functions(struct hotpatch_function a,
                             struct hotpatch_function b, const char *winner,
                             const char *warning) {
  const struct hotpatch_module *won = NULL;
  char *text = register_functions(a, b, &won);
  CHECK_EQ_STR(won ? won->id : "none", winner);
  CHECK_EQ_STR(text, warning);
  free(text);
}

static void test_function_duplicates(void) {
  /* A weak function the linker resolved to one definition: same stub. */
  expect_functions(function_one("f", HOTPATCH_SYM_WEAK),
                   function_one("f", HOTPATCH_SYM_WEAK), "A.c", "");
  expect_functions(function_one("f", 0), function_one("f", 0), "A.c", "");
  /* Strong beats weak, whichever registers first. */
  expect_functions(function_one("f", HOTPATCH_SYM_WEAK), function_two("f", 0),
                   "B.c", "");
  expect_functions(function_one("f", 0), function_two("f", HOTPATCH_SYM_WEAK),
                   "A.c", "");
  /* Two different definitions of equal strength: first kept, warned. */
  expect_functions(function_one("f", 0), function_two("f", 0), "A.c",
                   conflict_f);
  expect_functions(function_one("f", HOTPATCH_SYM_WEAK),
                   function_two("f", HOTPATCH_SYM_WEAK), "A.c", conflict_f);
  expect_functions(function_one("f", HOTPATCH_SYM_INTERNAL),
                   function_two("f", HOTPATCH_SYM_INTERNAL), "A.c", conflict_f);
}

/* Another object's copy of the same function (same stub, its own slot, as
** for a C++ inline function in a program and a shared library) becomes a
** mirror of the entry, silently; a copy registered after the entry was
** patched gets the patched code in its slot at once. */
static void test_mirrors(void) {
  static void *slot_b = (void *)impl_one, *slot_c = (void *)impl_one;
  static struct hotpatch_function a_fn, b_fn, c_fn;
  static struct hotpatch_module a, b, c;
  a_fn = function_one("f", HOTPATCH_SYM_WEAK);
  b_fn = a_fn;
  b_fn.slot = &slot_b;
  c_fn = a_fn;
  c_fn.slot = &slot_c;
  a = test_module("A.c", &a_fn, 1, NULL, 0);
  b = test_module("B.c", &b_fn, 1, NULL, 0);
  c = test_module("C.c", &c_fn, 1, NULL, 0);
  capture_stderr_begin();
  __hotpatch_register_module(&a);
  __hotpatch_register_module(&b);
  char *text = capture_stderr_end();
  CHECK_EQ_STR(text, "");
  free(text);
  hpr_lock();
  struct hpt_entry *entry = hpr_function_entry(NULL, "f");
  CHECK(entry && entry->item == &a_fn);
  CHECK(entry && entry->mirror_count == 1 && entry->mirrors[0] == &slot_b);
  CHECK(slot_b == (void *)impl_one);
  if (entry)
    entry->impl = (void *)impl_two; /* as a patch leaves it */
  hpr_unlock();
  __hotpatch_register_module(&c);
  hpr_lock();
  CHECK(entry && entry->mirror_count == 2 && entry->mirrors[1] == &slot_c);
  CHECK(slot_c == (void *)impl_two);
  CHECK(slot_b == (void *)impl_one);
  hpr_unlock();
  hpr_reset();
}

/* ----------------------------------------------------------------- data */

static void expect_data(struct hotpatch_data a, struct hotpatch_data b,
                        const char *winner, const char *warning) {
  const char *won = NULL;
  char *text = register_data(a, b, &won);
  CHECK_EQ_STR(won, winner);
  CHECK_EQ_STR(text, warning);
  free(text);
}

static void test_data_duplicates(void) {
  /* Data that resolved to one address (extern declared and defined, common
  ** merged by the linker): one entry, silently. */
  expect_data(datum_at("g", &shared_storage, 0),
              datum_at("g", &shared_storage, 0), "A.c", "");
  expect_data(datum_at("g", &shared_storage, HOTPATCH_SYM_COMMON),
              datum_at("g", &shared_storage, HOTPATCH_SYM_COMMON), "A.c", "");
  /* A common or weak definition gives way to a strong one. */
  expect_data(datum_at("g", &shared_storage, HOTPATCH_SYM_COMMON),
              datum_at("g", &other_storage, 0), "B.c", "");
  expect_data(datum_at("g", &shared_storage, HOTPATCH_SYM_WEAK),
              datum_at("g", &other_storage, 0), "B.c", "");
  /* Two different strong definitions: first kept, warned. */
  expect_data(datum_at("g", &shared_storage, 0),
              datum_at("g", &other_storage, 0), "A.c", conflict_g);
  /* Thread-locals compare by the copy their accessors give this thread. */
  expect_data(tls_datum("g", tls_one_address),
              tls_datum("g", tls_one_address_again), "A.c", "");
  expect_data(tls_datum("g", tls_one_address), tls_datum("g", tls_two_address),
              "A.c", conflict_g);
}

/* A warning about a huge id is cut to one line of at most 1023 bytes,
** still ending in a newline. */
static void test_long_id_warning(void) {
  static char id[3000];
  const struct hotpatch_module *won = NULL;
  memset(id, 'x', sizeof id - 1);
  char *text =
      register_functions(function_one(id, 0), function_two(id, 0), &won);
  size_t length = strlen(text);
  CHECK_EQ_INT(length, 1023);
  CHECK(length > 0 && text[length - 1] == '\n');
  CHECK(strchr(text, '\n') == text + length - 1);
  CHECK(strncmp(text, "hotpatch: warning: id 'xxx", 26) == 0);
  free(text);
}

int main(void) {
  test_function_duplicates();
  test_mirrors();
  test_long_id_warning();
  test_data_duplicates();
  return check_finish("test_duplicates");
}
