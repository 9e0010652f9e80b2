/*
** hotpatch_control.h: the control protocol between hcc and a running process.
**
** Every process built with hcc (unless HOTPATCH=off) listens on a UNIX
** stream socket <dir>/<pid>.sock, <dir> as hotpatch_control_dir() below
** says.  The directory is created with mode 0700 and must be owned by the
** process's effective uid.  Only peers (SO_PEERCRED) of the process's
** effective uid, and root, may use it; another peer's request is read and
** answered with one line "error permission denied: ... only uid <n> and
** root may patch it ...".  A fork()ed child listens on its own socket
** (created while it still has its parent's uid, so a worker that then
** switches user stays in root's directory, patchable by root).  A program
** that closes the listening descriptor (daemons close every descriptor)
** gets a new socket at the same path within HOTPATCH_CONTROL_REOPEN_MS;
** clients retry a refused connection to a live process for longer than
** that.
**
** One request per connection: the client writes one line, the process
** answers and closes.  Every answer starts with "ok" or "error <message>".
**
**   hello               ok hotpatch <abi> pid=<pid> generation=<n>
**                       control=<HOTPATCH_CONTROL_VERSION>
**   registry            ok, then the module info text (hotpatch_abi.h) of
**                       every module with the hashes of the code it runs now,
**                       including functions and data added by patches
**   apply [<key>=<value> ...] <path>
**                       load the patch; all of its modules or none:
**                       ok generation=<n> changed=<id>,<id>... new=<id>,...
**                       error <what failed, naming the symbol or module>
**                       The words before the path (each with a '=', none
**                       starting with '/') describe the patch; the
**                       process keeps them, as sent, in its history
**                       (control version 2 and later: send none to a
**                       process whose hello says less).
**   revert              undo the newest patch still applied:
**                       ok generation=<n>     error nothing to revert
**   status              ok generation=<n> modules=<n> functions=<n>, then one
**                       line per applied patch: "patch <generation> <path>"
**   history             every patch this process applied, reverted ones
**                       too (the newest 256; patches=<n> counts all):
**                       ok patches=<n> kept=<n>, then per patch, oldest
**                       first:
**                         patch <serial> generation=<n> applied=<time>
**                           apply_us=<n> reverted=no|request|fault
**                           [reverted_at=<time>]      (one line)
**                          path <path>
**                          about <words>              (if apply had any)
**                          changed <id>               (one line per id)
**                          new <id>
**                       <time>: seconds since the epoch, with 6 decimals;
**                       <serial>: 1 for the first patch ever applied.
**   call <function> <arg>...
**                       call the code <function> runs now (its id, its
**                       name, or FILE:NAME for a static function) with the
**                       arguments parsed by its recorded C signature
**                       (hotpatch_abi.h); words are separated by single
**                       spaces and %-encoded (a space, '%', a control
**                       character or a byte above 0x7e as %XX; never
**                       %00), an empty argument is an empty word:
**                       ok <value>   (a number, true/false, "string" with C
**                                    escapes, NULL, 0x<hex>, or void)
**                       error <why>  (nothing was called)
**                       A function that crashes the process leaves no answer.
**
** The generation is the number of patches applied and not reverted.
*/
#ifndef HOTPATCH_CONTROL_H
#define HOTPATCH_CONTROL_H

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

/* 2: `history`, and words before the path of `apply`. */
#define HOTPATCH_CONTROL_VERSION 2
#define HOTPATCH_SOCKET_SUFFIX ".sock"
/* Longest request line, including the newline. */
#define HOTPATCH_CONTROL_MAX_REQUEST 4096
/* How often the runtime checks that its listening socket is still open. */
#define HOTPATCH_CONTROL_REOPEN_MS 1000

/* ---------------------------------------------------------------------------
** The socket directory: one rule, used by the runtime (where a process
** listens) and by hcc (where it looks), so that they cannot drift apart.
**
**   $XDG_RUNTIME_DIR/hotpatch   when XDG_RUNTIME_DIR is an absolute path
**                               naming a directory, and the process's real
**                               and effective uids are the same;
**   /tmp/hotpatch-<euid>        otherwise.
**
** The effective uid: it owns the directory and the socket, and it is what
** SO_PEERCRED reports of a peer, so a client finds exactly the processes
** that will accept it.  A set-user-ID process (real and effective uids
** differ) ignores XDG_RUNTIME_DIR: its environment belongs to the user who
** started it, whose directory the effective user does not own.  A relative
** path, or one that is not a directory, counts as unset.
** ------------------------------------------------------------------------- */

/* The directory for the value `xdg` of XDG_RUNTIME_DIR (NULL: unset or not
** to be used) and the effective uid `euid`, into out[size].  Returns 0, or
** -1 when it does not fit. */
static inline int hotpatch_control_dir_for(const char *xdg, uid_t euid,
                                           char *out, size_t size) {
  struct stat st;
  int n;
  if (xdg && xdg[0] == '/' && stat(xdg, &st) == 0 && S_ISDIR(st.st_mode))
    n = snprintf(out, size, "%s/hotpatch", xdg);
  else
    n = snprintf(out, size, "/tmp/hotpatch-%lu", (unsigned long)euid);
  return n >= 0 && (size_t)n < size ? 0 : -1;
}

/* The calling process's directory: the rule applied to its own environment
** and uids. */
static inline int hotpatch_control_dir(char *out, size_t size) {
  const char *xdg = getuid() == geteuid() ? getenv("XDG_RUNTIME_DIR") : NULL;
  return hotpatch_control_dir_for(xdg, geteuid(), out, size);
}

/* The value of one hexadecimal digit of a %XX escape in a request's or an
** answer's words, or -1: the one decoder both sides use. */
static inline int hotpatch_control_hex_digit(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

#endif /* HOTPATCH_CONTROL_H */
