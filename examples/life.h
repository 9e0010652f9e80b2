/*
** life.h: Conway's Game of Life on a small torus, printed frame by frame.
**
** The example program for hotpatch: a few translation units sharing one
** global state struct, a frame loop that runs until a frame count is reached
** or stdin says `quit`, and rules that are fun to change while it runs.
*/
#ifndef LIFE_H
#define LIFE_H

#include <stdio.h>

#define LIFE_WIDTH  40
#define LIFE_HEIGHT 20

/* The whole simulation: the board and how far it has come. */
struct life_world {
  unsigned char cells[LIFE_HEIGHT][LIFE_WIDTH]; /* 1 alive, 0 dead */
  unsigned long generation;
  unsigned long seed;                           /* of the random soup */
};

/* The one world the program simulates (world.c). */
extern struct life_world life_world;

/*
** Clears the world and seeds it: a glider, a blinker and a random soup drawn
** from a private generator, so the same seed always gives the same world.
*/
void world_init(unsigned long seed);

/* Advances the world by one generation using rule_next_state(). */
void world_step(void);

/* Returns the number of live cells. */
int world_population(void);

/*
** Returns whether a cell is alive in the next generation, given whether it is
** alive now and how many of its eight neighbours are (rules.c).
*/
int rule_next_state(int alive, int neighbours);

/* Returns the rule's name as printed in the status line. */
const char *rule_name(void);

/*
** Writes one frame to OUT: a status line and, unless QUIET, the board.
** Returns the number of frames drawn so far, this one included.
*/
unsigned long render_frame(FILE *out, int quiet);

/*
** Full-screen drawing on a terminal (screen.c).  screen_enter() switches to
** the alternate screen and makes SIGINT, SIGTERM and SIGHUP stop the loop
** (screen_stop_signal() returns the signal that came, or 0);
** screen_home() moves the cursor to the top before a frame;
** screen_footer() shows the lines of FOOTER_PATH and the last lines of
** LOG_PATH (either may be NULL) under it; screen_leave() gives the terminal
** back and, if a signal stopped the loop, ends the program by that signal.
** Without screen_enter() the others do nothing.
*/
void screen_enter(void);
int screen_stop_signal(void);
void screen_home(void);
void screen_footer(const char *footer_path, const char *log_path);
void screen_leave(void);

#endif /* LIFE_H */
