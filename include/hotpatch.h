/*
** hotpatch.h: the public API of the hotpatch runtime.
**
** Every program built with `hcc` carries the runtime; nothing here has to be
** called for hot patching to work.  These calls let a program cooperate:
** choose when patches take effect, learn that one did, or opt code out.
**
** HOTPATCH=off in the environment makes the runtime inert: the program runs
** exactly as built, and no control channel is opened.
*/
#ifndef HOTPATCH_H
#define HOTPATCH_H

#include <setjmp.h>
#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Mark a function that must never be instrumented or patched (signal-safety
** critical code, functions whose address must be the body itself). */
#define HOTPATCH_NO_PATCH __attribute__((annotate("no_hotpatch")))

/* The number of patches applied and not reverted: the depth of the stack
** of patches, 0 at start.  A revert lowers it, so it can come back to a
** value it had before (1 -> 0 -> 1 across patch, revert, patch): to notice
** every change, poll hotpatch_reload_count() instead. */
unsigned long hotpatch_generation(void);

/* The number of applies and reverts so far, 0 at start; it only grows.  A
** program that rebuilds caches when the code changes polls it (once per
** frame or request) and compares with the value it saw last: a change
** means some function may run other code than before.  Reading it is one
** atomic load; a caller that sees it change also sees the new code. */
unsigned long hotpatch_reload_count(void);

/* A point where the program is ready for new code.  Under
** HOTPATCH_MODE=safepoint, patches are applied only here; otherwise it is a
** cheap no-op. */
void hotpatch_safepoint(void);

/* When patches (and reverts) take effect.  IMMEDIATE: published from the
** runtime's control thread; running threads switch at their next call.
** SAFEPOINT: published inside the next hotpatch_safepoint() call, on the
** thread that makes it, which also runs the reload hooks; a patch waits for
** it at most HOTPATCH_SAFEPOINT_TIMEOUT seconds (default 10) and is then
** refused: no slot, constant, generation or reload count changes, and no
** code of the patch ran (its new constructors run at the commit, in the
** safe point, just before publishing); the patch file was loaded and is
** unloaded again. */
enum hotpatch_mode { HOTPATCH_MODE_IMMEDIATE = 0, HOTPATCH_MODE_SAFEPOINT = 1 };

/* Choose the mode from now on, overriding HOTPATCH_MODE (immediate or
** safepoint) from the environment.  Returns 0, or -1 (errno EINVAL) for an
** unknown mode. */
int hotpatch_set_mode(enum hotpatch_mode mode);

/* Called after every applied patch (and revert) with the new generation
** and the ids of the functions it changed, after the runtime has let go of
** its locks: a callback may fork() (the child is patchable on its own) or
** start threads.  It runs on the control thread in immediate mode, with
** the signal mask the program had when the runtime started (not the
** control thread's own, which blocks every signal), and on the thread
** that called hotpatch_safepoint() in safe-point mode.  A child forked on
** the control thread that returns from the callback exits with status 0
** once the callbacks are done, as a process ends whose last thread
** returns.  Returns 0, or -1 when out of memory. */
typedef void (*hotpatch_reload_fn)(unsigned long generation,
                                   const char *const *changed, size_t count,
                                   void *arg);
int hotpatch_on_reload(hotpatch_reload_fn callback, void *arg);

/* ---- Faults in new code. ------------------------------------------------
** When code of an applied patch faults (SIGSEGV, SIGBUS, SIGFPE, SIGILL),
** the runtime prints which function of which generation faulted, reverts
** the patches from that generation on, and then:
**   - resumes the faulting thread at its resume point, if it has one;
**   - otherwise hands the signal to the handler the program had installed
**     before the first patch, or lets the program die of it.
**
** HOTPATCH_RESUME_POINT() is a safe point (it calls hotpatch_safepoint())
** that a faulting thread can be sent back to: a statement, typically at the
** top of a request or event loop.  After a fault the thread continues right
** after it, running the reverted code.  Only the thread's stack and
** registers go back: frames above the resume point are discarded without
** cleanup (locks they held stay held, memory they allocated leaks, data
** they were changing stays half-changed), and other threads carry on.  The
** function containing it must not return while the thread may still run
** patched code, unless hotpatch_resume_clear() is called first.  Needs
** sigsetjmp (POSIX).
*/
#define HOTPATCH_RESUME_POINT()                                                \
  do {                                                                         \
    hotpatch_safepoint();                                                      \
    if (sigsetjmp(                                                             \
            *(sigjmp_buf *)hotpatch_resume_arm(__builtin_frame_address(0)),    \
            0) != 0)                                                           \
      hotpatch_resumed();                                                      \
  } while (0)

/* Parts of HOTPATCH_RESUME_POINT: arm the calling thread's resume point in
** the frame `frame` and return its sigjmp_buf; finish a resume (revert, then
** unblock the signal) after the jump. */
void *hotpatch_resume_arm(void *frame);
void hotpatch_resumed(void);

/* The calling thread has no resume point any more (call it before leaving
** the function holding HOTPATCH_RESUME_POINT). */
void hotpatch_resume_clear(void);

/* ---- For tools and tests: direct access to the registry. -------------- */

/* Point every call of the function with stable id `id` at `target`, a
** function of the same type.  Returns 0, or -1 (errno ENOENT) when no such
** function is registered. */
int hotpatch_debug_redirect(const char *id, void *target);

/* Print every registered module, function and datum to `out`, one per line,
** in the format of `hcc inspect`. */
void hotpatch_debug_dump(FILE *out);

#ifdef __cplusplus
}
#endif

#endif /* HOTPATCH_H */
