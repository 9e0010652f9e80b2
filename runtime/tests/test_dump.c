/*
** test_dump.c: hotpatch_debug_dump() prints the `hcc inspect` format
** (notes/common.md item 1) exactly: modules in registration order, each
** entry on a line of two spaces, the kind padded to 12, one space.
*/
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "hotpatch.h"
#include "registry.h"

void __hotpatch_register_module(const struct hotpatch_module *module);

static int impl(void) {
  return 0;
}
static void *slot_main = (void *)impl, *slot_add = (void *)impl;
static int table[4], total, seen;
static _Thread_local int per_thread;
static void *per_thread_address(void) {
  return &per_thread;
}
static const char greeting[] = "hello";

static const struct hotpatch_function main_functions[] = {
    {"main", &slot_main, (void *)&slot_main, (void *)impl,
     0x0123456789abcdefull, 0xfedcba9876543210ull, 0, 0, NULL},
};
static const struct hotpatch_data main_data[] = {
    {"table", table, NULL, sizeof table, 0x00000000deadbeefull,
     HOTPATCH_DATA_GLOBAL, 0, "[4xi32]"},
    {"main.c:total", &total, NULL, sizeof total, 0x1111111111111111ull,
     HOTPATCH_DATA_STATIC, HOTPATCH_SYM_INTERNAL, "i32"},
    {"main.c:main.seen", &seen, NULL, sizeof seen, 0x2222222222222222ull,
     HOTPATCH_DATA_STATIC_LOCAL, HOTPATCH_SYM_INTERNAL, "i32"},
    {"per_thread", NULL, per_thread_address, sizeof per_thread,
     0x3333333333333333ull, HOTPATCH_DATA_TLS, 0, "i32"},
    {"main.c:greeting", (void *)greeting, NULL, sizeof greeting,
     0x4444444444444444ull, HOTPATCH_DATA_CONSTANT, HOTPATCH_SYM_INTERNAL,
     "[6xi8]"},
};
static const struct hotpatch_function util_functions[] = {
    {"add", &slot_add, (void *)&slot_add, (void *)impl, 1, 2, 0, 0, NULL},
};

/* The expected text, written by hand from the format description.  Hashes
** print high half first. */
static const char expected[] =
    "module main.c:main.o hash=00000000000000aa00000000000000bb\n"
    "  function     fedcba98765432100123456789abcdef main\n"
    "  global       00000000deadbeef size=16 table\n"
    "  static       1111111111111111 size=4 main.c:total\n"
    "  static-local 2222222222222222 size=4 main.c:main.seen\n"
    "  tls          3333333333333333 size=4 per_thread\n"
    "  constant     4444444444444444 size=6 main.c:greeting\n"
    "module lib/util.c hash=0000000000000000ffffffffffffffff\n"
    "  function     00000000000000020000000000000001 add\n";

static char *dump_to_string(void) {
  FILE *out = check_stream();
  hotpatch_debug_dump(out);
  return check_stream_text(out);
}

int main(void) {
  struct hotpatch_module main_module =
      test_module("main.c:main.o", main_functions, 1, main_data, 5);
  struct hotpatch_module util_module =
      test_module("lib/util.c", util_functions, 1, NULL, 0);
  main_module.hash_hi = 0xaa;
  main_module.hash_lo = 0xbb;
  util_module.hash_hi = 0;
  util_module.hash_lo = ~0ull;

  char *empty = dump_to_string();
  CHECK_EQ_STR(empty, "");
  free(empty);

  __hotpatch_register_module(&main_module);
  __hotpatch_register_module(&util_module);
  char *text = dump_to_string();
  CHECK_EQ_STR(text, expected);
  free(text);
  return check_finish("test_dump");
}
