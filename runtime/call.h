/*
** call.h: the control request `call` (hotpatch_control.h): a function of
** the program called by name, with arguments typed by its recorded C
** signature (hotpatch_abi.h), through libffi.
*/
#ifndef HOTPATCH_RUNTIME_CALL_H
#define HOTPATCH_RUNTIME_CALL_H

#include <stdio.h>

/* Answer `call <request>`: call the code the function's slot holds now and
** answer "ok <value>", or "error <why>" having called nothing.  Takes the
** loader mutex (not held while the function runs in immediate mode) and
** the registry lock; the caller holds neither. */
void hfc_call(const char *request, FILE *answer);

#endif /* HOTPATCH_RUNTIME_CALL_H */
