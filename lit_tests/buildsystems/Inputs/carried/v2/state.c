/* The scenario's unit: "bump" counts by 10 * STEP, "show" prints the
   count. */
#include <stdio.h>
#include <string.h>

#include "state.h"

static int count;

void scenario_command(const char *command) {
  if (strcmp(command, "bump") == 0)
    count += 10 * STEP;
  else if (strcmp(command, "show") == 0)
    printf("%s count=%d (v2)\n", LABEL, count);
}
