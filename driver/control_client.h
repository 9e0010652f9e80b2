/*
** control_client.h: talking to a running process over its control socket
** (protocol in include/hotpatch_control.h): where the sockets are, and one
** request per connection.
*/
#ifndef HCC_CONTROL_CLIENT_H
#define HCC_CONTROL_CLIENT_H

#include <sys/types.h>

/* The socket directory the runtime of a process with this environment
** uses, by the rule of hotpatch_control.h: "<xdg>/hotpatch" when `xdg`
** (the value of XDG_RUNTIME_DIR, NULL when unset or not to be used) is an
** absolute path naming a directory, else "/tmp/hotpatch-<euid>".  NULL
** when the path is too long.  Caller frees. */
char *cc_socket_dir_for(const char *xdg, uid_t euid);

/* Every directory a process of hcc's effective user may have its socket
** in: the one the rule gives for hcc itself first, then
** /tmp/hotpatch-<euid> (a program started with another environment, or
** set-user-ID, uses that one).  Fills dirs[0..n), returns n (1 or 2).
** Caller frees each. */
int cc_socket_dirs(char *dirs[2]);

/* How a request ended. */
enum cc_status {
  CC_OK = 0,      /* the answer starts with "ok"                         */
  CC_REFUSED = 1, /* the answer starts with "error": *answer holds it    */
  CC_NO_PEER = 2, /* nobody listens (connect failed): errno-like in err  */
  CC_BROKEN = 3   /* the connection broke or the answer is malformed     */
};

/* Send `request` (one line, without '\n') to the socket at `path` and read
** the whole answer into *answer (NUL-terminated, caller frees; NULL unless
** an answer was read).  `timeout_ms` bounds each wait (0: none).  *err is
** set to the errno of a failure, else 0. */
enum cc_status cc_request(const char *path, const char *request, int timeout_ms,
                          char **answer, int *err);

/* Value of "key=<value>" in the first line of an answer (up to the next
** space or newline) as a number; -1 when absent. */
long long cc_answer_number(const char *answer, const char *key);

/* Copy of the "key=<value>" value (up to space/newline) or NULL. */
char *cc_answer_field(const char *answer, const char *key);

#endif /* HCC_CONTROL_CLIENT_H */
