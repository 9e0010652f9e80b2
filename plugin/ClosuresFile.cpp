//===- ClosuresFile.cpp - The closures file's text ------------------------===//
//
//   hotpatch-closures 4 <context>
//   outside <32 hex digits, or ->
//   <closure hash> <final hash> <tokens hash> <stable id>   (per function;
//                                                            - for none)
//   last-call <callee> <caller>                             (per call)
//   scan <16 hex digits: outside the bodies>                (if scanned)
//   body <16 hex digits: key> <offset> <name>               (per body)
//   refs <name> <name>...                                   (per function)
//   threads <name>                                          (per function)
//   unsafe                       (a unit where every function needs IR)
//
// The id comes last: a module id may hold spaces.  A function's hashes are
// 32 hex digits or -, so a row never starts with one of the keywords.
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

constexpr StringRef Magic = "hotpatch-closures 4 ";
constexpr StringRef LastCallKey = "last-call ";
constexpr StringRef OutsideKey = "outside ";
constexpr StringRef ScanKey = "scan ";
constexpr StringRef BodyKey = "body ";
constexpr StringRef RefsKey = "refs ";
constexpr StringRef ThreadsKey = "threads ";
constexpr StringRef UnsafeKey = "unsafe";

std::optional<Hash128> parseOptionalHash(StringRef Text) {
  Hash128 H;
  if (parseHash128(Text, H))
    return H;
  return std::nullopt;
}

std::string optionalHex(const std::optional<Hash128> &H) {
  return H ? hex128(*H) : "-";
}

/// A line of the front end's records into \p File; false if \p Line is
/// none of them.
bool parseScanLine(StringRef Line, ClosuresFile &File) {
  uint64_t Value = 0, Offset = 0;
  if (Line.consume_front(ScanKey)) {
    if (!Line.getAsInteger(16, Value))
      File.Scan = BodyScan{Value, {}};
  } else if (Line.consume_front(BodyKey)) {
    auto [Key, Rest] = Line.split(' ');
    auto [At, Name] = Rest.split(' ');
    if (File.Scan && !Key.getAsInteger(16, Value) &&
        !At.getAsInteger(10, Offset) && !Name.empty())
      File.Scan->Bodies.push_back({Name.str(), Value, Offset});
  } else if (Line.consume_front(RefsKey)) {
    SmallVector<StringRef, 8> Names;
    Line.split(Names, ' ', -1, /*KeepEmpty=*/false);
    if (!Names.empty())
      File.References[Names.front()].assign(Names.begin() + 1, Names.end());
  } else if (Line.consume_front(ThreadsKey)) {
    File.ThreadStarters.insert(Line);
  } else if (Line == UnsafeKey) {
    File.UnitUnsafe = true;
  } else {
    return false;
  }
  return true;
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
    if (parseScanLine(Line, File))
      continue;
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
  raw_string_ostream OS(Text);
  if (Scan) {
    OS << ScanKey << format_hex_no_prefix(Scan->Outside, 16) << '\n';
    for (const ScannedBody &B : Scan->Bodies)
      OS << BodyKey << format_hex_no_prefix(B.Key, 16) << ' ' << B.Offset << ' '
         << B.Name << '\n';
  }
  for (const auto &[Name, Callees] : References) {
    OS << RefsKey << Name;
    for (const std::string &Callee : Callees)
      OS << ' ' << Callee;
    OS << '\n';
  }
  for (const auto &Name : ThreadStarters)
    OS << ThreadsKey << Name.getKey() << '\n';
  if (UnitUnsafe)
    OS << UnsafeKey << '\n';
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
