/*
** cache.h: a small cache of rendered response bodies, keyed by a number,
** shared by every worker thread.
*/
#ifndef HTTPD_CACHE_H
#define HTTPD_CACHE_H

#include <stdbool.h>
#include <stddef.h>

/* The longest value the cache keeps, NUL included. */
#define CACHE_VALUE_MAX 64

/*
** Copies the value cached for KEY into OUT (CAP bytes) and returns true, or
** returns false when KEY is not cached.  Counts a hit or a miss.
*/
bool cache_get(unsigned key, char *out, size_t cap);

/* Caches VALUE (truncated to CACHE_VALUE_MAX - 1 bytes) for KEY. */
void cache_put(unsigned key, const char *value);

/* How many keys are cached. */
unsigned cache_entries(void);

#endif
