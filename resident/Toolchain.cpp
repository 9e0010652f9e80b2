//===- Toolchain.cpp - hotpatch_toolchain.h, the C interface --------------===//
//
// The functions hcc finds with dlsym.  Loading the plugin here, in the
// process that forks, is what makes a child's -fplugin= free: clang's
// plugin loader dlopens a library that is already loaded and relocated.
//
//===----------------------------------------------------------------------===//
#include "Resident.h"

extern "C" {
#include "hotpatch_toolchain.h"
}

#include <cstdio>
#include <dlfcn.h>

#ifndef HOTPATCH_LLVM_TOOLS_DIR
#error "HOTPATCH_LLVM_TOOLS_DIR must name the LLVM bin directory"
#endif

using namespace hotpatch::resident;

extern "C" {

__attribute__((visibility("default"))) int hotpatch_toolchain_abi(void) {
  return HOTPATCH_TOOLCHAIN_ABI;
}

__attribute__((visibility("default"))) const char *
hotpatch_toolchain_clang_path(void) {
  return HOTPATCH_LLVM_TOOLS_DIR "/clang";
}

__attribute__((visibility("default"))) int
hotpatch_toolchain_prepare(const char *plugin, char *err,
                           unsigned long errlen) {
  registerTargets();
  // RTLD_GLOBAL as llvm::sys::DynamicLibrary opens plugins: the child's
  // dlopen of the same path then only takes another reference.
  if (plugin && !dlopen(plugin, RTLD_LAZY | RTLD_GLOBAL)) {
    std::snprintf(err, errlen, "%s", dlerror());
    return -1;
  }
  return 0;
}

__attribute__((visibility("default"))) int
hotpatch_toolchain_clang(int argc, const char **argv) {
  return runClang({argv, static_cast<size_t>(argc)});
}

__attribute__((visibility("default"))) int
hotpatch_toolchain_preamble(const char *dir, int argc, const char **argv) {
  return buildPreamble(dir, {argv, static_cast<size_t>(argc)});
}

__attribute__((visibility("default"))) int
hotpatch_toolchain_lld(int argc, const char **argv) {
  return runLld({argv, static_cast<size_t>(argc)});
}

} // extern "C"
