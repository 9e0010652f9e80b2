/*
** zbench.c: compresses and decompresses a large generated buffer with the
** zlib it is linked with, and checks the round trip.
**
** usage: zbench MEGABYTES ROUNDS
** The buffer is text-like (words from a small vocabulary with numbers), so
** deflate has matches to find; it is the same for every build.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zlib.h"

static const char *const words[] = {
    "the ", "patch ", "function ", "slot ",   "runtime ", "compiler ",
    "of ",  "and ",   "global ",   "static ", "thread ",  "value ",
    "a ",   "to ",    "is ",       "new ",
};

static void fill(unsigned char *buf, size_t size) {
  unsigned state = 12345;
  size_t at = 0;
  while (at < size) {
    state = state * 1103515245u + 12345u;
    const char *w = words[(state >> 16) % 16];
    char number[16];
    if ((state & 0x7) == 0) {
      snprintf(number, sizeof number, "%u\n", (state >> 8) % 10000);
      w = number;
    }
    size_t len = strlen(w);
    if (len > size - at)
      len = size - at;
    memcpy(buf + at, w, len);
    at += len;
  }
}

int main(int argc, char **argv) {
  size_t size = (size_t)(argc > 1 ? atoi(argv[1]) : 16) << 20;
  int rounds = argc > 2 ? atoi(argv[2]) : 1;
  unsigned char *in = malloc(size), *back = malloc(size);
  uLongf bound = compressBound(size);
  unsigned char *packed = malloc(bound);
  if (!in || !back || !packed)
    return 1;
  fill(in, size);
  uLongf packed_len = 0;
  for (int r = 0; r < rounds; r++) {
    packed_len = bound;
    if (compress2(packed, &packed_len, in, size, 6) != Z_OK)
      return 1;
    uLongf back_len = size;
    if (uncompress(back, &back_len, packed, packed_len) != Z_OK ||
        back_len != size || memcmp(in, back, size) != 0) {
      fprintf(stderr, "zbench: round trip failed\n");
      return 1;
    }
  }
  printf("zbench %zu -> %lu bytes, crc %08lx\n", size,
         (unsigned long)packed_len, crc32(0, packed, (uInt)packed_len));
  free(in);
  free(back);
  free(packed);
  return 0;
}
