// hcc status --history lists every patch the process applied, from the
// process's own record: patches by hcc patch, a revert (marked "request"),
// a refused patch (not a generation: it is not listed), and a patch after
// them.  One unit has a file name that needs escaping in JSON and in the
// control request (a quote, a space, a comma, a percent sign).  Every
// --json output (status, status --history, patch, revert, inspect) is
// parsed by python's json module and checked against what the script
// knows: which file and function each edit touched, the generations, and
// the wall-clock window the patches were applied in (taken with date).
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/Inputs/loop.c loop.c && cp lib.v1.c lib.c && cp odd.v1.c 'odd "name",%.c'
// RUN: touch -d '1 hour ago' loop.c lib.c 'odd "name",%.c'
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc -O2 -c 'odd "name",%.c' -o odd.o
// RUN: %hcc loop.o lib.o odd.o -o prog
// RUN: %drive script > out.txt; cat out.txt | FileCheck %s
// RUN: python3 check.py
//
// CHECK: out: v1 odd=1
// CHECK: hcc: patched lib.c: scenario_command (generation 1,
// CHECK-NEXT: patch exit=0
// CHECK: out: v2 odd=1
// CHECK: sh exit=0
// CHECK: out: v2 odd=2
// CHECK: hcc: reverted to generation 1
// CHECK: sh exit=0
// CHECK: out: v2 odd=1
// CHECK: error: hotpatch: cannot patch global 'total' of lib.c
// CHECK: sh exit=4
// CHECK: hcc: patched lib.c: scenario_command (generation 2,
// CHECK-NEXT: patch exit=0
// CHECK: out: v4 odd=1
//
// The human listing: three patches, the second reverted by request.
// CHECK: {{^[0-9]+}} generation=2 modules=3 functions={{[0-9]+}} {{.*}}/prog
// CHECK-NEXT:   patch 1: generation 1, {{[-0-9]+ [:0-9]+}}, by hcc patch
// CHECK-NEXT:     files: lib.c
// CHECK-NEXT:     changed: scenario_command
// CHECK-NEXT:     stages: detect {{[0-9.]+}} ms, compile {{[0-9.]+}} ms, link {{[0-9.]+}} ms, apply {{[0-9.]+}} ms
// CHECK-NEXT:     patch file: {{.*}}patch.so
// CHECK-NEXT:   patch 2: generation 2, {{[-0-9]+ [:0-9]+}}, by hcc patch; reverted by request at {{[-0-9]+ [:0-9]+}}
// CHECK-NEXT:     files: odd "name",%.c
// CHECK-NEXT:     changed: {{.*}}odd_helper
// CHECK:   patch 3: generation 2, {{.*}}, by hcc patch
// CHECK-NEXT:     files: lib.c
// CHECK: hcc exit=0
// CHECK: exit=0

//--- script
start ./prog
expect ^ready
send go
expect ^v1
sh date +%s.%N > t0
copy lib.v2.c lib.c
patch
send go
expect ^v2
copy odd.v2.c odd\ \"name\",%.c
sh hcc patch --pid $PID --json > patch.json
send go
expect ^v2
sh hcc revert --pid $PID --json > revert.json
copy odd.v1.c odd\ \"name\",%.c
send go
expect ^v2
copy lib.v3.c lib.c
sh hcc patch --pid $PID --json > refused.json
copy lib.v4.c lib.c
patch
send go
expect ^v4
sh date +%s.%N > t1
sh hcc status --pid $PID --json > status.json
sh hcc status --pid $PID --history --json > history.json
sh hcc inspect --json prog odd.o > inspect.json
hcc status --pid PID --history
close

//--- lib.v1.c
#include <stdio.h>
int total;
int odd_value(void);
void scenario_command(const char *command) {
  (void)command;
  total++;
  printf("v1 odd=%d\n", odd_value());
}

//--- lib.v2.c
#include <stdio.h>
int total;
int odd_value(void);
void scenario_command(const char *command) {
  (void)command;
  total++;
  printf("v2 odd=%d\n", odd_value());
}

//--- lib.v3.c
#include <stdio.h>
long total;
int odd_value(void);
void scenario_command(const char *command) {
  (void)command;
  total++;
  printf("v3 odd=%d\n", odd_value());
}

//--- lib.v4.c
#include <stdio.h>
int total;
int odd_value(void);
void scenario_command(const char *command) {
  (void)command;
  total++;
  printf("v4 odd=%d\n", odd_value());
}

