/*
** strset.h: a set of strings that numbers its members 0, 1, 2, ... in the
** order they were added: deduplication and lookups in constant time, where
** a list scanned with strcmp would cost the square of the count (a large
** program's units list thousands of header paths between them).
*/
#ifndef HCC_STRSET_H
#define HCC_STRSET_H

#include <stddef.h>

struct hs_set {
  char **keys; /* keys[i]: member i (copies, owned by the set) */
  int count;
  int *slots;    /* open addressing: member index + 1, 0 = empty */
  size_t nslots; /* a power of two, at least twice count        */
};
#define HS_SET_INIT {NULL, 0, NULL, 0}

/* The index of `key`, added (copied) when it is not a member yet; *added
** (may be NULL) says which. */
int hs_add(struct hs_set *s, const char *key, int *added);

/* The index of `key`, or -1 when it is not a member. */
int hs_find(const struct hs_set *s, const char *key);

void hs_free(struct hs_set *s);

#endif /* HCC_STRSET_H */
