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

/* `size` zeroed bytes on pages of their own (mmap), NULL when out of
** memory; given back with hpu_pages_free and the same size.  For the
** runtime's tables that grow with the program (the registry's id tables):
** in malloc's heap they would change how the program's own heap grows and
** shrinks (built before main, they made tinyxml2's xmltest call brk 108
** times instead of 58, with 1,000 more page faults: a tenth of its time),
** and freeing one of 128 KiB or more raises malloc's mmap and trim
** thresholds for the rest of the program.  From calloc/free when
** HOTPATCH_TABLE_PAGES=0 (config.h), to measure that. */
void *hpu_pages(size_t size);
void hpu_pages_free(void *pages, size_t size);

#endif /* HOTPATCH_RUNTIME_GROW_H */
