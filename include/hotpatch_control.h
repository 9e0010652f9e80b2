/*
** hotpatch_control.h: the control protocol between hcc and a running process.
**
** Every process built with hcc (unless HOTPATCH=off) listens on a UNIX
** stream socket <dir>/<pid>.sock, where <dir> is $XDG_RUNTIME_DIR/hotpatch
** when XDG_RUNTIME_DIR names a directory, else /tmp/hotpatch-<uid>.  The
** directory is created with mode 0700 and must be owned by the user; the
** runtime refuses peers of another uid (SO_PEERCRED).  A fork()ed child
** listens on its own socket.
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

#endif /* HOTPATCH_CONTROL_H */
