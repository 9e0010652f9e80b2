/*
** check.h: the runtime unit tests' checks and fixtures.
**
** A failed check prints "file:line: check failed: <expression>" (and the
** values for the typed forms) and the test keeps going; check_finish() turns
** the count of failures into the exit status.
*/
#ifndef HOTPATCH_RUNTIME_TEST_CHECK_H
#define HOTPATCH_RUNTIME_TEST_CHECK_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "hotpatch_abi.h"

#define CHECK(cond) check_true((cond), #cond, __FILE__, __LINE__)
#define CHECK_EQ_INT(actual, expected)                                         \
  check_eq_int((long long)(actual), (long long)(expected), #actual, __FILE__,  \
               __LINE__)
#define CHECK_EQ_STR(actual, expected)                                         \
  check_eq_str((actual), (expected), #actual, __FILE__, __LINE__)

int check_true(int ok, const char *expr, const char *file, int line);
int check_eq_int(long long actual, long long expected, const char *expr,
                 const char *file, int line);
int check_eq_str(const char *actual, const char *expected, const char *expr,
                 const char *file, int line);

/* Print a summary for test `name`; the exit status for main. */
int check_finish(const char *name);

/* Send stderr to a temporary file until capture_stderr_end(), which
** returns what was written (malloc'd, NUL-terminated). */
void capture_stderr_begin(void);
char *capture_stderr_end(void);

/* A stream into memory; check_stream_text() closes it and returns what
** was written (malloc'd).  One at a time. */
FILE *check_stream(void);
char *check_stream_text(FILE *out);

/* The slot and stub the plugin would make for `int NAME(int)` whose body
** is NAME_impl: the slot NAME_slot starts at the impl, and the stub NAME
** calls whatever the slot holds (with the plugin's acquire load), so a test
** sees a redirect through NAME as a program would. */
#define CHECK_SLOT_AND_STUB(name)                                              \
  static void *name##_slot = (void *)name##_impl;                              \
  static int name(int x) {                                                     \
    return ((int (*)(int))__atomic_load_n(&name##_slot, __ATOMIC_ACQUIRE))(x); \
  }

/* A module descriptor over the given tables, for the current ABI. */
struct hotpatch_module test_module(const char *id,
                                   const struct hotpatch_function *functions,
                                   uint32_t function_count,
                                   const struct hotpatch_data *data,
                                   uint32_t data_count);

#endif /* HOTPATCH_RUNTIME_TEST_CHECK_H */
