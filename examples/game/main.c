/*
** main.c: the window, the frame loop and the commands on stdin.
**
**   game [-m] [-d MILLISECONDS]
**
** Opens a GAME_WIDTH x GAME_HEIGHT window and runs one physics step per
** frame, a frame every MILLISECONDS (default 16).  The arrow keys push the
** paddle; Escape, closing the window or a `quit` line on stdin stop it.
** With -m the world moves only when told to, so that tests see exactly the
** frames they ask for.  Commands, one per line on stdin:
**
**   step N       run N physics steps (then draw)
**   pos          print the frame, the catches and every entity's position
**   shot FILE    draw the current frame and write it to FILE as a PPM
**   quit         stop
*/
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "game.h"

struct options {
  int manual;
  int delay_ms;
};

struct display {
  SDL_Window *window;
  SDL_Surface *surface; /* the window's pixels */
};

static void usage(void) {
  fprintf(stderr, "usage: game [-m] [-d MILLISECONDS]\n");
  exit(2);
}

static struct options parse_options(int argc, char **argv) {
  struct options opts = { 0, 16 };
  char *end;
  int c;
  while ((c = getopt(argc, argv, "md:")) != -1) {
    switch (c) {
    case 'm': opts.manual = 1; break;
    case 'd':
      opts.delay_ms = (int)strtol(optarg, &end, 10);
      if (*optarg == '\0' || *end != '\0' || opts.delay_ms < 0) {
        fprintf(stderr, "game: error: '%s' is not a number of milliseconds\n", optarg);
        usage();
      }
      break;
    default: usage();
    }
  }
  if (optind < argc)
    usage();
  return opts;
}

/* Draws the world and shows it. */
static void present(struct display *display) {
  draw_frame(display->surface);
  SDL_UpdateWindowSurface(display->window);
}

static void take_shot(struct display *display, const char *path) {
  present(display); /* with the drawing code of now, not of the last step */
  if (screenshot_write(display->surface, path) != 0)
    fprintf(stderr, "game: error: cannot write '%s': %s\n", path, strerror(errno));
  else
    printf("shot %s\n", path);
  fflush(stdout);
}

/*
** Runs the command LINE.  Returns the number of steps it asks for, or -1
** for quit.
*/
static long run_command(struct display *display, const char *line) {
  long steps;
  char end;
  if (strcmp(line, "quit") == 0)
    return -1;
  if (strcmp(line, "pos") == 0)
    entities_print(stdout);
  else if (sscanf(line, "step %ld %c", &steps, &end) == 1 && steps >= 0)
    return steps;
  else if (strncmp(line, "shot ", 5) == 0 && line[5] != '\0')
    take_shot(display, line + 5);
  else if (line[0] != '\0')
    fprintf(stderr, "game: unknown command '%s' (try: step N, pos, shot FILE, quit)\n", line);
  return 0;
}

/*
** Waits up to DELAY_MS for a line on stdin and runs it.  Returns what
** run_command() returns, or 0 when no line came; at the end of stdin,
** -1 under -m (nothing else could move the world) and 0 otherwise.
*/
static long poll_stdin(struct display *display, const struct options *opts) {
  static int stdin_open = 1;
  static char line[512];

  struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };
  if (!stdin_open) {
    SDL_Delay((Uint32)opts->delay_ms);
    return 0;
  }
  if (poll(&pfd, 1, opts->delay_ms) <= 0)
    return 0;
  if (fgets(line, sizeof line, stdin) == NULL) {
    stdin_open = 0;
    return opts->manual ? -1 : 0;
  }
  line[strcspn(line, "\r\n")] = '\0';
  return run_command(display, line);
}

/* Handles the window's events.  Returns 1 when the player wants to stop. */
static int handle_events(void) {
  SDL_Event event;
  while (SDL_PollEvent(&event)) {
    if (event.type == SDL_QUIT)
      return 1;
    if (event.type == SDL_KEYDOWN && event.key.keysym.sym == SDLK_ESCAPE)
      return 1;
  }
  return 0;
}

/* Where the arrow keys held down push the paddle: -1, 0 or 1. */
static int paddle_direction(void) {
  const Uint8 *keys = SDL_GetKeyboardState(NULL);
  return keys[SDL_SCANCODE_RIGHT] - keys[SDL_SCANCODE_LEFT];
}

static void show_catches(SDL_Window *window) {
  static unsigned long shown = (unsigned long)-1;
  char title[64];
  if (game.catches == shown)
    return;
  shown = game.catches;
  snprintf(title, sizeof title, "hotpatch game: %lu catches", shown);
  SDL_SetWindowTitle(window, title);
}

static void frame_loop(struct display *display, const struct options *opts) {
  for (;;) {
    long steps = poll_stdin(display, opts);
    if (steps < 0 || handle_events())
      return;
    if (!opts->manual)
      steps++;
    for (long i = 0; i < steps; i++)
      physics_step(paddle_direction());
    present(display);
    show_catches(display->window);
  }
}

/*
** Opens the window.  Returns 0, or -1 after saying why.  Without a display
** SDL may still start on its offscreen driver: the game then runs and
** answers commands, shows nothing, and says so.
*/
static int open_display(struct display *display) {
  display->window = NULL;
  if (SDL_Init(SDL_INIT_VIDEO) != 0) {
    fprintf(stderr, "game: error: cannot open a display: %s (run it in a graphical session, "
                    "or under examples/game/on-xvfb.sh)\n", SDL_GetError());
    return -1;
  }
  display->window = SDL_CreateWindow("hotpatch game", SDL_WINDOWPOS_UNDEFINED,
                                     SDL_WINDOWPOS_UNDEFINED, GAME_WIDTH, GAME_HEIGHT, 0);
  display->surface = display->window ? SDL_GetWindowSurface(display->window) : NULL;
  if (display->surface == NULL) {
    fprintf(stderr, "game: error: cannot open a window: %s\n", SDL_GetError());
    return -1;
  }
  const char *driver = SDL_GetCurrentVideoDriver();
  if (strcmp(driver, "offscreen") == 0 || strcmp(driver, "dummy") == 0)
    fprintf(stderr, "game: warning: no display could be opened, so no window is shown (check "
                    "DISPLAY, or run it under examples/game/on-xvfb.sh)\n");
  return 0;
}

static void close_display(struct display *display) {
  if (display->window)
    SDL_DestroyWindow(display->window);
  SDL_Quit();
}

/* Plays until told to stop.  Returns the exit status. */
static int play(struct display *display, const struct options *opts) {
  if (entities_init() != 0) {
    fprintf(stderr, "game: error: out of memory\n");
    return 1;
  }
  printf("game: ready, %d balls in %dx%d (SDL video: %s)\n", game.ball_count, GAME_WIDTH,
         GAME_HEIGHT, SDL_GetCurrentVideoDriver());
  fflush(stdout);
  present(display);
  frame_loop(display, opts);
  entities_free();
  return 0;
}

int main(int argc, char **argv) {
  struct options opts = parse_options(argc, argv);
  struct display display;

  /* Unbuffered, so each fgets() takes one line and leaves the next in the
     pipe, where poll() can still see it. */
  setvbuf(stdin, NULL, _IONBF, 0);
  int rc = open_display(&display) == 0 ? play(&display, &opts) : 1;
  close_display(&display);
  return rc;
}
