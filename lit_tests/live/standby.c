// hcc run forks the children its next compile and link will run in ahead
// of the save (driver/standby.c). Checked here: two stand by once the
// resident toolchain is loaded, holding nothing of hcc's but /dev/null and
// their socket; a patch's compile and link run in them (the stages line
// says so); a precompiled preamble built after a patch ends the standby
// forked without it (here the link's, unused when only a comment changed),
// so the next compile reads the preamble (its -ftime-trace shows it read);
// standbys killed while they wait are replaced by forks, and the patch is
// applied all the same; none outlives hcc run; and HOTPATCH_STANDBY=0
// forks none.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp -p %S/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O2 -c loop.c -o loop.o
// RUN: %hcc -O2 -ftime-trace=lib-trace.json -ftime-trace-granularity=0 -c lib.c -o lib.o
// RUN: rm lib-trace.json
// RUN: %hcc loop.o lib.o -o prog
// RUN: %drive script | FileCheck %s
// RUN: cp v1.c lib.c
// RUN: HOTPATCH_STANDBY=0 %drive script-off | FileCheck --check-prefix=OFF %s
//
// CHECK: err: hcc: forked 2 standby children for the next compile and link
// CHECK-NEXT: standby: /dev/null /dev/null /dev/null socket
// CHECK-NEXT: standby: /dev/null /dev/null /dev/null socket
// CHECK-NEXT: sh exit=0
// Only a comment changed: compiled in a standby, nothing to link; the
// preamble built ends the link's standby too.
// CHECK: err: hcc: no functional change
// CHECK-NEXT: err: hcc: precompiled preamble of lib.c built
// CHECK-NEXT: err: hcc: forked 2 standby children for the next compile and link
// CHECK: err: hcc: stages: {{.*}}(resident clang and ld.lld; 2 in standby children)
// CHECK: err: hcc: patched lib.c: scenario_command (generation 1,
// CHECK: trace: preamble read
// CHECK: out: v2
// Both standbys killed while they wait: forked children instead.
// CHECK: killed 2
// CHECK: err: hcc: stages: {{.*}}(resident clang and ld.lld){{$}}
// CHECK: err: hcc: patched lib.c: scenario_command (generation 2,
// CHECK: err: hcc: forked 2 standby children for the next compile and link
// CHECK: out: v3
// CHECK: exit=0
// CHECK: left running: 0
//
// OFF: err: hcc: watching
// OFF-NOT: standby
// OFF: err: hcc: stages: {{.*}}(resident clang and ld.lld){{$}}
// OFF-NOT: standby
// OFF: out: v2
// OFF: standbys: 0
// OFF: exit=0

//--- script
hccrun --verbose -- ./prog
expect-err watching
expect-err forked
sh python3 standbys.py $RUNNER > pids && test $(wc -l < pids) = 2
copy comment.c lib.c
expect-err forked
sh rm -f lib-trace.json
copy v2.c lib.c
expect-err patched
sh python3 trace-preamble.py lib-trace.json
send go
expect ^v2
expect-err forked
sh python3 standbys.py $RUNNER > pids && kill -9 $(cat pids) && echo killed $(wc -l < pids)
copy v3.c lib.c
expect-err forked
send go
expect ^v3
sh python3 standbys.py $RUNNER > pids
close
sh n=0; for p in $(cat pids); do kill -0 $p 2>/dev/null && n=$((n+1)); done; echo left running: $n

//--- script-off
hccrun --verbose -- ./prog
expect-err watching
copy v2.c lib.c
expect-err patched
send go
expect ^v2
sh python3 standbys.py $RUNNER | wc -l | sed 's/^/standbys: /'
close

//--- standbys.py
# Finds the standby children of hcc run (pid argv[1]) by their name: their
# pids on stdout, and on stderr the files their descriptors name ("socket"
# for a socket).
import os
import sys

for pid in sorted(os.listdir("/proc"), key=lambda p: (len(p), p)):
    if not pid.isdigit():
        continue
    try:
        with open("/proc/%s/stat" % pid) as f:
            stat = f.read()
        with open("/proc/%s/comm" % pid) as f:
            comm = f.read().strip()
        fds = sorted(os.listdir("/proc/%s/fd" % pid), key=int)
        names = [os.readlink("/proc/%s/fd/%s" % (pid, fd)) for fd in fds]
    except OSError:
        continue  # gone meanwhile
    ppid = stat.rsplit(")", 1)[1].split()[1]
    if ppid != sys.argv[1] or comm != "hcc standby":
        continue
    print(pid)
    sys.stderr.write("standby: %s\n" % " ".join(
        "socket" if n.startswith("socket:") else n for n in names))

//--- trace-preamble.py
# Whether the compile that wrote the trace read a precompiled preamble.
import json
import sys

events = json.load(open(sys.argv[1]))["traceEvents"]
read = any(e.get("name") == "ReadAST" and "preamble" in
           e.get("args", {}).get("detail", "") for e in events)
print("trace: preamble %s" % ("read" if read else "not read"))

//--- v1.c
#include <stdio.h>
void scenario_command(const char *command) { (void)command; printf("v1\n"); }

//--- comment.c
#include <stdio.h>
// Only a comment changed: compiled, nothing to link.
void scenario_command(const char *command) { (void)command; printf("v1\n"); }

//--- v2.c
#include <stdio.h>
void scenario_command(const char *command) { (void)command; printf("v2\n"); }

//--- v3.c
#include <stdio.h>
void scenario_command(const char *command) { (void)command; printf("v3\n"); }
