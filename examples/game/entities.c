/*
** entities.c: the paddle, a global, and the balls, on the heap.
*/
#include <stdlib.h>

#include "game.h"

struct game_state game;
struct entity paddle;

/* Where the balls start, in pixels and subpixels per frame. */
static const struct {
  int x, y, vx, vy;
} ball_starts[GAME_BALLS] = {
  { 80, 60, 24, 0 },
  { 240, 120, -20, -16 },
  { 380, 180, 12, -40 },
};

int entities_init(void) {
  game.frame = 0;
  game.catches = 0;
  game.balls = calloc(GAME_BALLS, sizeof *game.balls);
  if (game.balls == NULL)
    return -1;
  game.ball_count = GAME_BALLS;
  for (int i = 0; i < GAME_BALLS; i++) {
    struct entity *ball = &game.balls[i];
    ball->x = (long)ball_starts[i].x * GAME_SUBPIXELS;
    ball->y = (long)ball_starts[i].y * GAME_SUBPIXELS;
    ball->vx = ball_starts[i].vx;
    ball->vy = ball_starts[i].vy;
  }
  paddle.x = (long)GAME_WIDTH / 2 * GAME_SUBPIXELS;
  paddle.y = (long)GAME_FLOOR_Y * GAME_SUBPIXELS;
  paddle.vx = paddle.vy = 0;
  return 0;
}

void entities_free(void) {
  free(game.balls);
  game.balls = NULL;
  game.ball_count = 0;
}

void entities_print(FILE *out) {
  fprintf(out, "pos frame=%lu catches=%lu paddle=%ld", game.frame, game.catches, paddle.x);
  for (int i = 0; i < game.ball_count; i++) {
    const struct entity *ball = &game.balls[i];
    fprintf(out, " ball%d=%ld,%ld,%ld,%ld", i, ball->x, ball->y, ball->vx, ball->vy);
  }
  fputc('\n', out);
  fflush(out);
}
