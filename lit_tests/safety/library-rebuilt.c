// Slot pages of a library come from the image that is mapped, not from
// whatever file is at its path now.  Here the library file is replaced
// after the dynamic linker mapped it and before it registers (a library it
// depends on, swapper.so, renames a "rebuilt" copy over it in its
// constructor): the copy's hotpatch_slots section header covers the page
// of the library's global `counter` and the copy has another build-id, as
// a rebuild would.  The runtime sees that the file is not the mapped image,
// says so, and protects nothing: the library's code still writes its
// global.  libl.so uses nothing of libswapper.so, so it is linked
// --no-as-needed (gcc's default on Debian is --as-needed, which would drop
// it, and nothing would swap).
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: %clang -shared -fPIC swapper.c -o libswapper.so
// RUN: %hcc -O2 -fPIC -shared lib.c -o libl.so -L. -Wl,--no-as-needed -lswapper -Wl,-rpath,%t
// RUN: %hcc -O2 main.c -o prog -L. -ll -Wl,-rpath,%t
// RUN: python3 rebuild.py libl.so libl-rebuilt.so
// RUN: env SWAP_FROM=%t/libl-rebuilt.so SWAP_TO=%t/libl.so %drive script | FileCheck %s

// CHECK: out: counter=6
// CHECK-NEXT: out: counter=7
// CHECK: err: hotpatch: warning: {{.*}}/libl.so is not known to be the file this process loaded (its build-id differs or is missing: rebuilt since?); the function slots of that library stay writable
// CHECK: exit=0

//--- script
start ./prog
send bump
expect ^counter
send bump
expect ^counter
close

//--- lib.c
int counter = 5;
int bump(void) { return ++counter; }

//--- main.c
#include <stdio.h>
#include <string.h>
int bump(void);
int main(void) {
  char line[64];
  while (fgets(line, sizeof line, stdin))
    if (strcmp(line, "bump\n") == 0) {
      printf("counter=%d\n", bump());
      fflush(stdout);
    }
  return 0;
}

//--- swapper.c
#include <stdio.h>
#include <stdlib.h>
__attribute__((constructor)) static void swap(void) {
  const char *from = getenv("SWAP_FROM"), *to = getenv("SWAP_TO");
  if (from && to && rename(from, to) != 0)
    perror("swapper: rename");
}

//--- rebuild.py
# Copy an ELF library, moving the start of its hotpatch_slots section
# header back to the page of .data (so it covers the library's globals) and
# changing a byte of its build-id, as a rebuild would.
import struct, sys
data = bytearray(open(sys.argv[1], "rb").read())
shoff, = struct.unpack_from("<Q", data, 0x28)
shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3a)
def header(i):
    return shoff + i * shentsize
strtab_offset, = struct.unpack_from("<Q", data, header(shstrndx) + 0x18)
def name(i):
    start = strtab_offset + struct.unpack_from("<I", data, header(i))[0]
    return bytes(data[start:data.index(0, start)]).decode()
sections = {name(i): header(i) for i in range(shnum)}
slots, dat, note = (sections["hotpatch_slots"], sections[".data"],
                    sections[".note.gnu.build-id"])
slots_addr, = struct.unpack_from("<Q", data, slots + 0x10)
slots_size, = struct.unpack_from("<Q", data, slots + 0x20)
data_addr, = struct.unpack_from("<Q", data, dat + 0x10)
start = data_addr & ~0xfff
assert start < slots_addr
struct.pack_into("<Q", data, slots + 0x10, start)
struct.pack_into("<Q", data, slots + 0x20, slots_addr + slots_size - start)
note_offset, = struct.unpack_from("<Q", data, note + 0x18)
data[note_offset + 16] ^= 0xff
open(sys.argv[2], "wb").write(data)
