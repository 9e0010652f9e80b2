/*
** grow.c: room in the runtime's growable arrays.
*/
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */
#include "grow.h"

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

void *hpu_grow(void *items, size_t *capacity, size_t needed, size_t size) {
  if (needed <= *capacity && items)
    return items;
  size_t grown = *capacity ? *capacity : 8;
  while (grown < needed)
    grown *= 2;
  if (grown > SIZE_MAX / size)
    return NULL;
  void *larger = realloc(items, grown * size);
  if (larger)
    *capacity = grown;
  return larger;
}

void *hpu_zeroed(size_t count, size_t size) {
  return calloc(count ? count : 1, size);
}

void *hpu_pages(size_t size) {
  if (!hpc_table_pages())
    return calloc(1, size);
  void *pages = mmap(NULL, size, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  return pages == MAP_FAILED ? NULL : pages;
}

void hpu_pages_free(void *pages, size_t size) {
  if (!hpc_table_pages())
    free(pages);
  else if (pages)
    munmap(pages, size);
}
