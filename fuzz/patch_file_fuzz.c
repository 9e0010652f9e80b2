/*
** patch_file_fuzz.c: libFuzzer target for the patch file checks the
** runtime makes before dlopen (runtime/patch_file.c, runtime/elf_read.c):
** arbitrary bytes are written to a file (mode 0600) in a private directory
** (mode 0700, so the ownership checks pass and the ELF, bounds and
** build-id checks see the bytes), opened and checked the way the loader
** does it, and read for the build-id the slot pages check compares
** (slot_pages.c); the bytes are also walked as a notes segment, as the
** mapped images' notes are.  Nothing is ever loaded.
*/
#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "elf_read.h"
#include "patch_file.h"

static char dir[64] = "/tmp/hotpatch-fuzz-XXXXXX";
static char path[128];

static void remove_dir(void) {
  rmdir(dir);
}

/* libFuzzer entry point: one file per input. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!path[0]) {
    if (!mkdtemp(dir))
      abort();
    atexit(remove_dir);
    snprintf(path, sizeof path, "%s/patch.so", dir);
  }
  FILE *f = fopen(path, "w");
  if (!f)
    abort();
  if (size && fwrite(data, 1, size, f) != size)
    abort();
  fclose(f);
  chmod(path, 0600);
  struct stat st;
  char why[1024];
  why[0] = '\0';
  int fd = hpv_open_patch_file(path, &st, why, sizeof why);
  /* A refusal always says why; an accepted file is the one written. */
  if (fd < 0 && (why[0] == '\0' || strlen(why) >= sizeof why))
    abort();
  if (fd >= 0 && (st.st_size != (off_t)size || !S_ISREG(st.st_mode)))
    abort();
  if (fd >= 0)
    close(fd);
  /* The same bytes as a notes segment, as the mapped image's are read. */
  const unsigned char *found;
  size_t found_length;
  if (hpe_find_build_id(data, size, &found, &found_length) == 0 &&
      (found < data || found_length > size ||
       (size_t)(found - data) > size - found_length))
    abort();
  unsigned char id[64];
  FILE *again = fopen(path, "r");
  if (!again)
    abort();
  int length = hpe_file_build_id(fileno(again), id, sizeof id);
  if (length > (int)sizeof id)
    abort();
  fclose(again);
  unlink(path);
  return 0;
}
