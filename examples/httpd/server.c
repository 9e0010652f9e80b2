/*
** server.c: the listening socket, the worker threads and their connections.
**
** Every worker has its own epoll set holding the listening socket (with
** EPOLLEXCLUSIVE: a new connection wakes one worker, not all of them), an
** eventfd that becomes readable when the server stops, and the connections
** it accepted.  A connection stays with the worker that accepted it, so its
** state needs no lock.
**
** A connection waits either for input (EPOLLIN) or, while a response is
** not fully sent, for room to write (EPOLLOUT): a client that sends faster
** than it reads is held back instead of filling our memory.
**
** Hot patching: a worker's start routine is the endless loop, and hcc keeps
** every call a start routine makes going through its slot, so a patched
** worker_event() or anything it calls (handlers.c) runs from the next event
** on.  See docs/hcc.md, "When new code takes effect".
*/
#define _GNU_SOURCE /* accept4 */
#include "server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include "handlers.h"
#include "http.h"
#include "stats.h"

#define OUT_SIZE (4 * HTTP_RESPONSE_MAX)
#define MAX_EVENTS 64

struct conn {
  int fd;
  bool writing;               /* waiting for EPOLLOUT, not EPOLLIN */
  bool closing;               /* close once the output is sent */
  size_t in_len;              /* bytes received, not yet answered */
  size_t out_len, out_sent;   /* bytes to send, bytes sent */
  struct conn *prev, *next;   /* the worker's connections */
  char in[HTTP_HEADERS_MAX];
  char out[OUT_SIZE];
};

struct worker {
  struct server *srv;
  int epoll_fd;
  pthread_t thread;
  struct conn *conns;         /* every open connection of this worker */
};

struct server {
  int listen_fd;
  int wake_fd;                /* eventfd: readable once the server stops */
  int port;
  int nworkers;               /* workers whose thread runs */
  atomic_bool stopping;
  struct worker *workers;
};

/* epoll data of the two descriptors that are not connections */
static char listener_tag, wake_tag;

/* ---------------------------------------------------------------- connections */

/* Makes C wait for room to write (WRITING) or for input. */
static void conn_watch(struct worker *w, struct conn *c, bool writing) {
  if (c->writing == writing)
    return;
  struct epoll_event ev = { .events = writing ? EPOLLOUT : EPOLLIN, .data.ptr = c };
  epoll_ctl(w->epoll_fd, EPOLL_CTL_MOD, c->fd, &ev); /* cannot fail: C is in the set */
  c->writing = writing;
}

/* Closes C and counts who ended it (STAT_CONN_BY_CLIENT or _BY_SERVER). */
static void conn_close(struct worker *w, struct conn *c, enum stat_id who) {
  stats_count(who);
  close(c->fd); /* also removes it from the epoll set */
  if (c->prev)
    c->prev->next = c->next;
  else
    w->conns = c->next;
  if (c->next)
    c->next->prev = c->prev;
  free(c);
}

/* Reads what the client sent.  Returns false when C was closed. */
static bool conn_read(struct worker *w, struct conn *c) {
  ssize_t n = recv(c->fd, c->in + c->in_len, sizeof c->in - c->in_len, 0);
  if (n > 0) {
    c->in_len += (size_t)n;
    return true;
  }
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
    return true;
  conn_close(w, c, STAT_CONN_BY_CLIENT); /* end of file, or reset */
  return false;
}

/* Answers the complete requests in C's input while its output has room. */
static void conn_serve(struct conn *c) {
  while (!c->closing && sizeof c->out - c->out_len >= HTTP_RESPONSE_MAX) {
    struct http_request req;
    struct http_response res;
    long used = http_parse(c->in, c->in_len, &req);
    if (used == 0)
      return;
    if (used < 0) {
      handlers_bad_request(&res);
      req.keep_alive = false; /* what follows cannot be trusted */
      c->in_len = 0;
    } else {
      handlers_serve(&req, &res);
      memmove(c->in, c->in + used, c->in_len - (size_t)used);
      c->in_len -= (size_t)used;
    }
    c->closing = !req.keep_alive;
    c->out_len += http_format(c->out + c->out_len, &req, &res);
  }
}

/* Sends C's output.  Returns false when C was closed. */
static bool conn_flush(struct worker *w, struct conn *c) {
  while (c->out_sent < c->out_len) {
    ssize_t n = send(c->fd, c->out + c->out_sent, c->out_len - c->out_sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      conn_watch(w, c, true);
      return true;
    }
    if (n < 0) {
      conn_close(w, c, STAT_CONN_BY_CLIENT); /* the client went away */
      return false;
    }
    c->out_sent += (size_t)n;
  }
  c->out_len = c->out_sent = 0;
  if (c->closing) {
    conn_close(w, c, STAT_CONN_BY_SERVER);
    return false;
  }
  conn_watch(w, c, false);
  return true;
}

/*
** C is ready: reads, answers and sends until nothing more can be done
** without waiting.  Input is read only while no output is pending.
*/
static void conn_event(struct worker *w, struct conn *c) {
  if (!c->writing && !conn_read(w, c))
    return;
  for (;;) {
    size_t before = c->in_len;
    conn_serve(c);
    if (!conn_flush(w, c) || c->writing || c->in_len == before)
      return;
  }
}

/* ---------------------------------------------------------------- workers */

