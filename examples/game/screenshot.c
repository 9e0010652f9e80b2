/*
** screenshot.c: a surface's pixels as a PPM file, for tests and pictures.
*/
#include <errno.h>
#include <stdio.h>

#include "game.h"

/* Writes the rows of RGB, a surface of 3 bytes per pixel (R, G, B), to OUT. */
static int write_ppm(const SDL_Surface *rgb, FILE *out) {
  fprintf(out, "P6\n%d %d\n255\n", rgb->w, rgb->h);
  for (int y = 0; y < rgb->h; y++)
    fwrite((const Uint8 *)rgb->pixels + (size_t)y * rgb->pitch, 3, (size_t)rgb->w, out);
  return ferror(out) ? -1 : 0;
}

int screenshot_write(SDL_Surface *surface, const char *path) {
  SDL_Surface *rgb = SDL_ConvertSurfaceFormat(surface, SDL_PIXELFORMAT_RGB24, 0);
  if (rgb == NULL) {
    errno = ENOMEM;
    return -1;
  }
  FILE *out = fopen(path, "wb");
  int rc = out == NULL ? -1 : write_ppm(rgb, out);
  if (out != NULL && fclose(out) != 0)
    rc = -1;
  SDL_FreeSurface(rgb);
  return rc;
}
