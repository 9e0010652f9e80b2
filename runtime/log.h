/*
** log.h: the runtime's messages to the user.
**
** Every message is one line on stderr starting with "hotpatch: ".  A line is
** written with a single stdio call so that messages from threads registering
** modules at the same time never interleave within a line.
*/
#ifndef HOTPATCH_RUNTIME_LOG_H
#define HOTPATCH_RUNTIME_LOG_H

#include <stddef.h>

/* Print "hotpatch: warning: <formatted text>\n" to stderr.  Safe from any
** thread and from constructors; never allocates. */
void hpl_warning(const char *format, ...) __attribute__((format(printf, 1, 2)));

/* Format a refusal into why[size] (truncated, always terminated) and
** return -1, for `return refuse(...)` in code that answers with a reason. */
int hpl_reason(char *why, size_t size, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

#endif /* HOTPATCH_RUNTIME_LOG_H */
