/*
** imports_fuzz.c: libFuzzer target for filling a patch's import table and
** checking its constant updates (runtime/imports.c), then writing the
** updates the check let through (runtime/constants.c).
**
** The registry holds one hand-built module: constants of several sizes, a
** global, a static and a thread-local, each in its own heap block so that
** AddressSanitizer sees any write past one.  Each input is decoded into a
** patch module (imports and updates, every field from the fuzzer's bytes:
** ids known and unknown, kinds in range and out, layouts, sizes, cells that
** are import cells and cells that are not, contents of any length) and
** resolved.  A patch the check accepts has every update copied over its
** constant, as the loader does; one it refuses must say why.
*/
#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "constants.h"
#include "imports.h"
#include "registry.h"

enum { MAX_IMPORTS = 8, MAX_UPDATES = 4 };

/* Names the decoder picks from; the last two are not in the registry. */
static const char *const names[] = {"c1",         "c7", "c64",   "counter",
                                    "m.c:hidden", "tl", "ghost", ""};
enum { NAME_COUNT = sizeof names / sizeof names[0] };

static _Thread_local int tl;
static void *tl_address(void) {
  return &tl;
}

static void register_module(void) {
  static struct hotpatch_data data[] = {
      {"c1", NULL, NULL, 1, 0x11, HOTPATCH_DATA_CONSTANT, 0, "i8"},
      {"c7", NULL, NULL, 7, 0x77, HOTPATCH_DATA_CONSTANT, 0, "[7xi8]"},
      {"c64", NULL, NULL, 64, 0x64, HOTPATCH_DATA_CONSTANT, 0, "[16xi32]"},
      {"counter", NULL, NULL, 4, 0xab, HOTPATCH_DATA_GLOBAL, 0, "i32"},
      {"m.c:hidden", NULL, NULL, 8, 0xcd, HOTPATCH_DATA_STATIC,
       HOTPATCH_SYM_INTERNAL, "i64"},
      {"tl", NULL, tl_address, 4, 0xab, HOTPATCH_DATA_TLS, 0, "i32"},
  };
  for (size_t i = 0; i < sizeof data / sizeof data[0]; i++)
    if (data[i].kind != HOTPATCH_DATA_TLS &&
        !(data[i].address = calloc(1, data[i].size)))
      abort();
  static struct hotpatch_module module = {
      .abi_version = HOTPATCH_ABI_VERSION,
      .id = "m.c",
      .data_count = sizeof data / sizeof data[0],
      .data = data,
  };
  if (hpr_register(&module) != 0)
    abort();
}

/* The input, read a byte at a time; zeros once it runs out. */
struct input {
  const uint8_t *at;
  size_t left;
};

static uint8_t next(struct input *in) {
  if (!in->left)
    return 0;
  in->left--;
  return *in->at++;
}

/* libFuzzer entry point: one patch module per input. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static int registered;
  if (!registered++)
    register_module();
  struct input in = {data, size};
  struct hotpatch_import imports[MAX_IMPORTS];
  void *cells[MAX_IMPORTS + 1] = {0}; /* the last one is no import's */
  uint32_t import_count = next(&in) % (MAX_IMPORTS + 1);
  for (uint32_t i = 0; i < import_count; i++) {
    uint8_t shape = next(&in);
    imports[i] = (struct hotpatch_import){
        .id = names[shape % NAME_COUNT],
        .cell = (shape & 0x80) ? NULL : &cells[i],
        .layout_hash = next(&in),
        .size = next(&in),
        .kind = next(&in) % 6, /* the four kinds and two that are none */
    };
  }
  struct hotpatch_update updates[MAX_UPDATES];
  void *contents[MAX_UPDATES] = {0};
  uint32_t update_count = next(&in) % (MAX_UPDATES + 1);
  for (uint32_t i = 0; i < update_count; i++) {
    uint8_t target = next(&in);
    uint64_t length = next(&in);
    /* The content is exactly `length` bytes long: the size a patch object
    ** declares is that of the bytes it carries. */
    contents[i] = malloc(length ? length : 1);
    if (!contents[i])
      abort();
    for (uint64_t b = 0; b < length; b++)
      ((uint8_t *)contents[i])[b] = next(&in);
    updates[i] = (struct hotpatch_update){
        .target_cell = &cells[target % (MAX_IMPORTS + 1)],
        .content = (target & 0x80) ? NULL : contents[i],
        .size = length,
    };
  }
  struct hotpatch_patch patch = {.abi_version = HOTPATCH_ABI_VERSION,
                                 .module_id = "fuzz.c",
                                 .import_count = import_count,
                                 .imports = imports,
                                 .update_count = update_count,
                                 .updates = updates};
  char why[512] = "";
  hpr_lock();
  int resolved = hpi_resolve(&patch, why, sizeof why);
  hpr_unlock();
  if (resolved != 0 && (!why[0] || strlen(why) >= sizeof why - 1))
    abort(); /* a refusal always says why, in one bounded line */
  /* Accepted: every update lands on a whole constant, and writing it stays
  ** inside that constant's heap block (AddressSanitizer checks). */
  if (resolved == 0 && hpk_apply(&patch) != 0)
    abort();
  for (uint32_t i = 0; i < update_count; i++)
    free(contents[i]);
  return 0;
}
