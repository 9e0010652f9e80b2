/*
** server.h: the listening socket and the worker threads that serve it.
*/
#ifndef HTTPD_SERVER_H
#define HTTPD_SERVER_H

struct server;

/*
** Listens on 127.0.0.1:PORT (0: a port the kernel chooses) and starts
** WORKERS threads serving it.  Returns the running server, or NULL after
** printing why to stderr (nothing is left open then).
*/
struct server *server_start(int port, int workers);

/* The port the server listens on. */
int server_port(const struct server *srv);

/*
** Stops the workers (each finishes the event it is handling), closes every
** connection and the listening socket, and frees SRV.
*/
void server_stop(struct server *srv);

#endif
