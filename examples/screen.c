/*
** screen.c: drawing every frame in place on a terminal, with a footer.
**
** With -t the program takes over the terminal's alternate screen (as less
** and top do), draws each frame from the top-left corner, and shows under
** it the lines of a footer file and the last lines of a log, both read
** again every frame, so that whoever runs it (scripts/demo.sh) can say
** what to edit and show hcc run's last status line.  The terminal is given
** back on every way out: the end of the loop, and SIGINT, SIGTERM and
** SIGHUP, which stop the loop instead of killing the program halfway
** through a frame.
*/
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "life.h"

#define ENTER   "\033[?1049h\033[?25l" /* alternate screen, hide cursor */
#define LEAVE   "\033[?25h\033[?1049l" /* show cursor, normal screen    */
#define HOME    "\033[H"               /* cursor to the top-left corner */
#define CLEAR_BELOW "\033[J"
#define CLEAR_LINE  "\033[K"

enum { LOG_LINES = 4, LINE_MAX_BYTES = 512 };

static volatile sig_atomic_t stop_signal; /* the signal that asked to stop */
static int entered;

static void on_stop(int sig) { stop_signal = sig; }

/* See life.h. */
void screen_enter(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_stop; /* no SA_RESTART: poll() returns EINTR at once */
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGHUP, &sa, NULL);
  fputs(ENTER, stdout);
  entered = 1;
}

/* See life.h. */
int screen_stop_signal(void) { return stop_signal; }

/* See life.h. */
void screen_home(void) {
  if (entered) fputs(HOME, stdout);
}

static void put_line(const char *line) {
  printf("%.*s" CLEAR_LINE "\n", (int)strcspn(line, "\n"), line);
}

static void show_file(const char *path) {
  FILE *f = path ? fopen(path, "r") : NULL;
  char line[LINE_MAX_BYTES];
  if (!f) return;
  while (fgets(line, sizeof line, f)) put_line(line);
  fclose(f);
}

/* The last LOG_LINES lines of the log, kept in a small ring. */
static void show_log_tail(const char *path) {
  FILE *f = path ? fopen(path, "r") : NULL;
  static char ring[LOG_LINES][LINE_MAX_BYTES];
  int count = 0;
  if (!f) return;
  while (fgets(ring[count % LOG_LINES], LINE_MAX_BYTES, f)) count++;
  fclose(f);
  int first = count > LOG_LINES ? count - LOG_LINES : 0;
  for (int i = first; i < count; i++) put_line(ring[i % LOG_LINES]);
}

/* See life.h. */
void screen_footer(const char *footer_path, const char *log_path) {
  if (!entered) return;
  putchar('\n');
  show_file(footer_path);
  show_log_tail(log_path);
  fputs(CLEAR_BELOW, stdout);
  fflush(stdout);
}

/* See life.h. */
void screen_leave(void) {
  if (!entered) return;
  fputs(LEAVE, stdout);
  fflush(stdout);
  entered = 0;
  if (stop_signal) { /* end as the signal would have ended us */
    signal(stop_signal, SIG_DFL);
    raise(stop_signal);
  }
}
