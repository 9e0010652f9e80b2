// Superseded patches give their pages back (runtime/release.c): after 39
// patches of one function, the 38 patches no slot points into have no file
// page resident, and the program runs the newest code.  The one page each
// wrote at load, its relocations and its import cells (the counter is one),
// is no private copy any more: patches are linked with everything written
// at load in one page, read-only after relocation (driver/patch_link.h: -z
// now, no C start files; the cells in .data.rel.ro, imports.c), and the
// release moves that page to a file mapped in its place, so pagemap shows
// no anonymous page in any superseded patch.  A revert runs the previous patch's
// code again, its code and its moved page read back from their files: the
// value it returns, the counter it reaches through its import cell, and
// fork, waitpid and printf called through its GOT, in a child too.  With
// HOTPATCH_RELEASE_WRITTEN_PAGES=0 the written page stays (4 KiB of
// Anonymous pages per patch); with HOTPATCH_RELEASE_PAGES=0 the pages of
// superseded patches stay resident (the check sees them).
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/Inputs/loop.c loop.c && sed s/VALUE/1/ lib.in > lib.c
// RUN: %hcc -O2 loop.c lib.c -o prog
// RUN: %drive script | FileCheck %s
// RUN: sed s/VALUE/1/ lib.in > lib.c
// RUN: sed s/SWITCH/HOTPATCH_RELEASE_WRITTEN_PAGES/ few.in > kept
// RUN: %drive kept | FileCheck %s --check-prefix=KEPT
// RUN: sed s/VALUE/1/ lib.in > lib.c
// RUN: sed s/SWITCH/HOTPATCH_RELEASE_PAGES/ few.in > off
// RUN: %drive off | FileCheck %s --check-prefix=OFF
//
// CHECK: out: ready pid=
// CHECK: sh exit=0
// CHECK: superseded patches: 38, resident file pages: 0 KiB, written pages per patch: 0.0
// CHECK: out: value=40 calls=1
// CHECK: reverted
// CHECK: out: value=39 calls=2
// CHECK: out: child value=39 calls=3
// CHECK: out: forked value=39 calls=3 status=0
// CHECK: exit=0
//
// KEPT: out: ready pid=
// KEPT: sh exit=0
// KEPT: superseded patches: 3, resident file pages: 0 KiB, written pages per patch: 1.0
// KEPT: out: value=5 calls=1
// KEPT: exit=0
//
// OFF: out: ready pid=
// OFF: sh exit=0
// OFF: superseded patches: 3, resident file pages: {{[1-9][0-9]*}} KiB, written pages per patch: 1.0
// OFF: out: value=5 calls=1
// OFF: exit=0

//--- script
start ./prog
expect ^ready
sh for i in $(seq 2 40); do sed s/VALUE/$i/ lib.in > lib.c && $HCC patch --pid $PID 2>/dev/null || exit 1; done
sh python3 check.py $PID
send report
expect ^value
hcc revert --pid PID
send report
expect ^value
send fork
expect ^forked
close

//--- few.in
start env SWITCH=0 ./prog
expect ^ready
sh for i in $(seq 2 5); do sed s/VALUE/$i/ lib.in > lib.c && $HCC patch --pid $PID 2>/dev/null || exit 1; done
sh python3 check.py $PID
send report
expect ^value
close

//--- lib.in
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
static int calls;
void scenario_command(const char *command) {
  ++calls;
  if (strcmp(command, "fork") == 0) {
    pid_t child = fork();
    if (child == 0) {
      printf("child value=%d calls=%d\n", VALUE, calls);
      fflush(stdout);
      _exit(0);
    }
    int status = -1;
    waitpid(child, &status, 0);
    printf("forked value=%d calls=%d status=%d\n", VALUE, calls, status);
    return;
  }
  printf("value=%d calls=%d\n", VALUE, calls);
}

//--- check.py
# Resident KiB of file pages (not written by the process) of every
# patch.so but the newest (the highest attempt number), and the pages they
# wrote (anonymous, 4 KiB each) per patch.  A patch's pages are those in
# the span its PT_LOAD headers give from its first mapping on (a segment's
# zero-filled part, .bss, is an unnamed mapping there, a moved written
# page one of a deleted file), each looked up in /proc/PID/pagemap: by
# page, since the kernel merges a patch's .bss mapping with an anonymous
# mapping placed right after it (the runtime's tables), and smaps would
# then count the other's pages in the patch's.
import re
import struct
import sys


def span(path):
    """The bytes from the first loadable segment's page to the end of the
    last one's (ELF64 little-endian)."""
    with open(path, "rb") as f:
        data = f.read(4096)
    phoff, = struct.unpack_from("<Q", data, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
    top = 0
    for i in range(phnum):
        fields = struct.unpack_from("<IIQQQQQQ", data, phoff + i * phentsize)
        if fields[0] == 1:  # PT_LOAD
            top = max(top, fields[3] + fields[6])
    return (top + 4095) & ~4095


bounds = {}
for line in open("/proc/%s/maps" % sys.argv[1]):
    mapping = re.match(r"^([0-9a-f]+)-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$", line)
    name = mapping.group(2)
    if name.endswith("/patch.so") and name not in bounds:
        start = int(mapping.group(1), 16)
        bounds[name] = (start, start + span(name))
resident = dict.fromkeys(bounds, 0)
written = dict.fromkeys(bounds, 0)
with open("/proc/%s/pagemap" % sys.argv[1], "rb") as pagemap:
    for path, (low, high) in bounds.items():
        for page in range(low, high, 4096):
            pagemap.seek(page // 4096 * 8)
            entry, = struct.unpack("<Q", pagemap.read(8))
            if entry >> 63 & 1:  # present
                if entry >> 61 & 1:  # a file page (or shared anonymous)
                    resident[path] += 4
                else:
                    written[path] += 4
newest = max(resident, key=lambda p: int(p.split("/")[-2]))
old = [p for p in resident if p != newest]
print("superseded patches: %d, resident file pages: %d KiB, written pages "
      "per patch: %.1f" % (len(old), sum(resident[p] for p in old),
                           sum(written[p] for p in old) / 4.0 / len(old)))
