/*
** qsort.c: libc's qsort with a comparator defined in the program, so every
** comparison enters the program through a function pointer (for hcc: the
** comparator's stub, one more indirect jump).
**
** usage: qsort N ROUNDS     sorts ROUNDS arrays of N pseudo-random ints
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static int compare_ints(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}

/* xorshift32: the same data for every build. */
static uint32_t next_random(uint32_t *state) {
  uint32_t x = *state;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  return *state = x;
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 100000;
  int rounds = argc > 2 ? atoi(argv[2]) : 10;
  int *data = malloc((size_t)n * sizeof *data);
  if (!data)
    return 1;
  uint32_t state = 2463534242u;
  unsigned long long checksum = 0;
  for (int r = 0; r < rounds; r++) {
    for (int i = 0; i < n; i++)
      data[i] = (int)(next_random(&state) % 1000000);
    qsort(data, (size_t)n, sizeof *data, compare_ints);
    checksum = checksum * 31 + (unsigned)data[n / 2] + (unsigned)data[n - 1];
  }
  printf("qsort checksum %llu\n", checksum);
  free(data);
  return 0;
}
