/*
** main.c: the frame loop and its command line.
**
**   life [-q] [-t [-f FOOTER] [-l LOG]] [-d MILLISECONDS] [-s SEED] [FRAMES]
**
** Draws FRAMES frames (0, the default, means until told to stop), one every
** MILLISECONDS (default 0), and stops early when a line `quit` arrives on
** stdin.  stdin is only polled, so the program also runs with no input.
** -t draws every frame in place on the terminal, with the lines of FOOTER
** and the last lines of LOG under it (screen.c).
*/
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "life.h"

struct options {
  int quiet;
  int in_place;
  const char *footer, *log;
  int delay_ms;
  unsigned long seed;
  unsigned long frames;
};

static void usage(void) {
  fprintf(stderr, "usage: life [-q] [-t [-f FOOTER] [-l LOG]] [-d MILLISECONDS] [-s SEED] "
                  "[FRAMES]\n");
  exit(2);
}

static unsigned long parse_number(const char *text) {
  char *end;
  errno = 0;
  unsigned long value = strtoul(text, &end, 10);
  if (errno != 0 || end == text || *end != '\0' || text[0] == '-') {
    fprintf(stderr, "life: error: '%s' is not a number\n", text);
    usage();
  }
  return value;
}

static struct options parse_options(int argc, char **argv) {
  struct options opts = { 0, 0, NULL, NULL, 0, 1, 0 };
  int c;
  while ((c = getopt(argc, argv, "qtf:l:d:s:")) != -1) {
    switch (c) {
    case 'q': opts.quiet = 1; break;
    case 't': opts.in_place = 1; break;
    case 'f': opts.footer = optarg; break;
    case 'l': opts.log = optarg; break;
    case 'd': opts.delay_ms = (int)parse_number(optarg); break;
    case 's': opts.seed = parse_number(optarg); break;
    default: usage();
    }
  }
  if (optind < argc)
    opts.frames = parse_number(argv[optind++]);
  if (optind < argc)
    usage();
  return opts;
}

/*
** Waits up to DELAY_MS for a command on stdin and handles it.  Returns 1 when
** the program should stop.  Once stdin is at end of file it is not polled
** again, so `life 10 </dev/null` still draws ten frames.
*/
static int wait_for_command(int delay_ms) {
  static int stdin_open = 1;
  static char line[256];

  struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };
  int ready = stdin_open ? poll(&pfd, 1, delay_ms) : 0;
  if (!stdin_open && delay_ms > 0)
    poll(NULL, 0, delay_ms);
  if (ready <= 0)
    return 0;
  if (fgets(line, sizeof line, stdin) == NULL) {
    stdin_open = 0;
    return 0;
  }
  line[strcspn(line, "\r\n")] = '\0';
  if (strcmp(line, "quit") == 0)
    return 1;
  if (line[0] != '\0')
    fprintf(stderr, "life: unknown command '%s' (try: quit)\n", line);
  return 0;
}

static void draw(const struct options *opts) {
  screen_home();
  render_frame(stdout, opts->quiet);
  screen_footer(opts->footer, opts->log);
}

int main(int argc, char **argv) {
  struct options opts = parse_options(argc, argv);

  /* Unbuffered, so each fgets() takes one line and leaves the next in the
     pipe, where poll() can still see it. */
  setvbuf(stdin, NULL, _IONBF, 0);
  world_init(opts.seed);
  if (opts.in_place)
    screen_enter();
  draw(&opts);
  for (unsigned long frame = 1; opts.frames == 0 || frame < opts.frames; frame++) {
    if (wait_for_command(opts.delay_ms) || screen_stop_signal())
      break;
    world_step();
    draw(&opts);
  }
  screen_leave();
  return 0;
}
