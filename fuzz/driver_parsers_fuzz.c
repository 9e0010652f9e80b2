/*
** driver_parsers_fuzz.c: libFuzzer target for hcc's parsers of what
** compilers and the plugin write, the first byte choosing which:
**
**   0  an ELF file, the whole of `hcc inspect` (driver/elf_file.c, the
**      hotpatch_info and hotpatch_patch section parsers)
**   1  a hotpatch_info section's text (cmd_inspect.c's parse_section)
**
** (bit 2 of the first byte: for 0 and 1, the --json listing).
**   2  a hotpatch_patch section's text (patch_info.c's pi_parse)
**   3  a dependency file (depfile.c's hd_parse)
**
** cmd_inspect.c is included so that its static parsers can be called;
** the other driver files are linked as they are.  Their error messages go
** to stderr, their listings to /dev/null.
*/
#define _GNU_SOURCE
#include "../driver/cmd_inspect.c"

#include <fcntl.h>
#include <stdint.h>
#include <unistd.h>

#include "depfile.h"

static char path[64];

/* libFuzzer: once, before the first input. */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  int null = open("/dev/null", O_WRONLY);
  if (null >= 0)
    dup2(null, 1);
  snprintf(path, sizeof path, "/tmp/hcc-fuzz-%ld.o", (long)getpid());
  return 0;
}

static void inspect_bytes(const uint8_t *data, size_t size, int json) {
  FILE *f = fopen(path, "w");
  if (!f)
    abort();
  if (size && fwrite(data, 1, size, f) != size)
    abort();
  fclose(f);
  inspect_file(path, json);
  unlink(path);
}

/* libFuzzer entry point. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0)
    return 0;
  unsigned which = data[0] % 4;
  int json = (data[0] >> 2) & 1;
  data++;
  size--;
  /* The text parsers take NUL-terminated or sized text: give both. */
  char *text = hu_xmalloc(size + 1);
  memcpy(text, data, size);
  text[size] = '\0';
  struct hj j = HJ_INIT;
  struct out out = {HU_BUF_INIT, json ? &j : NULL};
  struct pi_patch patch;
  struct hu_vec deps = HU_VEC_INIT;
  switch (which) {
  case 0: inspect_bytes(data, size, json); break;
  case 1:
    if (json)
      hj_array(&j, NULL);
    if (parse_section("fuzz", data, size, &out) == 0 && json)
      hj_end(&j);
    break;
  case 2:
    memset(&patch, 0, sizeof patch);
    pi_parse(&patch, text, size);
    pi_free(&patch);
    break;
  default: hd_parse(text, &deps); break;
  }
  hu_buf_free(&out.text);
  hj_free(&j);
  hu_vec_free(&deps);
  free(text);
  return 0;
}
