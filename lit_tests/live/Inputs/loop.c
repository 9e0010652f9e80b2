/* The command loop every live scenario shares: it prints "ready pid=N",
   hands each line of stdin to scenario_command() and flushes, and ends with
   "bye pid=N" at "quit" or end of input.  The pid proves that the process
   was never restarted. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

void scenario_command(const char *command);

int main(void) {
  char line[256];
  printf("ready pid=%d\n", (int)getpid());
  fflush(stdout);
  while (fgets(line, sizeof line, stdin)) {
    line[strcspn(line, "\n")] = '\0';
    if (strcmp(line, "quit") == 0)
      break;
    scenario_command(line);
    fflush(stdout);
  }
  printf("bye pid=%d\n", (int)getpid());
  return 0;
}
