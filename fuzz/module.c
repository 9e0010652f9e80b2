/*
** module.c: the small hotpatch module the request fuzzer's registry holds
** (compiled with the hotpatch plugin by fuzz/run.sh): a function, a
** global, a static local and a constant, so that `registry` and `status`
** answers have every kind of line.
*/
int fuzz_counter;
const int fuzz_table[4] = {1, 2, 3, 4};

/* A patchable function using each kind of data. */
int fuzz_module_value(int x) {
  static int calls;
  calls++;
  fuzz_counter += x;
  return fuzz_table[x & 3] + calls;
}
