/*
** handlers.h: what the server answers.
*/
#ifndef HTTPD_HANDLERS_H
#define HTTPD_HANDLERS_H

#include "http.h"

/* Answers REQ into RES and counts it.  Any worker thread. */
void handlers_serve(const struct http_request *req, struct http_response *res);

/* Fills RES with the answer to a request http_parse() refused. */
void handlers_bad_request(struct http_response *res);

#endif
