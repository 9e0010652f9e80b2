//===- Hashing.h - xxhash for the GCC plugin ------------------------------===//
//
// Apart from the rest because gcc's headers poison malloc, which xxhash.h
// uses: Hashing.cpp includes no gcc header.
//
//===----------------------------------------------------------------------===//
#ifndef HOTPATCH_PLUGIN_GCC_HASHING_H
#define HOTPATCH_PLUGIN_GCC_HASHING_H

#include <cstdint>
#include <string>

namespace hotpatch_gcc {

struct Hash128 {
  uint64_t Lo = 0, Hi = 0;
};

/// XXH3-128 of \p Bytes.
Hash128 hash128(const std::string &Bytes);

/// XXH3-64 of \p Bytes.
uint64_t hash64(const std::string &Bytes);

} // namespace hotpatch_gcc

#endif
