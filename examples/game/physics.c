/*
** physics.c: one frame of motion.
**
** Balls fall with GRAVITY and bounce without loss off the walls, the top
** and the ground; a bounce on the ground within the paddle is a catch.
** The paddle slides along the ground where the player pushes it.
*/
#include "game.h"

#define GRAVITY      4  /* subpixels per frame, added to a ball's vy every frame */
#define PADDLE_SPEED 64 /* subpixels per frame */

/*
** Brings *POS back between LOW and HIGH by mirroring it at the bound it
** passed, and turns *SPEED around.  Returns -1 or 1 for the bound it
** bounced off, 0 when it stayed inside.
*/
static int bounce(long *pos, long *speed, long low, long high) {
  if (*pos < low) {
    *pos = 2 * low - *pos;
    *speed = -*speed;
    return -1;
  }
  if (*pos > high) {
    *pos = 2 * high - *pos;
    *speed = -*speed;
    return 1;
  }
  return 0;
}

static int over_paddle(const struct entity *ball) {
  long reach = (long)(PADDLE_WIDTH / 2 + BALL_RADIUS) * GAME_SUBPIXELS;
  return ball->x >= paddle.x - reach && ball->x <= paddle.x + reach;
}

static void move_ball(struct entity *ball) {
  const long low = (long)BALL_RADIUS * GAME_SUBPIXELS;
  ball->vy += GRAVITY;
  ball->x += ball->vx;
  ball->y += ball->vy;
  bounce(&ball->x, &ball->vx, low, (long)(GAME_WIDTH - BALL_RADIUS) * GAME_SUBPIXELS);
  if (bounce(&ball->y, &ball->vy, low, (long)(GAME_FLOOR_Y - BALL_RADIUS) * GAME_SUBPIXELS) > 0 &&
      over_paddle(ball))
    game.catches++;
}

static void move_paddle(int direction) {
  const long left = (long)PADDLE_WIDTH / 2 * GAME_SUBPIXELS;
  const long right = (long)GAME_WIDTH * GAME_SUBPIXELS - left;
  paddle.x += (long)direction * PADDLE_SPEED;
  if (paddle.x < left)
    paddle.x = left;
  if (paddle.x > right)
    paddle.x = right;
}

void physics_step(int paddle_direction) {
  move_paddle(paddle_direction);
  for (int i = 0; i < game.ball_count; i++)
    move_ball(&game.balls[i]);
  game.frame++;
}
