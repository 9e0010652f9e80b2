//===- ClosuresFile.cpp - The closures file's text ------------------------===//
//
//   hotpatch-closures 3 <context>
//   outside <32 hex digits, or ->
//   <closure hash> <final hash> <tokens hash> <stable id>   (per function;
//                                                            - for none)
//   last-call <callee> <caller>                             (per call)
//
// The id comes last: a module id may hold spaces.  A function's hashes are
// 32 hex digits or -, so a row never starts with "last-call ".
//
//===----------------------------------------------------------------------===//
#include "ClosuresFile.h"
#include "ModuleFacts.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

using namespace llvm;

namespace hotpatch {
namespace {

constexpr StringRef Magic = "hotpatch-closures 3 ";
constexpr StringRef LastCallKey = "last-call ";
constexpr StringRef OutsideKey = "outside ";

std::optional<Hash128> parseOptionalHash(StringRef Text) {
  Hash128 H;
  if (parseHash128(Text, H))
    return H;
  return std::nullopt;
}

std::string optionalHex(const std::optional<Hash128> &H) {
  return H ? hex128(*H) : "-";
}

ClosuresFile parse(StringRef Path) {
  ClosuresFile File;
  auto Buffer = MemoryBuffer::getFile(Path);
  if (!Buffer)
    return File;
  SmallVector<StringRef, 0> Lines;
  (*Buffer)->getBuffer().split(Lines, '\n');
  if (Lines.size() < 2 || !Lines[0].starts_with(Magic) ||
      !Lines[1].starts_with(OutsideKey))
    return File;
  File.Context = Lines[0].drop_front(Magic.size()).str();
  File.Outside = parseOptionalHash(Lines[1].drop_front(OutsideKey.size()));
  for (StringRef Line : ArrayRef(Lines).drop_front(2)) {
    if (Line.consume_front(LastCallKey)) {
      File.LastCalls.insert(Line);
      continue;
    }
    auto [ClosureHex, Rest] = Line.split(' ');
    auto [FinalHex, Rest2] = Rest.split(' ');
    auto [TokensHex, Id] = Rest2.split(' ');
    if (!Id.empty())
      File.Functions[Id] = {parseOptionalHash(ClosureHex),
                            parseOptionalHash(FinalHex),
                            parseOptionalHash(TokensHex)};
  }
  return File;
}

/// What recorded() read, and from where.
struct RecordedCache {
  std::string Path;
  std::optional<ClosuresFile> File;
};

RecordedCache &recordedCache() {
  static RecordedCache Cache;
  return Cache;
}

} // namespace

const ClosuresFile &ClosuresFile::recorded(StringRef Path) {
  RecordedCache &Cache = recordedCache();
  if (!Cache.File || Cache.Path != Path) {
    Cache.Path = Path.str();
    Cache.File = parse(Path);
  }
  return *Cache.File;
}

void ClosuresFile::write(StringRef Path) const {
  if (recordedCache().Path == Path)
    recordedCache().File.reset();
  std::string Text =
      (Magic + Context + "\n" + OutsideKey + optionalHex(Outside) + "\n").str();
  for (const auto &[Id, R] : Functions)
    Text += optionalHex(R.Closure) + " " + optionalHex(R.Final) + " " +
            optionalHex(R.Tokens) + " " + Id.str() + "\n";
  for (const auto &Call : LastCalls)
    Text += (LastCallKey + Call.getKey() + "\n").str();
  consumeError(writeToOutput(Path, [&](raw_ostream &OS) {
    OS << Text;
    return Error::success();
  }));
}

std::string closuresFilePath(StringRef ModuleId) {
  if (pluginConfig().Closures.empty())
    return "";
  std::string Path;
  // Named by the module id, which may hold any character.
  raw_string_ostream OS(Path);
  OS << pluginConfig().Closures << '/'
     << format_hex_no_prefix(XXH3_64bits(ModuleId.data(), ModuleId.size()), 16)
     << ".txt";
  return Path;
}

} // namespace hotpatch
