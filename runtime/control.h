/*
** control.h: the control socket and its listener thread.
*/
#ifndef HOTPATCH_RUNTIME_CONTROL_H
#define HOTPATCH_RUNTIME_CONTROL_H

/* Start listening on <dir>/<pid>.sock, once per process; later calls do
** nothing.  Called on the first module registration, from the program's
** context.  On any failure the program runs on unpatchable, with one
** warning line. */
void hpn_start_once(void);

/* In a fork()ed child: forget the parent's socket and listen on the
** child's own.  Called from the pthread_atfork child handler. */
void hpn_restart_in_child(void);

#endif /* HOTPATCH_RUNTIME_CONTROL_H */
