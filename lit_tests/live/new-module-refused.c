// A unit whose module the process does not have (as a new source file's
// would be) is refused by the plugin: hcc patch exits 4 ("cannot be applied
// live"), not 3 ("did not compile"), although the plugin's message does not
// say "cannot patch".  hcc learns it from the plugin's refusals file.  The
// process has every recorded module, so a compiler wrapper gives the patch
// compile of lib.c another module id.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: sed 's|@CC@|%cc|' other-module.in > other-module.sh && chmod +x other-module.sh
// RUN: env %cc_var=%t/other-module.sh %drive script | FileCheck %s
//
// CHECK: out: v1
// CHECK: error: hotpatch: module 'lib.c:lib.o.added' is not part of the running program; rebuild and restart it to add new source files
// CHECK: hcc: error: not patched: the change to lib.c cannot be applied live (see above); process {{[0-9]+}} keeps running generation 0
// CHECK-NEXT: patch exit=4
// CHECK-NEXT: out: v1
// CHECK-NEXT: {{[0-9]+}} generation=0

//--- script
start ./prog
expect ^ready
send go
expect ^v1
copy v2.c lib.c
patch
send go
expect ^v1
hcc status --pid PID
close

//--- other-module.in
#!/bin/sh
# The module id hcc gives lib.c gets ".added".
n=$#
while [ "$n" -gt 0 ]; do
  a=$1
  shift
  n=$((n - 1))
  case $a in
  -fplugin-arg-hotpatch-module-id=lib.c* | -fplugin-arg-hotpatch_gcc-module-id=lib.c*) a="$a.added" ;;
  esac
  set -- "$@" "$a"
done
exec @CC@ "$@"

//--- v1.c
#include <stdio.h>
void scenario_command(const char *command) {
  (void)command;
  puts("v1");
}

//--- v2.c
#include <stdio.h>
void scenario_command(const char *command) {
  (void)command;
  puts("v2");
}
