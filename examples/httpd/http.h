/*
** http.h: reading HTTP/1.x requests and writing responses.
**
** Only what a small server needs: GET and HEAD without a body, keep-alive
** as HTTP/1.0 and HTTP/1.1 define it, Content-Length on every response.
*/
#ifndef HTTPD_HTTP_H
#define HTTPD_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#define HTTP_PATH_MAX 256
#define HTTP_BODY_MAX 1024
#define HTTP_HEADERS_MAX 8192   /* a request whose headers are longer is refused */

struct http_request {
  char method[8];
  char path[HTTP_PATH_MAX];
  bool keep_alive;        /* the client wants the connection kept open */
};

struct http_response {
  int status;
  const char *type;       /* Content-Type */
  size_t len;             /* bytes of body */
  char body[HTTP_BODY_MAX];
};

/* Room a formatted response can need: headers plus the largest body. */
#define HTTP_RESPONSE_MAX (HTTP_BODY_MAX + 256)

/*
** Parses the request at the start of BUF (LEN bytes).  Returns its length
** (request line and headers) with *REQ filled in, 0 when it is not complete
** yet, or -1 when it is malformed, too long, or has a body (which this
** server does not read); the caller answers 400 and closes.
*/
long http_parse(const char *buf, size_t len, struct http_request *req);

/*
** Writes RES as the answer to REQ into OUT, which has at least
** HTTP_RESPONSE_MAX bytes, and returns the length.  A HEAD request gets the
** headers only.
*/
size_t http_format(char *out, const struct http_request *req,
                   const struct http_response *res);

#endif
