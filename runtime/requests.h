/*
** requests.h: answering one control request (hotpatch_control.h).
*/
#ifndef HOTPATCH_RUNTIME_REQUESTS_H
#define HOTPATCH_RUNTIME_REQUESTS_H

#include <stdio.h>

/* Answer the request `line` (without its newline) on `answer`: hello,
** registry, apply <path>, revert, status; anything else is an error
** answer.  Never fails: every problem is an "error ..." answer. */
void hpq_answer(const char *line, FILE *answer);

#endif /* HOTPATCH_RUNTIME_REQUESTS_H */
