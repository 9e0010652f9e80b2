/*
** idtable.h: an open-addressing hash table from stable id to descriptor.
**
** Keys are the id strings owned by module descriptors (never copied: a
** descriptor lives as long as its module), each with a scope: NULL for an
** id's first definition, a linked object for that object's own copy
** (registry.c, "duplicate ids").  Hashes are XXH3-64 of the id.
** Linear probing over a power-of-two array kept at most half full; the table
** grows by rehashing into a doubled array.  There is no removal: a module
** never unregisters, and a replaced entry is overwritten in place.
**
** The table does no locking; the registry holds its lock around every call.
*/
#ifndef HOTPATCH_RUNTIME_IDTABLE_H
#define HOTPATCH_RUNTIME_IDTABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct hotpatch_module;

struct hpt_entry {
  uint64_t hash;                        /* XXH3-64 of id                  */
  const char *id;                       /* NULL: the cell is empty        */
  const void *scope;                    /* NULL, or the copy's object     */
  const struct hotpatch_module *module; /* the module that registered it  */
  const void *item;                     /* hotpatch_function or _data     */
  /* Functions only: what the process runs now, changed by apply/revert. */
  void *impl;                /* body the slot points at        */
  uint64_t hash_lo, hash_hi; /* that body's content hash       */
  /* Functions only: slots of other objects' copies of the same function
  ** (same stub: a C++ inline function in a program and in a shared
  ** library), which every publish of this entry reaches too. */
  void ***mirrors;
  size_t mirror_count, mirror_capacity;
};

struct hpt_table {
  struct hpt_entry *entries; /* NULL until the first reserve */
  size_t capacity;           /* 0 or a power of two           */
  size_t count;              /* cells in use                  */
};

/* Capacity of a table's first array; small so that tests cross it. */
#define HPT_INITIAL_CAPACITY 64

/* XXH3-64 of the NUL-terminated id. */
uint64_t hpt_hash(const char *id);

/* Make room so that `count` entries in all fit without growing.  Returns 0,
** or -1 when out of memory (the table is then unchanged). */
int hpt_reserve(struct hpt_table *table, size_t count);

/* The entry for `id` in `scope`, or NULL. */
struct hpt_entry *hpt_find(const struct hpt_table *table, const char *id,
                           uint64_t hash, const void *scope);

/* The entry for `id` in `scope`; when there was none, a new one with id,
** hash and scope set and module/item NULL, and *added set to true.  The
** caller must have reserved room for it. */
struct hpt_entry *hpt_find_or_add(struct hpt_table *table, const char *id,
                                  uint64_t hash, const void *scope,
                                  bool *added);

/* Free the array (and the entries' mirror arrays); the table is empty
** afterwards. */
void hpt_clear(struct hpt_table *table);

#endif /* HOTPATCH_RUNTIME_IDTABLE_H */
