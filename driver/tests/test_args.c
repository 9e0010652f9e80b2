/*
** test_args.c: command-line classification against real command lines as
** make, CMake, autoconf and people write them.  Each case gives the arguments
** and the expected summary: mode, output, -MD, -MF, link flags and every
** input with the language clang would give it.
*/
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "check.h"

static char *describe(const struct ha_cmd *c) {
  struct hu_buf b = HU_BUF_INIT;
  hu_buf_addf(&b, "%s", ha_mode_name(c->mode));
  if (c->output)
    hu_buf_addf(&b, " o=%s", c->output);
  if (c->dep_md)
    hu_buf_adds(&b, " md");
  if (c->dep_mf)
    hu_buf_addf(&b, " mf=%s", c->dep_mf);
  if (c->link_static)
    hu_buf_adds(&b, " static");
  if (c->link_shared)
    hu_buf_adds(&b, " shared");
  if (c->link_relocatable)
    hu_buf_adds(&b, " r");
  hu_buf_adds(&b, " |");
  for (int i = 0; i < c->input_count; i++)
    hu_buf_addf(&b, " %s:%s", c->inputs[i].path,
                ha_lang_name(c->inputs[i].lang));
  return hu_buf_detach(&b);
}

/* Split `line` on spaces (test command lines have no quoting); classify
** as hcc++ when `cxx`. */
static void expect_as(int cxx, const char *line, const char *want) {
  struct hu_vec argv = HU_VEC_INIT;
  char *copy = hu_xstrdup(line);
  for (char *tok = strtok(copy, " "); tok; tok = strtok(NULL, " "))
    hu_vec_push(&argv, tok);
  struct ha_cmd c;
  ha_classify(&c, cxx, argv.count, argv.items);
  char *got = describe(&c);
  CHECK(strcmp(got, want) == 0, "for '%s'%s\n  got  '%s'\n  want '%s'", line,
        cxx ? " (C++ driver)" : "", got, want);
  free(got);
  ha_cmd_free(&c);
  hu_vec_free(&argv);
  free(copy);
}

static void expect(const char *line, const char *want) {
  expect_as(0, line, want);
}

static void write_file(const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  CHECK(f != NULL, "cannot create %s", path);
  if (!f)
    return;
  fputs(text, f);
  fclose(f);
}

static void make_style(void) {
  expect("-O2 -Wall -c -o foo.o foo.c", "object o=foo.o | foo.c:c");
  expect("-g -O2 -c foo.c", "object | foo.c:c");
  expect("-O2 -o prog main.o util.o -lm",
         "link o=prog | main.o:linker util.o:linker");
  expect("-ofoo main.c", "link o=foo | main.c:c");
  expect("-o a -o b x.c", "link o=b | x.c:c");
  expect("--output=x.o -c a.c", "object o=x.o | a.c:c");
  expect("-O2 -DLUA_COMPAT_5_3 -DLUA_USE_LINUX -c -o lapi.o lapi.c",
         "object o=lapi.o | lapi.c:c");
  expect("-Wl,-E -o lua lua.o liblua.a -lm -Wl,-rpath,/x -ldl",
         "link o=lua | lua.o:linker liblua.a:linker");
  expect(
      "-shared -fPIC -o libz.so.1.3 -Wl,-soname,libz.so.1 adler32.lo crc32.lo",
      "link o=libz.so.1.3 shared | adler32.lo:linker crc32.lo:linker");
  expect("-static -o p a.c", "link o=p static | a.c:c");
  expect("-static-pie -o p a.o", "link o=p static | a.o:linker");
  expect("-r -o all.o a.o b.o", "link o=all.o r | a.o:linker b.o:linker");
}

