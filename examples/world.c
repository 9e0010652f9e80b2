/*
** world.c: the board and one generation step.
*/
#include <string.h>

#include "life.h"

struct life_world life_world;

/* A small LCG: the libc rand() sequence differs between C libraries. */
static unsigned long next_random(unsigned long *state) {
  *state = *state * 6364136223846793005UL + 1442695040888963407UL;
  return *state >> 33;
}

static void place(int row, int col, const char *pattern[], int rows) {
  for (int r = 0; r < rows; r++)
    for (int c = 0; pattern[r][c] != '\0'; c++)
      life_world.cells[(row + r) % LIFE_HEIGHT][(col + c) % LIFE_WIDTH] = pattern[r][c] == '#';
}

void world_init(unsigned long seed) {
  static const char *glider[] = { ".#.", "..#", "###" };
  static const char *blinker[] = { "###" };
  unsigned long state = seed;

  memset(&life_world, 0, sizeof life_world);
  life_world.seed = seed;
  place(1, 1, glider, 3);
  place(3, 30, blinker, 1);
  for (int r = 10; r < 18; r++)                 /* the soup, bottom middle */
    for (int c = 12; c < 28; c++)
      life_world.cells[r][c] = next_random(&state) % 3 == 0;
}

/* Counts live neighbours; the board wraps around at its edges. */
static int count_neighbours(int row, int col) {
  int n = 0;
  for (int dr = -1; dr <= 1; dr++)
    for (int dc = -1; dc <= 1; dc++) {
      if (dr == 0 && dc == 0)
        continue;
      int r = (row + dr + LIFE_HEIGHT) % LIFE_HEIGHT;
      int c = (col + dc + LIFE_WIDTH) % LIFE_WIDTH;
      n += life_world.cells[r][c];
    }
  return n;
}

void world_step(void) {
  unsigned char next[LIFE_HEIGHT][LIFE_WIDTH];
  for (int r = 0; r < LIFE_HEIGHT; r++)
    for (int c = 0; c < LIFE_WIDTH; c++)
      next[r][c] = (unsigned char)rule_next_state(life_world.cells[r][c], count_neighbours(r, c));
  memcpy(life_world.cells, next, sizeof next);
  life_world.generation++;
}

int world_population(void) {
  int n = 0;
  for (int r = 0; r < LIFE_HEIGHT; r++)
    for (int c = 0; c < LIFE_WIDTH; c++)
      n += life_world.cells[r][c];
  return n;
}
