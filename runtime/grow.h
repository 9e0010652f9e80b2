/*
** grow.h: room in the runtime's growable arrays.
*/
#ifndef HOTPATCH_RUNTIME_GROW_H
#define HOTPATCH_RUNTIME_GROW_H

#include <stddef.h>

/* `items`, an array with room for `*capacity` elements of `size` bytes,
** with room for at least `needed`: the same pointer when it has it, else
** reallocated to double its capacity (at least 8) as often as needed, and
** *capacity updated.  NULL when out of memory; `items` and *capacity are
** then unchanged.  No locking of its own. */
void *hpu_grow(void *items, size_t *capacity, size_t needed, size_t size);

/* A zeroed array of `count` elements of `size` bytes, NULL only when out
** of memory: an empty array is one element long, since calloc(0) may
** return NULL. */
void *hpu_zeroed(size_t count, size_t size);

#endif /* HOTPATCH_RUNTIME_GROW_H */
