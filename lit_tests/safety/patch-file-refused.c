// Patch files that anyone else could have written, or that cannot be a
// patch for this process, are refused before dlopen() runs any of their
// code, each with a message that says why; nothing is applied (the
// generation stays 0 and the old code runs): a file writable by every
// user, truncated, not ELF, built for another build, a symbolic link, in a
// directory everyone may write, with header offsets that wrap.  A patch
// that names the running program's build-id is accepted.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp v1.c main.c && %hcc -O2 -c main.c -o main.o && %hcc main.o -o prog
// RUN: llvm-readelf -n prog | awk '/Build ID/ { print $3 }' > target.txt
// RUN: printf '00112233445566778899aabbccddeeff00112233\n' > wrong.txt
// RUN: env HPCTL=%S/../runtime/Inputs/hpctl.py CLANG=%clang PATCHCC="%patchcc" BASELINE=%baseline_arg %drive script.txt > out.txt
// RUN: FileCheck %s < out.txt

// CHECK: out: f=1
// CHECK: error cannot load patch {{.*}}/world.so: it is writable by every user (mode 0666), so someone else could have changed it; chmod go-w it and apply again
// CHECK: error cannot load patch {{.*}}/truncated.so: it is truncated ({{[0-9]+}} bytes, its headers need {{[0-9]+}}); rebuild the patch
// CHECK: error cannot load patch {{.*}}/corrupt.so: it is not an ELF file (a corrupted or wrong file); rebuild the patch
// CHECK: error cannot load patch {{.*}}/text.so: it is not an ELF file
// CHECK: error cannot load patch {{.*}}/other-build.so: it was built for build-id 00112233445566778899aabbccddeeff00112233, which is not the build of this process (nor of any library it loaded); build the patch against the running program
// CHECK: error cannot load patch {{.*}}/link.so: it is a symbolic link; give the path of the patch file itself
// CHECK: error cannot load patch {{.*}}/open/p.so: its directory {{.*}}/open is writable by every user (mode 0777), who could replace the file; chmod go-w {{.*}}/open
// CHECK: error cannot load patch {{.*}}/wraps.so: its ELF headers are malformed (an offset and size that add up past 2^64); rebuild the patch
// CHECK: ok hotpatch 2 pid={{[0-9]+}} generation=0
// CHECK: out: f=1
// CHECK: ok generation=1 changed=f new=
// CHECK: out: f=2
// CHECK: exit=0

//--- script.txt
start ./prog
expect ^ready
send call
expect ^f=
sh python3 $HPCTL $(cat pid) registry | tail -n +2 > base.txt && cp v2.c main.c && $PATCHCC -O2 -c main.c -o main.o $BASELINE=base.txt && $CLANG -shared main.o -o patch.so
sh cp patch.so world.so && chmod 666 world.so && python3 $HPCTL $(cat pid) apply $PWD/world.so
sh head -c 2000 patch.so > truncated.so && python3 $HPCTL $(cat pid) apply $PWD/truncated.so
sh cp patch.so corrupt.so && printf 'XELF' | dd of=corrupt.so conv=notrunc status=none && python3 $HPCTL $(cat pid) apply $PWD/corrupt.so
sh echo 'not a patch' > text.so && python3 $HPCTL $(cat pid) apply $PWD/text.so
sh llvm-objcopy --add-section hotpatch_target=wrong.txt patch.so other-build.so && python3 $HPCTL $(cat pid) apply $PWD/other-build.so
sh ln -s patch.so link.so && python3 $HPCTL $(cat pid) apply $PWD/link.so
sh mkdir open && cp patch.so open/p.so && chmod 777 open && python3 $HPCTL $(cat pid) apply $PWD/open/p.so
# The first program header's offset + size wraps around 2^64 to a small end.
sh cp patch.so wraps.so && python3 -c 'import struct,sys; f=open(sys.argv[1],"r+b"); f.seek(0x20); ph=struct.unpack("<Q",f.read(8))[0]; f.seek(ph+8); f.write(struct.pack("<Q",2**64-16)); f.seek(ph+32); f.write(struct.pack("<Q",32))' wraps.so && python3 $HPCTL $(cat pid) apply $PWD/wraps.so
sh python3 $HPCTL $(cat pid) hello
send call
expect ^f=
sh llvm-objcopy --add-section hotpatch_target=target.txt patch.so this-build.so && python3 $HPCTL $(cat pid) apply $PWD/this-build.so
send call
expect ^f=
send quit
close

//--- v1.c
#include <stdio.h>
#include <string.h>
#include <unistd.h>

volatile int zero;
__attribute__((noinline)) int f(void) { return zero + 1; }

int main(void) {
  char line[64];
  FILE *pid = fopen("pid", "w");
  fprintf(pid, "%d\n", (int)getpid());
  fclose(pid);
  printf("ready\n");
  fflush(stdout);
  while (fgets(line, sizeof line, stdin)) {
    if (strcmp(line, "call\n") == 0)
      printf("f=%d\n", f());
    else if (strcmp(line, "quit\n") == 0)
      break;
    fflush(stdout);
  }
  return 0;
}

//--- v2.c
#include <stdio.h>
#include <string.h>
#include <unistd.h>

volatile int zero;
__attribute__((noinline)) int f(void) { return zero + 2; }

int main(void) {
  char line[64];
  FILE *pid = fopen("pid", "w");
  fprintf(pid, "%d\n", (int)getpid());
  fclose(pid);
  printf("ready\n");
  fflush(stdout);
  while (fgets(line, sizeof line, stdin)) {
    if (strcmp(line, "call\n") == 0)
      printf("f=%d\n", f());
    else if (strcmp(line, "quit\n") == 0)
      break;
    fflush(stdout);
  }
  return 0;
}