/*
** Accepts one connection: the listening socket is level-triggered, so
** more waiting connections wake a worker again, maybe another one.
*/
static void accept_one(struct worker *w) {
  static atomic_bool warned;
  int fd = accept4(w->srv->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
  if (fd < 0) {
    if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR &&
        errno != ECONNABORTED && !atomic_exchange(&warned, true))
      perror("httpd: accept");
    return;
  }
  struct conn *c = malloc(sizeof *c);
  struct epoll_event ev = { .events = EPOLLIN, .data.ptr = c };
  if (c == NULL || epoll_ctl(w->epoll_fd, EPOLL_CTL_ADD, fd, &ev) != 0) {
    if (!atomic_exchange(&warned, true))
      perror("httpd: new connection");
    free(c);
    close(fd);
    return;
  }
  *c = (struct conn){ .fd = fd, .next = w->conns };
  if (w->conns)
    w->conns->prev = c;
  w->conns = c;
  stats_count(STAT_CONN_ACCEPTED);
}

/* One event of W's epoll set. */
static void worker_event(struct worker *w, const struct epoll_event *ev) {
  if (ev->data.ptr == &listener_tag)
    accept_one(w);
  else if (ev->data.ptr != &wake_tag)
    conn_event(w, ev->data.ptr);
}

/* A worker's thread: the event loop, until the server stops. */
static void *worker_main(void *arg) {
  struct worker *w = arg;
  struct epoll_event events[MAX_EVENTS];
  while (!atomic_load(&w->srv->stopping)) {
    int n = epoll_wait(w->epoll_fd, events, MAX_EVENTS, -1);
    for (int i = 0; i < n; i++)
      worker_event(w, &events[i]);
  }
  return NULL;
}

/* Creates W's epoll set and starts its thread; false after saying why. */
static bool worker_start(struct server *srv, struct worker *w) {
  struct epoll_event listen_ev = { .events = EPOLLIN | EPOLLEXCLUSIVE, .data.ptr = &listener_tag };
  struct epoll_event wake_ev = { .events = EPOLLIN, .data.ptr = &wake_tag };
  w->srv = srv;
  w->epoll_fd = epoll_create1(EPOLL_CLOEXEC);
  if (w->epoll_fd < 0 ||
      epoll_ctl(w->epoll_fd, EPOLL_CTL_ADD, srv->listen_fd, &listen_ev) != 0 ||
      epoll_ctl(w->epoll_fd, EPOLL_CTL_ADD, srv->wake_fd, &wake_ev) != 0) {
    perror("httpd: error: epoll");
  } else {
    int err = pthread_create(&w->thread, NULL, worker_main, w);
    if (err == 0)
      return true;
    fprintf(stderr, "httpd: error: cannot start a worker thread: %s\n", strerror(err));
  }
  if (w->epoll_fd >= 0)
    close(w->epoll_fd);
  return false;
}

/* ---------------------------------------------------------------- the server */

/* Opens the listening socket on 127.0.0.1:PORT; false after saying why. */
static bool open_listener(struct server *srv, int port) {
  struct sockaddr_in addr = {
    .sin_family = AF_INET,
    .sin_port = htons((uint16_t)port),
    .sin_addr.s_addr = htonl(INADDR_LOOPBACK),
  };
  socklen_t len = sizeof addr;
  int one = 1;
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  srv->listen_fd = fd;
  if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
      bind(fd, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(fd, SOMAXCONN) != 0 ||
      getsockname(fd, (struct sockaddr *)&addr, &len) != 0) {
    fprintf(stderr, "httpd: error: cannot listen on 127.0.0.1:%d: %s\n", port, strerror(errno));
    return false;
  }
  srv->port = ntohs(addr.sin_port);
  return true;
}

struct server *server_start(int port, int nworkers) {
  struct server *srv = calloc(1, sizeof *srv);
  if (srv == NULL) {
    perror("httpd: error");
    return NULL;
  }
  srv->wake_fd = -1;
  if (!open_listener(srv, port))
    goto fail;
  srv->wake_fd = eventfd(0, EFD_CLOEXEC);
  srv->workers = calloc((size_t)nworkers, sizeof *srv->workers);
  if (srv->wake_fd < 0 || srv->workers == NULL) {
    perror("httpd: error");
    goto fail;
  }
  for (; srv->nworkers < nworkers; srv->nworkers++)
    if (!worker_start(srv, &srv->workers[srv->nworkers]))
      goto fail;
  return srv;
fail:
  server_stop(srv);
  return NULL;
}

int server_port(const struct server *srv) {
  return srv->port;
}

void server_stop(struct server *srv) {
  atomic_store(&srv->stopping, true);
  if (srv->wake_fd >= 0)
    eventfd_write(srv->wake_fd, 1); /* never read: wakes every worker */
  for (int i = 0; i < srv->nworkers; i++) {
    struct worker *w = &srv->workers[i];
    pthread_join(w->thread, NULL);
    for (struct conn *c = w->conns, *next; c != NULL; c = next) {
      next = c->next;
      conn_close(w, c, STAT_CONN_BY_SERVER);
    }
    close(w->epoll_fd);
  }
  free(srv->workers);
  if (srv->wake_fd >= 0)
    close(srv->wake_fd);
  if (srv->listen_fd >= 0)
    close(srv->listen_fd);
  free(srv);
}
