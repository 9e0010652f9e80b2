// garden: prints one line per tick until `quit` on stdin.
//
//   garden [-d MS] [-n TICKS]    MS between ticks (default 500); stop after
//                                TICKS ticks (default: never)
#include "garden.h"
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <poll.h>
#include <unistd.h>

// Waits `ms` or for a line on stdin; false once a line says quit.  At the
// end of stdin it only waits.
static bool keep_going(int ms) {
  static bool reading = true;
  struct pollfd in = {reading ? STDIN_FILENO : -1, POLLIN, 0};
  if (poll(&in, 1, ms) <= 0)
    return true;
  char line[64];
  if (!std::fgets(line, sizeof line, stdin)) {
    reading = false;
    return true;
  }
  return std::strncmp(line, "quit", 4) != 0;
}

int main(int argc, char **argv) {
  int delay = 500, ticks = -1;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "-d"))
      delay = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "-n"))
      ticks = std::atoi(argv[i + 1]);
    else {
      std::fprintf(stderr, "garden: unknown option '%s' (want -d MS, -n TICKS)\n",
                   argv[i]);
      return 2;
    }
  }
  plant_garden(12);
  for (int number = 1; number != ticks + 1 && keep_going(delay); ++number) {
    std::printf("%s\n", tick(number).c_str());
    std::fflush(stdout);
  }
  return 0;
}
