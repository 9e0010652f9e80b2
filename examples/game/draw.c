/*
** draw.c: one picture of the world, drawn on an SDL surface.
**
** Try editing ball_colour() or ball_covers() while the game runs.
*/
#include "game.h"

struct rgb {
  Uint8 r, g, b;
};

static Uint32 pixel(const SDL_Surface *surface, struct rgb colour) {
  return SDL_MapRGB(surface->format, colour.r, colour.g, colour.b);
}

static void fill(SDL_Surface *surface, int x, int y, int w, int h, struct rgb colour) {
  SDL_Rect rect = { x, y, w, h };
  SDL_FillRect(surface, &rect, pixel(surface, colour)); /* clips to the surface */
}

/* The colour of every ball. */
static struct rgb ball_colour(void) {
  return (struct rgb){ 250, 170, 30 };
}

/* Whether the pixel DX, DY away from a ball's centre belongs to the ball. */
static int ball_covers(int dx, int dy) {
  return dx * dx + dy * dy <= BALL_RADIUS * BALL_RADIUS;
}

/* Draws a ball row by row: the shape is symmetric and has no holes. */
static void draw_ball(SDL_Surface *surface, const struct entity *ball) {
  int cx = (int)(ball->x / GAME_SUBPIXELS), cy = (int)(ball->y / GAME_SUBPIXELS);
  for (int dy = -BALL_RADIUS; dy <= BALL_RADIUS; dy++) {
    int half = BALL_RADIUS;
    while (half >= 0 && !ball_covers(half, dy))
      half--;
    if (half >= 0)
      fill(surface, cx - half, cy + dy, 2 * half + 1, 1, ball_colour());
  }
}

void draw_frame(SDL_Surface *surface) {
  static const struct rgb sky = { 20, 24, 48 }, ground = { 40, 110, 50 },
                          paddle_colour = { 230, 230, 230 };
  int paddle_left = (int)(paddle.x / GAME_SUBPIXELS) - PADDLE_WIDTH / 2;

  fill(surface, 0, 0, GAME_WIDTH, GAME_FLOOR_Y, sky);
  fill(surface, 0, GAME_FLOOR_Y, GAME_WIDTH, GAME_HEIGHT - GAME_FLOOR_Y, ground);
  fill(surface, paddle_left, GAME_FLOOR_Y, PADDLE_WIDTH, PADDLE_HEIGHT, paddle_colour);
  for (int i = 0; i < game.ball_count; i++)
    draw_ball(surface, &game.balls[i]);
}
