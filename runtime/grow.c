/*
** grow.c: room in the runtime's growable arrays.
*/
#include "grow.h"

#include <stdint.h>
#include <stdlib.h>

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
