/*
** requests.c: dispatching control requests to the loader and registry.
*/
#include "requests.h"

#include <string.h>
#include <unistd.h>

#include "call.h"
#include "hotpatch.h"
#include "hotpatch_abi.h"
#include "loader.h"
#include "revert.h"
#include "module_info.h"
#include "registry.h"

/* "word" exactly, or "word <argument>" with *argument set. */
static int matches(const char *line, const char *word, const char **argument) {
  size_t n = strlen(word);
  if (strncmp(line, word, n) != 0)
    return 0;
  if (line[n] == '\0')
    return argument == NULL;
  if (line[n] != ' ' || argument == NULL)
    return 0;
  *argument = line + n + 1;
  return 1;
}

static void answer_registry(FILE *answer) {
  fputs("ok\n", answer);
  hpr_lock();
  hpm_write_module_info(answer);
  hpr_unlock();
}

void hpq_answer(const char *line, FILE *answer) {
  const char *argument = NULL;
  if (matches(line, "hello", NULL))
    fprintf(answer, "ok hotpatch %d pid=%ld generation=%lu\n",
            HOTPATCH_ABI_VERSION, (long)getpid(), hotpatch_generation());
  else if (matches(line, "registry", NULL))
    answer_registry(answer);
  else if (matches(line, "status", NULL))
    hpa_status(answer);
  else if (matches(line, "revert", NULL))
    hpa_revert(answer);
  else if (matches(line, "apply", &argument) && argument[0])
    hpa_apply(argument, answer);
  else if (matches(line, "call", &argument))
    hfc_call(argument, answer);
  else
    fprintf(answer, "error unknown request '%.200s'; requests are: hello, "
                    "registry, apply <path>, revert, status, call <function> "
                    "<arg>...\n", line);
}
