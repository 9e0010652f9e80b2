// A patched member function faults (a NULL member pointer dereferenced) and
// the patch is reverted as in C (safety/fault-resume.c): the runtime names
// the function (its mangled id: demangling is not async-signal-safe), points
// the slots back at generation 0 and sends the thread to the command loop's
// resume point; the process goes on with the same pid and the old member
// function, whose object kept its state, and takes a good patch after.
// -O0 and -O2.
//
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: for O in O0 O2; do mkdir -p $O/.hotpatch && cp main.cpp account.h v1.cpp v2.cpp v3.cpp script $O/ && cd $O && cp v1.cpp account.cpp && %hcc++ -$O -c main.cpp -o main.o && %hcc++ -$O -c account.cpp -o account.o && %hcc++ main.o account.o -o prog && cd .. || exit 1; done
// RUN: cd %t/O0 && %drive script | FileCheck %s
// RUN: cd %t/O2 && %drive script | FileCheck %s
//
// CHECK: out: ready pid=[[PID:[0-9]+]]
// CHECK-NEXT: out: balance=21 generation=0
// CHECK-NEXT: out: balance=22 generation=0
// CHECK: hcc: patched account.cpp: Account::balance() const
// CHECK-NEXT: patch exit=0
// CHECK: err: hotpatch: patched function '_ZNK7Account7balanceEv' (generation 1) faulted with SIGSEGV at _ZNK7Account7balanceEv+0x{{[0-9a-f]+}} in module account.cpp{{.*}}; patch {{.*}}
// CHECK-NEXT: err: hotpatch: reverted to generation 0
// CHECK-NEXT: err: hotpatch: resuming this thread at its resume point (HOTPATCH_RESUME_POINT)
// CHECK-NEXT: err: hotpatch: resumed at the resume point; generation 0
// CHECK: out: resumed after a fault
// The deposit of the faulting command was made before the call: kept.
// CHECK-NEXT: out: balance=23 generation=0
// CHECK: hcc: patched account.cpp: Account::balance() const
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: balance=2400 generation=1
// CHECK: out: bye pid=[[PID]]
// CHECK-NEXT: exit=0

//--- script
start ./prog
expect ^ready
send deposit
expect ^balance=
send deposit
expect ^balance=
copy v2.cpp account.cpp
patch
send deposit
expect-err resumed at the resume point
send show
expect ^balance=
copy v3.cpp account.cpp
patch
send deposit
expect ^balance=
close

//--- account.h
#pragma once
struct Ledger {
  int fee;
};
class Account {
public:
  explicit Account(int opening) : cents_(opening) {}
  void deposit(int cents) { cents_ += cents; }
  int balance() const;

private:
  int cents_;
  Ledger *ledger_ = nullptr; // never attached
};

//--- main.cpp
#include "account.h"
#include <cstdio>
#include <cstring>
#include <hotpatch.h>
#include <unistd.h>

static Account account(20);
// Set while a command runs: still set at the resume point after a fault.
static volatile bool in_command;

int main() {
  char line[256];
  std::printf("ready pid=%d\n", (int)getpid());
  std::fflush(stdout);
  for (;;) {
    HOTPATCH_RESUME_POINT();
    if (in_command) {
      in_command = false;
      std::printf("resumed after a fault\n");
      std::fflush(stdout);
    }
    if (!std::fgets(line, sizeof line, stdin) ||
        std::strncmp(line, "quit", 4) == 0)
      break;
    in_command = true;
    if (std::strncmp(line, "deposit", 7) == 0)
      account.deposit(1);
    std::printf("balance=%d generation=%lu\n", account.balance(),
                hotpatch_generation());
    in_command = false;
    std::fflush(stdout);
  }
  hotpatch_resume_clear();
  std::printf("bye pid=%d\n", (int)getpid());
  return 0;
}

//--- v1.cpp
#include "account.h"
int Account::balance() const { return cents_; }

//--- v2.cpp
#include "account.h"
int Account::balance() const { return cents_ - ledger_->fee; }

//--- v3.cpp
#include "account.h"
int Account::balance() const { return cents_ * 100; }
