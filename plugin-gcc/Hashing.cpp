//===- Hashing.cpp - xxhash for the GCC plugin ----------------------------===//
#include "Hashing.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace hotpatch_gcc {

Hash128 hash128(const std::string &Bytes) {
  XXH128_hash_t H = XXH3_128bits(Bytes.data(), Bytes.size());
  return {H.low64, H.high64};
}

uint64_t hash64(const std::string &Bytes) {
  return XXH3_64bits(Bytes.data(), Bytes.size());
}

} // namespace hotpatch_gcc
