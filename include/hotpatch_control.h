/*
** hotpatch_control.h: the control protocol between hcc and a running process.
**
** Every process built with hcc (unless HOTPATCH=off) listens on a UNIX
** stream socket <dir>/<pid>.sock, where <dir> is $XDG_RUNTIME_DIR/hotpatch
** when XDG_RUNTIME_DIR names a directory, else /tmp/hotpatch-<uid>.  The
** directory is created with mode 0700 and must be owned by the user.  Only
** peers (SO_PEERCRED) of the process's effective uid, and root, may use
** it; another peer's request is read and answered with one line
** "error permission denied: ... only uid <n> and root may patch it ...".
** A fork()ed child listens on its own socket (created while it still has
** its parent's uid, so a worker that then switches user stays in root's
** directory, patchable by root).  A program that closes the listening
** descriptor (daemons close every descriptor) gets a new socket at the
** same path within HOTPATCH_CONTROL_REOPEN_MS; clients retry a refused
** connection to a live process for longer than that.
**
** One request per connection: the client writes one line, the process
** answers and closes.  Every answer starts with "ok" or "error <message>".
**
**   hello               ok hotpatch <abi> pid=<pid> generation=<n>
**   registry            ok, then the module info text (hotpatch_abi.h) of
**                       every module with the hashes of the code it runs now,
**                       including functions and data added by patches
**   apply <path>        load the patch; all of its modules or none:
**                       ok generation=<n> changed=<id>,<id>... new=<id>,...
**                       error <what failed, naming the symbol or module>
**   revert              undo the newest patch still applied:
**                       ok generation=<n>     error nothing to revert
**   status              ok generation=<n> modules=<n> functions=<n>, then one
**                       line per applied patch: "patch <generation> <path>"
**
** The generation is the number of patches applied and not reverted.
*/
#ifndef HOTPATCH_CONTROL_H
#define HOTPATCH_CONTROL_H

#define HOTPATCH_CONTROL_VERSION 1
#define HOTPATCH_SOCKET_SUFFIX ".sock"
/* Longest request line, including the newline. */
#define HOTPATCH_CONTROL_MAX_REQUEST 4096
/* How often the runtime checks that its listening socket is still open. */
#define HOTPATCH_CONTROL_REOPEN_MS 1000

#endif /* HOTPATCH_CONTROL_H */
