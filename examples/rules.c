/*
** rules.c: the rule of the game, kept apart so that it can be changed (and,
** with hotpatch, swapped in while the program runs).
*/
#include "life.h"

/* Conway's B3/S23: born with three neighbours, survives with two or three. */
int rule_next_state(int alive, int neighbours) {
  if (alive)
    return neighbours == 2 || neighbours == 3;
  return neighbours == 3;
}

const char *rule_name(void) {
  return "B3/S23";
}