//--- odd.v1.c
/* A volatile read: -O2 can neither fold the helper's result into its
** caller nor then drop the helper. */
static volatile int odd_base;
__attribute__((noinline)) static int odd_helper(void) { return odd_base + 1; }
int odd_value(void) { return odd_helper(); }

//--- odd.v2.c
static volatile int odd_base;
__attribute__((noinline)) static int odd_helper(void) { return odd_base + 2; }
int odd_value(void) { return odd_helper(); }

//--- check.py
import json

ODD = 'odd "name",%.c'
t0 = float(open("t0").read())
t1 = float(open("t1").read())


def lines(path):
    return [json.loads(line) for line in open(path) if line.strip()]


def one(path):
    objects = lines(path)
    assert len(objects) == 1, (path, objects)
    return objects[0]


# hcc patch --json: a build event for the odd unit, then the result.
build, patch = lines("patch.json")
assert build["event"] == "build", build
assert [u["file"] for u in build["units"]] == [ODD], build
assert build["units"][0]["changed_file"] == ODD, build
assert build["generation"] == 1, build
pid = build["pid"]
assert patch["event"] == "patch" and patch["pid"] == pid, patch
assert patch["result"] == "applied" and patch["exit"] == 0, patch
assert patch["generation"] == 2 and patch["error"] is None, patch
[unit] = patch["units"]
assert unit["file"] == ODD, unit
# odd_helper changed; -O2 may have folded its result into odd_value too
assert ODD + ":odd.o:odd_helper" in unit["changed"], unit
assert unit["module"].startswith(ODD + ":"), unit
assert all(patch["stages_ms"][s] >= 0 for s in ("detect", "compile", "link", "apply"))

revert = one("revert.json")
assert revert == {"event": "revert", "pid": pid, "result": "reverted", "exit": 0,
                  "generation": 1, "error": None}, revert

# The refused patch: exit 4, the layout refusal of lib.c, still generation 1.
build, refused = lines("refused.json")
assert refused["result"] == "refused" and refused["exit"] == 4, refused
assert refused["generation"] == 1, refused
[refusal] = refused["refusals"]
assert refusal["file"] == "lib.c" and refusal["kind"] == "layout", refusal
assert "'total'" in refusal["message"], refusal
assert "cannot be applied live" in refused["error"], refused

status = one("status.json")
assert status["pid"] == pid and status["generation"] == 2, status
assert status["modules"] == 3, status
assert [a["generation"] for a in status["applied"]] == [1, 2], status
assert status["program"].endswith("/prog"), status
assert "history" not in status, status

history = one("history.json")
assert history["patches_total"] == 3, history
entries = history["history"]
assert [e["serial"] for e in entries] == [1, 2, 3], entries
assert [e["generation"] for e in entries] == [1, 2, 2], entries
assert [e["files"] for e in entries] == [["lib.c"], [ODD], ["lib.c"]], entries
assert [e["reverted"] for e in entries] == ["no", "request", "no"], entries
assert [e["by"] for e in entries] == ["patch"] * 3, entries
assert entries[0]["changed"] == ["scenario_command"], entries[0]
assert entries[1]["changed"] == unit["changed"], entries[1]
assert entries[2]["changed"] == ["scenario_command"], entries[2]
assert all(e["new"] == [] for e in entries), entries
times = [e["applied"] for e in entries]
assert t0 <= times[0] <= times[1] <= times[2] <= t1, (t0, times, t1)
assert times[1] <= entries[1]["reverted_at"] <= times[2], entries[1]
assert entries[0]["reverted_at"] is None, entries[0]
for e in entries:
    assert all(e["stages_ms"][s] >= 0 for s in ("detect", "compile", "link", "apply")), e
    assert e["path"].endswith("/patch.so"), e
# the status's applied patches are the history's unreverted ones
assert [a["path"] for a in status["applied"]] == [entries[0]["path"], entries[2]["path"]]

# hcc inspect --json: the program has the three modules, odd.o the one
# with the escaped name, with its function.
prog, odd = lines("inspect.json")
ids = sorted(m["id"] for m in prog["modules"])
assert ids == sorted(["loop.c:loop.o", "lib.c:lib.o", ODD + ":odd.o"]), ids
assert prog["file"] == "prog" and prog["patches"] == [], prog
[module] = odd["modules"]
assert module["id"] == ODD + ":odd.o" and len(module["hash"]) == 32, module
functions = {e["id"] for e in module["entries"] if e["kind"] == "function"}
assert functions == {"odd_value", ODD + ":odd.o:odd_helper"}, functions
print("check.py: all checks passed")
