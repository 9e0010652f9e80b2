/* The scenario's C unit: "bump" counts, "show" prints the count and the
   C++ unit's label.  v2/state.c bumps by 10. */
#include <stdio.h>
#include <string.h>

const char *label(void);

static int count;

void scenario_command(const char *command) {
  if (strcmp(command, "bump") == 0)
    count += 1;
  else if (strcmp(command, "show") == 0)
    printf("v1 count=%d label=%s\n", count, label());
}
