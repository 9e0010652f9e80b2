/*
** small.c: the "small file" of the latency benchmark, a ~300-line program
** of the kind hot patching is for: a particle simulation with a spatial
** grid, statistics and a text report.
**
** It reads lines from stdin and runs one simulation step per line, printing
** a summary; at end of input it exits.  While it waits for input the
** benchmark patches it.  The benchmark edits the marked statement in
** world_step (an empty asm comment whose text changes), so every edit
** changes the function's code and nothing else.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PARTICLES 2048
#define GRID_SIZE 32
#define WORLD_SIZE 100.0

/* ================================================================ vectors */

struct vec2 {
  double x, y;
};

static struct vec2 vec_add(struct vec2 a, struct vec2 b) {
  return (struct vec2){a.x + b.x, a.y + b.y};
}

static struct vec2 vec_sub(struct vec2 a, struct vec2 b) {
  return (struct vec2){a.x - b.x, a.y - b.y};
}

static struct vec2 vec_scale(struct vec2 a, double k) {
  return (struct vec2){a.x * k, a.y * k};
}

static double vec_dot(struct vec2 a, struct vec2 b) {
  return a.x * b.x + a.y * b.y;
}

static double vec_length(struct vec2 a) {
  return sqrt(vec_dot(a, a));
}

static double clamp(double v, double lo, double hi) {
  return v < lo ? lo : v > hi ? hi : v;
}

/* ================================================================= random */

static unsigned long long rng_state = 88172645463325252ULL;

/* xorshift64: the same world on every run. */
static unsigned long long rng_next(void) {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return rng_state;
}

static double rng_unit(void) {
  return (double)(rng_next() >> 11) / 9007199254740992.0;
}

static double rng_range(double lo, double hi) {
  return lo + (hi - lo) * rng_unit();
}

/* ================================================================ world */

struct particle {
  struct vec2 pos, vel;
  double mass;
  int alive;
  int cell;
};

struct world {
  struct particle p[MAX_PARTICLES];
  int count;
  int grid_head[GRID_SIZE * GRID_SIZE];
  int grid_next[MAX_PARTICLES];
  long steps;
  double gravity;
  double damping;
};

static struct world world;

static int cell_of(struct vec2 pos) {
  int cx = (int)clamp(pos.x / WORLD_SIZE * GRID_SIZE, 0, GRID_SIZE - 1);
  int cy = (int)clamp(pos.y / WORLD_SIZE * GRID_SIZE, 0, GRID_SIZE - 1);
  return cy * GRID_SIZE + cx;
}

static void world_spawn(struct world *w, int n) {
  for (int i = 0; i < n && w->count < MAX_PARTICLES; i++) {
    struct particle *p = &w->p[w->count++];
    p->pos = (struct vec2){rng_range(0, WORLD_SIZE), rng_range(0, WORLD_SIZE)};
    p->vel = (struct vec2){rng_range(-1, 1), rng_range(-1, 1)};
    p->mass = rng_range(0.5, 2.0);
    p->alive = 1;
    p->cell = cell_of(p->pos);
  }
}

static void world_init(struct world *w, int n) {
  memset(w, 0, sizeof *w);
  w->gravity = -0.05;
  w->damping = 0.995;
  world_spawn(w, n);
}

static void grid_build(struct world *w) {
  for (int i = 0; i < GRID_SIZE * GRID_SIZE; i++) w->grid_head[i] = -1;
  for (int i = 0; i < w->count; i++) {
    struct particle *p = &w->p[i];
    if (!p->alive) continue;
    p->cell = cell_of(p->pos);
    w->grid_next[i] = w->grid_head[p->cell];
    w->grid_head[p->cell] = i;
  }
}

/* Elastic collision of two particles closer than `radius`. */
static int collide(struct particle *a, struct particle *b, double radius) {
  struct vec2 d = vec_sub(b->pos, a->pos);
  double dist = vec_length(d);
  if (dist >= radius || dist == 0) return 0;
  struct vec2 n = vec_scale(d, 1 / dist);
  double rel = vec_dot(vec_sub(a->vel, b->vel), n);
  if (rel <= 0) return 0;
  double impulse = 2 * rel / (a->mass + b->mass);
  a->vel = vec_sub(a->vel, vec_scale(n, impulse * b->mass));
  b->vel = vec_add(b->vel, vec_scale(n, impulse * a->mass));
  return 1;
}

static int collide_cell(struct world *w, int i, int cell) {
  int hits = 0;
  for (int j = w->grid_head[cell]; j >= 0; j = w->grid_next[j])
    if (j > i) hits += collide(&w->p[i], &w->p[j], 0.8);
  return hits;
}

static int collide_all(struct world *w) {
  int hits = 0;
  for (int i = 0; i < w->count; i++) {
    if (!w->p[i].alive) continue;
    int cx = w->p[i].cell % GRID_SIZE, cy = w->p[i].cell / GRID_SIZE;
    for (int dy = -1; dy <= 1; dy++)
      for (int dx = -1; dx <= 1; dx++) {
        int x = cx + dx, y = cy + dy;
        if (x < 0 || y < 0 || x >= GRID_SIZE || y >= GRID_SIZE) continue;
        hits += collide_cell(w, i, y * GRID_SIZE + x);
      }
  }
  return hits;
}

