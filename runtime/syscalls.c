/*
** syscalls.c: system calls the tests can make fail (syscalls.h).
*/
#include "syscalls.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/mman.h>

static unsigned long calls;

/* Whether call number `call` is listed in HOTPATCH_TEST_FAIL_MPROTECT. */
static bool listed(unsigned long call) {
  const char *list = getenv("HOTPATCH_TEST_FAIL_MPROTECT");
  while (list && *list) {
    char *end;
    unsigned long n = strtoul(list, &end, 10);
    if (end == list)
      return false;
    if (n == call)
      return true;
    list = *end == ',' ? end + 1 : end;
  }
  return false;
}

int hpo_mprotect(void *address, size_t length, int protection) {
  if (listed(++calls)) {
    errno = ENOMEM;
    return -1;
  }
  return mprotect(address, length, protection);
}
