/*
** dispatch.c: an interpreter-style loop that runs a small bytecode program
** by calling one handler per instruction through a table of function
** pointers (for hcc: each handler is reached through its stub).
**
** usage: dispatch ITERATIONS    runs the program ITERATIONS times
*/
#include <stdio.h>
#include <stdlib.h>

struct vm {
  long acc, x, y;
  int pc;
};

typedef void (*handler)(struct vm *, int);

static void op_load(struct vm *m, int arg) {
  m->acc = arg;
}
static void op_add(struct vm *m, int arg) {
  m->acc += arg;
}
static void op_mul(struct vm *m, int arg) {
  m->acc = m->acc * arg % 1000003;
}
static void op_store_x(struct vm *m, int arg) {
  m->x += m->acc + arg;
}
static void op_store_y(struct vm *m, int arg) {
  m->y ^= m->acc << (arg & 7);
}
static void op_xor(struct vm *m, int arg) {
  m->acc ^= m->x + arg;
}
static void op_jump_if(struct vm *m, int arg) {
  if (m->acc & 1)
    m->pc += arg;
}
static void op_nop(struct vm *m, int arg) {
  (void)m;
  (void)arg;
}

static const handler handlers[] = {op_load,    op_add, op_mul,     op_store_x,
                                   op_store_y, op_xor, op_jump_if, op_nop};

struct insn {
  int op, arg;
};

static const struct insn program[] = {
    {0, 7},  {1, 3}, {2, 17}, {3, 1}, {5, 9}, {6, 1}, {7, 0}, {4, 3},
    {1, 11}, {2, 5}, {3, 2},  {6, 2}, {5, 4}, {7, 0}, {4, 5}, {1, 1},
};

int main(int argc, char **argv) {
  long iterations = argc > 1 ? atol(argv[1]) : 1000000;
  int length = (int)(sizeof program / sizeof program[0]);
  struct vm m = {0, 0, 0, 0};
  for (long i = 0; i < iterations; i++) {
    for (m.pc = 0; m.pc < length; m.pc++)
      handlers[program[m.pc].op](&m, program[m.pc].arg);
    m.acc += i;
  }
  printf("dispatch acc=%ld x=%ld y=%ld\n", m.acc, m.x, m.y);
  return 0;
}