static void bounce(struct particle *p) {
  if (p->pos.x < 0) { p->pos.x = -p->pos.x; p->vel.x = -p->vel.x; }
  if (p->pos.y < 0) { p->pos.y = -p->pos.y; p->vel.y = -p->vel.y; }
  if (p->pos.x > WORLD_SIZE) { p->pos.x = 2 * WORLD_SIZE - p->pos.x; p->vel.x = -p->vel.x; }
  if (p->pos.y > WORLD_SIZE) { p->pos.y = 2 * WORLD_SIZE - p->pos.y; p->vel.y = -p->vel.y; }
}

static void integrate(struct world *w, double dt) {
  for (int i = 0; i < w->count; i++) {
    struct particle *p = &w->p[i];
    if (!p->alive) continue;
    p->vel.y += w->gravity * dt;
    p->vel = vec_scale(p->vel, w->damping);
    p->pos = vec_add(p->pos, vec_scale(p->vel, dt));
    bounce(p);
  }
}

/* One step; returns the number of collisions. */
int world_step(struct world *w, double dt) {
  __asm__ volatile("# hpbench edit 0"); /* HPBENCH-EDIT */
  integrate(w, dt);
  grid_build(w);
  w->steps++;
  return collide_all(w);
}

/* ============================================================ statistics */

struct stats {
  double mean_speed, max_speed, energy;
  struct vec2 center;
  int alive;
  int busiest_cell, busiest_count;
};

static void stats_speed(const struct world *w, struct stats *s) {
  double sum = 0;
  for (int i = 0; i < w->count; i++) {
    if (!w->p[i].alive) continue;
    double v = vec_length(w->p[i].vel);
    sum += v;
    if (v > s->max_speed) s->max_speed = v;
    s->energy += 0.5 * w->p[i].mass * v * v;
    s->alive++;
  }
  s->mean_speed = s->alive ? sum / s->alive : 0;
}

static void stats_center(const struct world *w, struct stats *s) {
  struct vec2 sum = {0, 0};
  double mass = 0;
  for (int i = 0; i < w->count; i++) {
    if (!w->p[i].alive) continue;
    sum = vec_add(sum, vec_scale(w->p[i].pos, w->p[i].mass));
    mass += w->p[i].mass;
  }
  s->center = mass > 0 ? vec_scale(sum, 1 / mass) : sum;
}

static void stats_cells(const struct world *w, struct stats *s) {
  for (int c = 0; c < GRID_SIZE * GRID_SIZE; c++) {
    int n = 0;
    for (int j = w->grid_head[c]; j >= 0; j = w->grid_next[j]) n++;
    if (n > s->busiest_count) {
      s->busiest_count = n;
      s->busiest_cell = c;
    }
  }
}

static struct stats stats_compute(const struct world *w) {
  struct stats s;
  memset(&s, 0, sizeof s);
  stats_speed(w, &s);
  stats_center(w, &s);
  stats_cells(w, &s);
  return s;
}

/* ================================================================ report */

static const char *speed_word(double v) {
  if (v < 0.2) return "calm";
  if (v < 0.6) return "lively";
  if (v < 1.2) return "fast";
  return "wild";
}

static void format_report(char *out, size_t size, const struct world *w, const struct stats *s,
                          int hits) {
  snprintf(out, size,
           "step %ld: %d alive, %d hits, speed %.3f (%s, max %.3f), energy %.2f, "
           "center (%.1f, %.1f), busiest cell %d (%d)",
           w->steps, s->alive, hits, s->mean_speed, speed_word(s->mean_speed), s->max_speed,
           s->energy, s->center.x, s->center.y, s->busiest_cell, s->busiest_count);
}

static void retire_slow(struct world *w, double threshold) {
  for (int i = 0; i < w->count; i++)
    if (w->p[i].alive && vec_length(w->p[i].vel) < threshold) w->p[i].alive = 0;
}

static int parse_command(const char *line, int *steps, int *spawn) {
  *steps = 1;
  *spawn = 0;
  if (strncmp(line, "spawn ", 6) == 0) {
    *spawn = atoi(line + 6);
    return 1;
  }
  if (strncmp(line, "run ", 4) == 0) {
    *steps = atoi(line + 4);
    return 1;
  }
  return line[0] == '\n' || line[0] == '\0';
}

int main(void) {
  char line[256], report[512];
  world_init(&world, 1000);
  printf("ready\n");
  fflush(stdout);
  while (fgets(line, sizeof line, stdin)) {
    int steps, spawn;
    if (!parse_command(line, &steps, &spawn)) {
      printf("? %s", line);
      fflush(stdout);
      continue;
    }
    if (spawn) world_spawn(&world, spawn);
    int hits = 0;
    for (int i = 0; i < steps; i++) hits += world_step(&world, 0.1);
    retire_slow(&world, 0.001);
    struct stats s = stats_compute(&world);
    format_report(report, sizeof report, &world, &s, hits);
    printf("%s\n", report);
    fflush(stdout);
  }
  return 0;
}
