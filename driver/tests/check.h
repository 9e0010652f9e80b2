/*
** check.h: the smallest test harness: CHECK records a failure with its
** location and carries on, so one run shows every broken case.
*/
#ifndef HCC_TEST_CHECK_H
#define HCC_TEST_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_failures;

#define CHECK(cond, ...)                                                       \
  do {                                                                         \
    if (!(cond)) {                                                             \
      check_failures++;                                                        \
      fprintf(stderr, "%s:%d: FAILED: %s: ", __FILE__, __LINE__, #cond);       \
      fprintf(stderr, __VA_ARGS__);                                            \
      fputc('\n', stderr);                                                     \
    }                                                                          \
  } while (0)

#define CHECK_STR(got, want)                                                   \
  CHECK(strcmp((got), (want)) == 0, "got '%s', want '%s'", (got), (want))

#define CHECK_DONE()                                                           \
  (check_failures                                                              \
       ? (fprintf(stderr, "%d check(s) failed\n", check_failures), 1)          \
       : (printf("all checks passed\n"), 0))

#endif /* HCC_TEST_CHECK_H */
