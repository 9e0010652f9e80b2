/*
** patch_file_fuzz.c: libFuzzer target for the patch file checks the
** runtime makes before dlopen (runtime/patch_file.c, runtime/elf_read.c):
** arbitrary bytes are written to a private temporary file (mode 0600, so
** the ownership checks pass and the ELF and build-id checks see the
** bytes) and checked.  Nothing is ever loaded.
*/
#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "patch_file.h"

static char path[64];

/* libFuzzer entry point: one file per input. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!path[0]) {
    snprintf(path, sizeof path, "/tmp/hotpatch-fuzz-%ld.so", (long)getpid());
  }
  FILE *f = fopen(path, "w");
  if (!f) abort();
  if (size && fwrite(data, 1, size, f) != size) abort();
  fclose(f);
  chmod(path, 0600);
  struct stat st;
  if (stat(path, &st) != 0) abort();
  char why[1024];
  why[0] = '\0';
  int rc = hpv_check_patch_file(path, &st, why, sizeof why);
  /* A refusal always says why. */
  if (rc != 0 && (why[0] == '\0' || strlen(why) >= sizeof why)) abort();
  unlink(path);
  return 0;
}
