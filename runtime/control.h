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

/* In a fork()ed child: close the parent's connection being served (if
** any) and its listening socket, and listen on the child's own.  Called
** from the pthread_atfork child handler. */
void hpn_restart_in_child(void);

/* fork(): the prepare handler takes the connection lock, so that no
** connection is half accepted or half closed; both sides release it. */
void hpn_lock_for_fork(void);
void hpn_unlock_after_fork(void);

/* Run fn(arg), the program's code: on the control thread with the
** program's signal mask (the mask of the thread that started the
** listener) instead of the thread's own, which blocks every signal; on any
** other thread as it is (a program thread keeps its own mask). */
void hpn_run_as_program(void (*fn)(void *), void *arg);

#endif /* HOTPATCH_RUNTIME_CONTROL_H */
