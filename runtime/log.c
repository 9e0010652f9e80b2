/*
** log.c: formatting of runtime messages.
*/
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Long enough for any id we print; longer lines are cut, not split. */
#define HPL_LINE_MAX 1024

/*
** Format the whole line into a buffer first, then hand it to stdio in one
** call: stdio locks the stream per call, so the line stays whole even when
** several threads warn at once.
*/
void hpl_warning(const char *format, ...) {
  static const char prefix[] = "hotpatch: warning: ";
  char line[HPL_LINE_MAX];
  size_t used = sizeof prefix - 1;
  va_list args;

  memcpy(line, prefix, used);
  va_start(args, format);
  int n = vsnprintf(line + used, sizeof line - used - 1, format, args);
  va_end(args);
  if (n < 0)
    n = 0;
  size_t room = sizeof line - used - 2; /* keep space for "\n\0" */
  used += (size_t)n < room ? (size_t)n : room;
  line[used++] = '\n';
  line[used] = '\0';
  fputs(line, stderr);
}

int hpl_reason(char *why, size_t size, const char *format, ...) {
  va_list args;
  va_start(args, format);
  vsnprintf(why, size, format, args);
  va_end(args);
  return -1;
}
