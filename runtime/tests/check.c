/*
** check.c: checks and fixtures shared by the runtime unit tests.
*/
#define _POSIX_C_SOURCE 200809L
#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int failures;

int check_true(int ok, const char *expr, const char *file, int line) {
  if (!ok) {
    fprintf(stderr, "%s:%d: check failed: %s\n", file, line, expr);
    failures++;
  }
  return ok;
}

int check_eq_int(long long actual, long long expected, const char *expr,
                 const char *file, int line) {
  if (actual != expected) {
    fprintf(stderr, "%s:%d: check failed: %s is %lld, expected %lld\n", file,
            line, expr, actual, expected);
    failures++;
  }
  return actual == expected;
}

int check_eq_str(const char *actual, const char *expected, const char *expr,
                 const char *file, int line) {
  int ok = actual && strcmp(actual, expected) == 0;
  if (!ok) {
    fprintf(stderr,
            "%s:%d: check failed: %s\n--- got:\n%s\n--- expected:\n%s\n---\n",
            file, line, expr, actual ? actual : "(null)", expected);
    failures++;
  }
  return ok;
}

int check_finish(const char *name) {
  if (failures)
    fprintf(stderr, "%s: %d check(s) failed\n", name, failures);
  else
    printf("%s: all checks passed\n", name);
  return failures ? 1 : 0;
}

/* ------------------------------------------------------- stderr capture */

static int saved_stderr = -1;
static FILE *capture_file;

void capture_stderr_begin(void) {
  fflush(stderr);
  capture_file = tmpfile();
  if (!capture_file) {
    perror("tmpfile");
    exit(2);
  }
  saved_stderr = dup(STDERR_FILENO);
  dup2(fileno(capture_file), STDERR_FILENO);
}

char *capture_stderr_end(void) {
  fflush(stderr);
  dup2(saved_stderr, STDERR_FILENO);
  close(saved_stderr);
  fseek(capture_file, 0, SEEK_END);
  long size = ftell(capture_file);
  rewind(capture_file);
  char *text = calloc((size_t)size + 1, 1);
  if (!text || fread(text, 1, (size_t)size, capture_file) != (size_t)size) {
    perror("reading captured stderr");
    exit(2);
  }
  fclose(capture_file);
  return text;
}

static char *stream_text;
static size_t stream_size;

FILE *check_stream(void) {
  FILE *out = open_memstream(&stream_text, &stream_size);
  if (!out) {
    perror("open_memstream");
    exit(2);
  }
  return out;
}

char *check_stream_text(FILE *out) {
  fclose(out);
  char *text = stream_text;
  stream_text = NULL;
  return text;
}

/* -------------------------------------------------------------- fixtures */

struct hotpatch_module test_module(const char *id,
                                   const struct hotpatch_function *functions,
                                   uint32_t function_count,
                                   const struct hotpatch_data *data,
                                   uint32_t data_count) {
  struct hotpatch_module module = {
      .abi_version = HOTPATCH_ABI_VERSION,
      .id = id,
      .function_count = function_count,
      .data_count = data_count,
      .functions = functions,
      .data = data,
  };
  return module;
}
