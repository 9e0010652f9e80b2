/*
** http.c: reading HTTP/1.x requests and writing responses.
**
** A request is complete once its headers end with an empty line.  The
** parser looks only at the request line and at the two headers that
** decide how the connection goes on: Connection (keep-alive or close) and
** the ones announcing a body (refused: nothing here reads one).
*/
#define _GNU_SOURCE /* memmem, strncasecmp */
#include "http.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* The value in header line LINE (up to EOL) if it is header NAME, else NULL. */
static const char *header_value(const char *line, const char *eol, const char *name) {
  size_t n = strlen(name);
  if ((size_t)(eol - line) <= n || line[n] != ':' || strncasecmp(line, name, n) != 0)
    return NULL;
  return line + n + 1;
}

/* True when VALUE (up to EOL) contains WORD, in any case. */
static bool value_has(const char *value, const char *eol, const char *word) {
  size_t n = strlen(word);
  for (const char *p = value; p + n <= eol; p++)
    if (strncasecmp(p, word, n) == 0)
      return true;
  return false;
}

/* True when header line LINE (up to EOL) announces a request body. */
static bool announces_body(const char *line, const char *eol) {
  const char *length = header_value(line, eol, "Content-Length");
  if (length != NULL) /* other than 0; the \r at EOL ends the scan */
    return length + strspn(length, " \t0") < eol;
  return header_value(line, eol, "Transfer-Encoding") != NULL;
}

/* Reads `METHOD PATH HTTP/1.x`; false when it is not that. */
static bool parse_request_line(const char *line, size_t len,
                               struct http_request *req) {
  const char *sp1 = memchr(line, ' ', len);
  if (sp1 == NULL || sp1 == line || (size_t)(sp1 - line) >= sizeof req->method)
    return false;
  const char *path = sp1 + 1;
  const char *sp2 = memchr(path, ' ', len - (size_t)(path - line));
  if (sp2 == NULL || sp2 == path || (size_t)(sp2 - path) >= sizeof req->path)
    return false;
  const char *version = sp2 + 1;
  size_t vlen = len - (size_t)(version - line);
  if (vlen != 8 || memcmp(version, "HTTP/1.", 7) != 0)
    return false;
  if (version[7] != '0' && version[7] != '1')
    return false;
  memcpy(req->method, line, (size_t)(sp1 - line));
  req->method[sp1 - line] = '\0';
  memcpy(req->path, path, (size_t)(sp2 - path));
  req->path[sp2 - path] = '\0';
  req->keep_alive = version[7] == '1'; /* the default of each version */
  return true;
}

long http_parse(const char *buf, size_t len, struct http_request *req) {
  *req = (struct http_request){ 0 }; /* a refused request has no method */
  const char *end = memmem(buf, len, "\r\n\r\n", 4);
  if (end == NULL)
    return len >= HTTP_HEADERS_MAX ? -1 : 0;
  const char *line = buf;
  const char *eol = memmem(line, (size_t)(end - line) + 2, "\r\n", 2);
  if (!parse_request_line(line, (size_t)(eol - line), req))
    return -1;
  while (eol < end) {
    line = eol + 2;
    eol = memmem(line, (size_t)(end - line) + 2, "\r\n", 2);
    const char *value = header_value(line, eol, "Connection");
    if (value != NULL && value_has(value, eol, "close"))
      req->keep_alive = false;
    else if (value != NULL && value_has(value, eol, "keep-alive"))
      req->keep_alive = true;
    else if (announces_body(line, eol))
      return -1;
  }
  return (long)(end + 4 - buf);
}

static const char *status_text(int status) {
  switch (status) {
  case 200: return "OK";
  case 400: return "Bad Request";
  case 404: return "Not Found";
  case 405: return "Method Not Allowed";
  default: return "Internal Server Error";
  }
}

size_t http_format(char *out, const struct http_request *req,
                   const struct http_response *res) {
  int n = snprintf(out, HTTP_RESPONSE_MAX,
                   "HTTP/1.1 %d %s\r\n"
                   "Content-Type: %s\r\n"
                   "Content-Length: %zu\r\n"
                   "Connection: %s\r\n"
                   "\r\n",
                   res->status, status_text(res->status), res->type, res->len,
                   req->keep_alive ? "keep-alive" : "close");
  size_t len = (size_t)n;
  if (strcmp(req->method, "HEAD") != 0) {
    memcpy(out + len, res->body, res->len);
    len += res->len;
  }
  return len;
}
