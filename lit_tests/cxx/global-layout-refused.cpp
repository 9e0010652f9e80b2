// A data member added to the class of a global changes the global's
// layout: its value cannot be kept, so the patch is refused naming the
// global as people read it (and its mangled name), exit 4, nothing
// applied; the same member added to a class only locals use is patched.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp v1.cpp game.cpp
// RUN: %hcc -O0 -c loop.c -o loop.o && %hcc++ -O0 -c game.cpp -o game.o
// RUN: %hcc++ loop.o game.o -o prog
// RUN: %drive script | FileCheck %s
//
// CHECK: out: score=1 local=5
// CHECK: error: hotpatch: cannot patch global 'game::player' (_ZN4game6playerE) of game.cpp: its type changed from struct.game::Player{i32,} (4 bytes) to struct.game::Player{i32,i32,} (8 bytes) and its value could not be kept
// CHECK: patch exit=4
// CHECK-NEXT: out: score=2 local=5
// CHECK: hcc: patched game.cpp: scenario_command (generation 1,
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: score=3 local=11

//--- script
start ./prog
expect ^ready
send go
expect ^score=
copy v2.cpp game.cpp
patch
send go
expect ^score=
copy v3.cpp game.cpp
patch
send go
expect ^score=
close

//--- v1.cpp
#include <cstdio>
namespace game {
struct Player { int score; };
struct Move { int dx; };
Player player;
}
extern "C" void scenario_command(const char *) {
  game::Move m{5};
  game::player.score++;
  std::printf("score=%d local=%d\n", game::player.score, m.dx);
}

//--- v2.cpp
#include <cstdio>
namespace game {
struct Player { int score; int lives; };
struct Move { int dx; };
Player player;
}
extern "C" void scenario_command(const char *) {
  game::Move m{5};
  game::player.score++;
  std::printf("score=%d local=%d\n", game::player.score, m.dx);
}

//--- v3.cpp
#include <cstdio>
namespace game {
struct Player { int score; };
struct Move { int dx; int dy; };
Player player;
}
extern "C" void scenario_command(const char *) {
  game::Move m{5, 6};
  game::player.score++;
  std::printf("score=%d local=%d\n", game::player.score, m.dx + m.dy);
}
