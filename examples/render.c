/*
** render.c: draws frames as text.
*/
#include "life.h"

static char cell_glyph(unsigned char alive) {
  return alive ? '#' : '.';
}

unsigned long render_frame(FILE *out, int quiet) {
  static unsigned long frames_drawn;            /* survives across calls */

  frames_drawn++;
  fprintf(out, "frame %lu generation %lu population %d rule %s\n", frames_drawn,
          life_world.generation, world_population(), rule_name());
  if (!quiet) {
    for (int r = 0; r < LIFE_HEIGHT; r++) {
      char line[LIFE_WIDTH + 1];
      for (int c = 0; c < LIFE_WIDTH; c++)
        line[c] = cell_glyph(life_world.cells[r][c]);
      line[LIFE_WIDTH] = '\0';
      fprintf(out, "%s\n", line);
    }
  }
  fflush(out);
  return frames_drawn;
}