static void cmake_style(void) {
  expect(
      "-DFOO=1 -I/src/include -O2 -g -MD -MT CMakeFiles/a.dir/a.c.o "
      "-MF CMakeFiles/a.dir/a.c.o.d -o CMakeFiles/a.dir/a.c.o -c /src/a.c",
      "object o=CMakeFiles/a.dir/a.c.o md mf=CMakeFiles/a.dir/a.c.o.d | /src/a.c:c");
  expect("-O3 -DNDEBUG CMakeFiles/p.dir/main.c.o -o p -Wl,-rpath,/x libfoo.so",
         "link o=p | CMakeFiles/p.dir/main.c.o:linker libfoo.so:linker");
  expect("-MMD -MFdeps.d -c x.c", "object md mf=deps.d | x.c:c");
  expect("-MD -c x.c", "object md | x.c:c");
}

static void modes(void) {
  expect("-E x.c", "preprocess | x.c:c");
  expect("-E -S -c x.c", "preprocess | x.c:c");
  expect("-M x.c", "preprocess | x.c:c");
  expect("-MM -MD -c x.c -o x.o", "preprocess o=x.o md | x.c:c");
  expect("-fsyntax-only -S x.c", "syntax | x.c:c");
  expect("-S -c x.c", "assembly | x.c:c");
  expect("-c -S x.c", "assembly | x.c:c");
  expect("-S -emit-llvm x.c", "assembly | x.c:c");
  expect("-v", "info |");
  expect("", "info |");
  expect("-### -c x.c", "info | x.c:c");
  expect("-print-file-name=libc.so", "info |");
  expect("-dumpmachine", "info |");
}

static void languages(void) {
  expect("-x c -", "link | -:c");
  expect("-E -x c -", "preprocess | -:c");
  expect("-x c - -c -o x.o", "object o=x.o | -:c");
  expect("-xc -c conftest", "object | conftest:c");
  expect("-x c foo.txt -x none bar.txt", "link | foo.txt:c bar.txt:linker");
  expect("-c x.s y.S z.cc w.i v.h",
         "object | x.s:asm y.S:asm-cpp z.cc:c++ w.i:c v.h:other");
  expect("-x assembler-with-cpp foo.asm -x none bar.c",
         "link | foo.asm:asm-cpp bar.c:c");
  expect("-x c++ a.c", "link | a.c:c++");
  expect("-x c++-cpp-output a.x -x objective-c b.m",
         "link | a.x:c++ b.m:other");
  expect("-x cpp-output a.x", "link | a.x:c");
}

/* C++ sources by extension; hcc++ (the C++ driver, like clang++ and g++)
** takes .c, .i and standard input for C++ too, but not what -x names, and
** --driver-mode= switches either way wherever it stands. */
static void cplusplus(void) {
  expect(
      "-c a.cpp b.cc c.cxx d.C e.c++ f.cp g.ii h.CPP",
      "object | a.cpp:c++ b.cc:c++ c.cxx:c++ d.C:c++ e.c++:c++ f.cp:c++ g.ii:c++ h.CPP:c++");
  expect("-O2 -o prog main.cpp util.c lib.a",
         "link o=prog | main.cpp:c++ util.c:c lib.a:linker");
  expect_as(1, "-O2 -o prog main.cpp util.c w.i lib.a",
            "link o=prog | main.cpp:c++ util.c:c++ w.i:c++ lib.a:linker");
  expect_as(1, "-x c util.c -x none v.c x.s h.hpp",
            "link | util.c:c v.c:c++ x.s:asm h.hpp:other");
  expect_as(1, "-E -", "preprocess | -:c++");
  expect("-c a.c --driver-mode=g++", "object | a.c:c++");
  expect_as(1, "--driver-mode=gcc -c a.c", "object | a.c:c");
  CHECK(ha_cxx_driver_name("hcc++") &&
            ha_cxx_driver_name("/opt/hp/bin/hcc++") &&
            ha_cxx_driver_name("clang++-19"),
        "hcc++, a path to it and clang++-19 are C++ drivers");
  CHECK(!ha_cxx_driver_name("hcc") && !ha_cxx_driver_name("/x++/bin/hcc"),
        "hcc is not a C++ driver, whatever its directory");
}

