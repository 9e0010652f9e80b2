/*
** game.h: balls bouncing in an SDL2 window, and a paddle to catch them.
**
** The game example for hotpatch: a frame loop (main.c), the entities, some
** in globals and some on the heap (entities.c), the physics (physics.c) and
** the drawing (draw.c) in files of their own, so that either can be edited
** while the game runs.
**
** Time is counted in frames, never read from a clock: one call of
** physics_step() is one frame whatever the frame rate, so the same commands
** always give the same positions and the same pictures.  Positions are
** integers in subpixels (GAME_SUBPIXELS to a pixel), speeds in subpixels
** per frame.
*/
#ifndef GAME_H
#define GAME_H

#include <stdio.h>

#include <SDL.h>

#define GAME_WIDTH     480
#define GAME_HEIGHT    320
#define GAME_FLOOR_Y   296 /* the ground: from this row down */
#define GAME_SUBPIXELS 16
#define GAME_BALLS     3
#define BALL_RADIUS    12  /* pixels */
#define PADDLE_WIDTH   64  /* pixels: the part of the ground that catches */
#define PADDLE_HEIGHT  6   /* pixels */

/* A moving thing: position and speed in subpixels. */
struct entity {
  long x, y;
  long vx, vy;
};

/* What the game holds: the paddle in place, the balls on the heap. */
struct game_state {
  unsigned long frame;   /* physics steps done */
  unsigned long catches; /* bounces on the paddle */
  int ball_count;
  struct entity *balls;  /* ball_count of them, from malloc */
};

/* The entities (entities.c). */
extern struct game_state game;
extern struct entity paddle;

/*
** Puts the paddle in the middle of the ground and the balls where they
** start.  Returns 0, or -1 when the balls cannot be allocated.
*/
int entities_init(void);

/* Frees the balls. */
void entities_free(void);

/* Prints the frame number, the catches and every entity to OUT. */
void entities_print(FILE *out);

/*
** Advances the world by one frame; PADDLE_DIRECTION (-1, 0, 1) is where
** the player pushes the paddle (physics.c).
*/
void physics_step(int paddle_direction);

/* Draws the world on SURFACE, which is GAME_WIDTH x GAME_HEIGHT (draw.c). */
void draw_frame(SDL_Surface *surface);

/*
** Writes SURFACE to PATH as a binary PPM (P6).  Returns 0, or -1 with
** errno set (screenshot.c).
*/
int screenshot_write(SDL_Surface *surface, const char *path);

#endif /* GAME_H */
