//===- NoPolly.cpp - Polly's entry point, empty, for the static build -----===//
//
// Debian's clang libraries were built with Polly linked into the tools:
// clangCodeGen registers it through getPollyPluginInfo(), which the shared
// libLLVM provides but no static library does.  lib/hotpatch-toolchain
// links the static ones, so it gets this entry point, which registers
// nothing.  hcc never hands the executable a command that asks for Polly
// (-mllvm -polly...): those run the clang executable (driver/resident.c).
//
//===----------------------------------------------------------------------===//
#include "llvm/Config/llvm-config.h"
#include "llvm/Passes/PassPlugin.h"

static void registerNothing(llvm::PassBuilder &) {
}

llvm::PassPluginLibraryInfo getPollyPluginInfo() {
  return {LLVM_PLUGIN_API_VERSION, "Polly", LLVM_VERSION_STRING,
          registerNothing};
}
