/*
** requests.c: dispatching control requests to the loader and registry.
*/
#include "requests.h"

#include <string.h>
#include <unistd.h>

#include "call.h"
#include "hotpatch.h"
#include "hotpatch_abi.h"
#include "hotpatch_control.h"
#include "loader.h"
#include "module_info.h"
#include "registry.h"
#include "revert.h"

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

/* `apply [<key>=<value> ...] <path>`: the words before the path (each
** has a '=' and none starts with '/', the path's first character) are
** the client's description of the patch, kept in the journal as sent.
** The path is the rest of the line; it may hold spaces. */
static void answer_apply(const char *argument, FILE *answer) {
  char about[HOTPATCH_CONTROL_MAX_REQUEST + 1];
  const char *path = argument;
  for (;;) {
    size_t n = strcspn(path, " ");
    if (path[0] == '/' || !memchr(path, '=', n) || path[n] != ' ')
      break;
    path += n + 1;
  }
  size_t length = (size_t)(path - argument); /* 0, or up to the space */
  if (length > 0) {
    memcpy(about, argument, length - 1);
    about[length - 1] = '\0';
  }
  hpa_apply(path, length > 0 ? about : NULL, answer);
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
    fprintf(answer, "ok hotpatch %d pid=%ld generation=%lu control=%d\n",
            HOTPATCH_ABI_VERSION, (long)getpid(), hotpatch_generation(),
            HOTPATCH_CONTROL_VERSION);
  else if (matches(line, "registry", NULL))
    answer_registry(answer);
  else if (matches(line, "status", NULL))
    hpa_status(answer);
  else if (matches(line, "revert", NULL))
    hpa_revert(answer);
  else if (matches(line, "history", NULL))
    hpa_history(answer);
  else if (matches(line, "apply", &argument) && argument[0])
    answer_apply(argument, answer);
  else if (matches(line, "call", &argument))
    hfc_call(argument, answer);
  else
    fprintf(answer,
            "error unknown request '%.200s'; requests are: hello, "
            "registry, apply [<key>=<value>...] <path>, revert, "
            "status, history, call <function> <arg>...\n",
            line);
}