static void values_are_not_inputs(void) {
  expect("-I include -D X -U Y -isystem sys -include cfg.h -imacros m.h -c x.c",
         "object | x.c:c");
  expect("-idirafter after -iquote q -L lib -l m -o p x.o",
         "link o=p | x.o:linker");
  expect("-Xlinker -Map -Xlinker out.map a.o", "link | a.o:linker");
  expect("-Xclang -load -Xclang plugin.so -c a.c", "object | a.c:c");
  expect("-mllvm -inline-threshold=0 -target x86_64-linux-gnu -c a.c",
         "object | a.c:c");
  expect("-MT target.o -MQ q.o -MF d.d -MD -c a.c", "object md mf=d.d | a.c:c");
  expect("-Wa,--noexecstack -Wp,-DX -Wl,-z,now -c x.S", "object | x.S:asm-cpp");
  expect("-std=c11 -objcmt-migrate-literals -c a.c", "object | a.c:c");
  expect("--sysroot /sr -c a.c", "object | a.c:c");
  expect("-z now a.o", "link | a.o:linker");
}

static void response_files(void) {
  char dir[] = "/tmp/hcc-test-args-XXXXXX";
  CHECK(mkdtemp(dir) != NULL, "mkdtemp");
  char *rsp = hu_xasprintf("%s/a.rsp", dir);
  char *rsp2 = hu_xasprintf("%s/b.rsp", dir);
  write_file(rsp, "-c \"my file.c\"\n  -o 'out dir/x.o' -DQ=\\\"q\\\"\n");
  char *rsp2_text = hu_xasprintf("-O2 @%s -MD", rsp);
  write_file(rsp2, rsp2_text);
  free(rsp2_text);
  char *line = hu_xasprintf("-g @%s", rsp);
  struct hu_vec argv = HU_VEC_INIT;
  hu_vec_push(&argv, "-g");
  hu_vec_push(&argv, line + 3);
  struct ha_cmd c;
  ha_classify(&c, 0, argv.count, argv.items);
  char *got = describe(&c);
  CHECK_STR(got, "object o=out dir/x.o | my file.c:c");
  CHECK(c.args.count == 6, "expanded to %d arguments", c.args.count);
  if (c.args.count == 6)
    CHECK_STR(c.args.items[5], "-DQ=\"q\"");
  free(got);
  ha_cmd_free(&c);
  /* Nested response file. */
  char *nested = hu_xasprintf("@%s", rsp2);
  char *nargv[] = {nested};
  ha_classify(&c, 0, 1, nargv);
  got = describe(&c);
  CHECK_STR(got, "object o=out dir/x.o md | my file.c:c");
  free(got);
  ha_cmd_free(&c);
  /* An unreadable response file stays an argument, as with clang. */
  char *missing[] = {"@/nonexistent/x.rsp", "-c", "a.c"};
  ha_classify(&c, 0, 3, missing);
  got = describe(&c);
  CHECK_STR(got, "object | @/nonexistent/x.rsp:linker a.c:c");
  free(got);
  ha_cmd_free(&c);
  /* A response file that names itself does not loop forever. */
  char *self = hu_xasprintf("%s/self.rsp", dir);
  char *self_arg = hu_xasprintf("@%s", self);
  write_file(self, self_arg);
  char *sargv[] = {self_arg, "-c", "a.c"};
  ha_classify(&c, 0, 3, sargv);
  CHECK(c.mode == HA_MODE_OBJECT, "self-including response file");
  ha_cmd_free(&c);
  unlink(rsp);
  unlink(rsp2);
  unlink(self);
  rmdir(dir);
  hu_vec_free(&argv);
  free(rsp);
  free(rsp2);
  free(line);
  free(nested);
  free(self);
  free(self_arg);
}

int main(void) {
  make_style();
  cmake_style();
  modes();
  languages();
  cplusplus();
  values_are_not_inputs();
  response_files();
  return CHECK_DONE();
}
