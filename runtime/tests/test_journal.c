/*
** test_journal.c: the journal of applied patches (journal.c): the
** `history` answer's lines, revert marks by serial number, and the bound
** (the oldest entries make room, the total still counts them).
*/
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "journal.h"
#include "loader.h"

static char *history(void) {
  FILE *out = check_stream();
  hpj_write(out);
  return check_stream_text(out);
}

/* The answer's lines without the times, which the test cannot know. */
static char *without_times(char *text) {
  for (char *p = text; (p = strstr(p, "applied=")) != NULL; p++)
    memset(p + strlen("applied="), '#', strcspn(p + strlen("applied="), " "));
  for (char *p = text; (p = strstr(p, "reverted_at=")) != NULL; p++)
    memset(p + strlen("reverted_at="), '#',
           strcspn(p + strlen("reverted_at="), " \n"));
  return text;
}

static unsigned long add(const char *path, const char *about,
                         unsigned long generation) {
  const char *changed[] = {"f", "m.c:m.o:g"};
  const char *added[] = {"h"};
  struct hpj_entry *entry = hpj_new(path, about, 2, 1);
  CHECK(entry != NULL);
  return hpj_add(entry, generation, changed, 2, added, 1, 1500);
}

int main(void) {
  hpa_lock();
  char *text = history();
  CHECK_EQ_STR(text, "ok patches=0 kept=0\n");
  free(text);

  CHECK_EQ_INT(add("/p/1.so", "by=patch files=a%20b.c", 1), 1);
  CHECK_EQ_INT(add("/p/2 with space.so", NULL, 2), 2);
  hpj_reverted(2, HPJ_REVERTED);
  CHECK_EQ_INT(add("/p/3.so", NULL, 2), 3);
  hpj_reverted(3, HPJ_REVERTED_FAULT);
  hpj_reverted(99, HPJ_REVERTED); /* unknown: nothing */
  text = without_times(history());
  CHECK_EQ_STR(
      text,
      "ok patches=3 kept=3\n"
      "patch 1 generation=1 applied=################# apply_us=1500 reverted=no\n"
      " path /p/1.so\n"
      " about by=patch files=a%20b.c\n"
      " changed f\n"
      " changed m.c:m.o:g\n"
      " new h\n"
      "patch 2 generation=2 applied=################# apply_us=1500 "
      "reverted=request reverted_at=#################\n"
      " path /p/2 with space.so\n"
      " changed f\n"
      " changed m.c:m.o:g\n"
      " new h\n"
      "patch 3 generation=2 applied=################# apply_us=1500 "
      "reverted=fault reverted_at=#################\n"
      " path /p/3.so\n"
      " changed f\n"
      " changed m.c:m.o:g\n"
      " new h\n");
  free(text);

  /* Past the bound the oldest go; serials go on. */
  for (int i = 0; i < HPJ_KEEP; i++)
    add("/p/more.so", NULL, 3);
  text = history();
  char header[64];
  snprintf(header, sizeof header, "ok patches=%d kept=%d\npatch %d ",
           HPJ_KEEP + 3, HPJ_KEEP, 4);
  CHECK(strncmp(text, header, strlen(header)) == 0);
  free(text);
  hpj_reset();
  hpa_unlock();
  return check_finish("test_journal");
}
