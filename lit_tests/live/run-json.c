// hcc run --json writes one JSON object per line on stdout for each event:
// the start, each build (the units and the file that made them dirty),
// each patch's result (applied, compile-error, refused, with the reasons)
// and the program's exit.  The program's own output shares the stream.
// The events are parsed by python's json module and checked against what
// the script knows: the pid the program printed, the file each save
// touched, the generation each result leaves the process at.  The
// process's history has the one applied patch, by hcc run.  loop.c keeps
// its old time (cp -p): a copy in its compile's clock tick looks changed.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp -p %S/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: %drive script > out.txt; cat out.txt | FileCheck %s
// RUN: python3 check.py out.txt
//
// CHECK: out: {"event":"start","pid":{{[0-9]+}},"program":"./prog","watching":{{[0-9]+}}}
// CHECK: out: v1
// CHECK: out: {"event":"patch",{{.*}}"result":"applied"
// CHECK: out: v2
// CHECK: out: {"event":"patch",{{.*}}"result":"compile-error"
// CHECK: out: {"event":"patch",{{.*}}"result":"refused"
// CHECK: out: v2
// CHECK: out: {"event":"exit",{{.*}}"code":0,
// CHECK: exit=0

//--- script
hccrun --json -- ./prog
expect "event":"start"
send go
expect ^v1
copy v2.c lib.c
expect "event":"patch"
send go
expect ^v2
copy broken.c lib.c
expect "event":"patch"
copy v3.c lib.c
expect "event":"patch"
send go
expect ^v2
sh hcc status --pid $PID --history --json > history.json
send quit
wait

//--- v1.c
#include <stdio.h>
int total;
void scenario_command(const char *command) {
  (void)command;
  printf("v1 total=%d\n", total += 1);
}

//--- v2.c
#include <stdio.h>
int total;
void scenario_command(const char *command) {
  (void)command;
  printf("v2 total=%d\n", total += 1);
}

//--- broken.c
#include <stdio.h>
int total;
void scenario_command(const char *command) {
  (void)command;
  printf("broken total=%d\n", total += 1)
}

//--- v3.c
#include <stdio.h>
long total;
void scenario_command(const char *command) {
  (void)command;
  printf("v3 total=%ld\n", total += 1);
}

//--- check.py
import json
import re
import sys

pid = None
events = []
for line in open(sys.argv[1]):
    m = re.match(r"out: ready pid=(\d+)$", line)
    if m:
        pid = int(m.group(1))
    if line.startswith("out: {"):
        events.append(json.loads(line[len("out: "):]))
assert pid, "the program printed no pid"
kinds = [e["event"] for e in events]
assert kinds == ["start", "build", "patch", "build", "patch", "build", "patch", "exit"], kinds
assert all(e["pid"] == pid for e in events), (pid, events)
start, b1, applied, b2, broken, b3, refused, end = events

assert start["program"] == "./prog" and start["watching"] >= 2, start
for build in (b1, b2, b3):
    assert build["units"] == [{"file": "lib.c", "changed_file": "lib.c"}], build
assert [b["generation"] for b in (b1, b2, b3)] == [0, 1, 1], (b1, b2, b3)

assert applied["result"] == "applied" and applied["exit"] == 0, applied
assert applied["generation"] == 1 and applied["error"] is None, applied
[unit] = applied["units"]
assert unit["file"] == "lib.c" and unit["changed"] == ["scenario_command"], unit
assert unit["new"] == [] and unit["new_data"] == [], unit
assert applied["compile_errors"] == [] and applied["refusals"] == [], applied
stages = applied["stages_ms"]
assert all(stages[s] >= 0 for s in ("detect", "compile", "link", "apply")), stages
assert applied["ms"] >= stages["compile"], applied

assert broken["result"] == "compile-error" and broken["exit"] == 3, broken
assert broken["generation"] == 1 and broken["compile_errors"] == ["lib.c"], broken
assert "lib.c did not compile" in broken["error"], broken

assert refused["result"] == "refused" and refused["exit"] == 4, refused
assert refused["generation"] == 1, refused
[refusal] = refused["refusals"]
assert refusal["file"] == "lib.c" and refusal["kind"] == "layout", refusal
assert "'total'" in refusal["message"], refusal

assert end == {"event": "exit", "pid": pid, "code": 0, "signal": None, "status": 0,
               "running": False}, end
[entry] = json.load(open("history.json"))["history"]
assert entry["by"] == "run" and entry["files"] == ["lib.c"], entry
assert entry["changed"] == ["scenario_command"] and entry["reverted"] == "no", entry
print("check.py: all checks passed")
