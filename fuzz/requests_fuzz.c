/*
** requests_fuzz.c: libFuzzer target for the control protocol's request
** layer: arbitrary bytes are framed as the listener frames them (one line,
** at most HOTPATCH_CONTROL_MAX_REQUEST bytes, a trailing '\r' dropped) and
** answered by hpq_answer() with the real registry, which holds the small
** module of fuzz/module.c.
**
** `apply [<words>] <path>` must not dlopen whatever path the fuzzer makes
** up, so the harness is linked with -Wl,--wrap=hpa_apply: the request
** parser hands the words and the path to __wrap_hpa_apply below, which
** only checks that they are proper strings and answers as a refusal
** would.  Everything else (hello, registry, status, revert, history, call,
** unknown words) runs the real code: the module's one function, which
** `call` reaches through libffi, is safe to call with any int.
*/
#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hotpatch_control.h"
#include "requests.h"

int fuzz_module_value(int x); /* fuzz/module.c: registers a module */

/* See the file comment. */
int __wrap_hpa_apply(const char *path, const char *about, FILE *answer);
int __wrap_hpa_apply(const char *path, const char *about, FILE *answer) {
  /* the parser lost the bound, or split the line wrongly */
  if (strlen(path) > HOTPATCH_CONTROL_MAX_REQUEST)
    abort();
  if (about && (strlen(about) + strlen(path) > HOTPATCH_CONTROL_MAX_REQUEST ||
                !strchr(about, '=') || about[0] == '/'))
    abort();
  fprintf(answer, "error not applied (fuzzing)\n");
  return -1;
}

/* libFuzzer entry point: one request per input. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char line[HOTPATCH_CONTROL_MAX_REQUEST + 1];
  size_t n = size < sizeof line - 1 ? size : sizeof line - 1;
  memcpy(line, data, n);
  line[n] = '\0';
  char *newline = memchr(line, '\n', n);
  if (newline) {
    *newline = '\0';
    if (newline > line && newline[-1] == '\r')
      newline[-1] = '\0';
  }
  char *text = NULL;
  size_t text_size = 0;
  FILE *answer = open_memstream(&text, &text_size);
  if (!answer)
    return 0;
  hpq_answer(line, answer);
  fclose(answer);
  /* Every answer is "ok..." or "error ...", one line at least. */
  if (text_size == 0 ||
      (strncmp(text, "ok", 2) != 0 && strncmp(text, "error ", 6) != 0))
    abort();
  /* The setup holds: the registry lists the module (else the fuzzer would
  ** only ever see an empty registry). */
  if (strcmp(line, "registry") == 0 && !strstr(text, "fuzz_module_value"))
    abort();
  free(text);
  return fuzz_module_value((int)size) == -1; /* keeps the module linked */
}
