/*
** test_strset.c: the string set: indices in insertion order, each member
** once, lookups of members and non-members, across many growths.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "strset.h"
#include "util.h"

int main(void) {
  struct hs_set s = HS_SET_INIT;
  CHECK(hs_find(&s, "x") == -1, "empty set");
  int added;
  CHECK(hs_add(&s, "", &added) == 0 && added,
        "the empty string is a member like any");
  CHECK(hs_add(&s, "", &added) == 0 && !added, "added once");

  /* 5,000 paths added twice each (the second time in reverse): indices
  ** 1..5000 in the order of the first additions, nothing added twice. */
  enum { N = 5000 };
  for (int i = 0; i < N; i++) {
    char *key = hu_xasprintf("/src/include/header-%d.h", i);
    CHECK(hs_add(&s, key, &added) == i + 1 && added, "first add of %s", key);
    free(key);
  }
  for (int i = N - 1; i >= 0; i--) {
    char *key = hu_xasprintf("/src/include/header-%d.h", i);
    CHECK(hs_add(&s, key, NULL) == i + 1, "second add of %s", key);
    CHECK(hs_find(&s, key) == i + 1, "find %s", key);
    free(key);
  }
  CHECK(s.count == N + 1, "count %d", s.count);
  CHECK_STR(s.keys[1], "/src/include/header-0.h");
  CHECK_STR(s.keys[N], "/src/include/header-4999.h");
  CHECK(hs_find(&s, "/src/include/header-5000.h") == -1, "not a member");
  CHECK(hs_find(&s, "/src/include/header-1") == -1, "a prefix is not a member");
  hs_free(&s);
  CHECK(s.count == 0 && hs_find(&s, "") == -1, "freed set is empty");
  return CHECK_DONE();
}
