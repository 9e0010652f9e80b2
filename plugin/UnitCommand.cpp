//===- UnitCommand.cpp - The compile an object carries --------------------===//
//
// Every object the plugin builds under clang carries the compile that made
// it: section hotpatch_unit (format in include/hotpatch_abi.h), one line of
// the module id, the working directory, the source and the `clang -cc1`
// arguments that ClangAction.cpp captured.  `hcc patch` rebuilds a unit
// from it when no build database records the compile: an object that came
// out of ccache (hcc did not run), a program built with plain
// `clang -fplugin=hotpatch.so` (no hcc at all).
//
// The section is not allocated, so it costs the running program nothing;
// module-level assembly is the one way LLVM IR can say so (a global in a
// named section is always allocated).
//
//===----------------------------------------------------------------------===//
#include "Hotpatch.h"
#include "hotpatch_abi.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/TargetParser/Triple.h"

using namespace llvm;

namespace hotpatch {
namespace {

/// TAB, then \p Field escaped as hcc's build database escapes it.
void addField(std::string &Line, StringRef Field) {
  Line += '\t';
  for (char C : Field) {
    if (C == '\\')
      Line += "\\\\";
    else if (C == '\t')
      Line += "\\t";
    else if (C == '\n')
      Line += "\\n";
    else
      Line += C;
  }
}

/// \p Text as the operand of an assembler .ascii directive: printable
/// ASCII but '"' and '\' as is, every other byte in octal.
std::string asciiOperand(StringRef Text) {
  std::string Out = "\"";
  raw_string_ostream OS(Out);
  for (unsigned char C : Text) {
    if (C >= 0x20 && C < 0x7f && C != '"' && C != '\\')
      OS << C;
    else
      OS << '\\' << char('0' + (C >> 6)) << char('0' + ((C >> 3) & 7))
         << char('0' + (C & 7));
  }
  OS << '"';
  return Out;
}

} // namespace

void emitUnitCommand(Module &M, StringRef ModuleId) {
  const PluginConfig &C = pluginConfig();
  if (C.UnitArgs.empty() || !Triple(M.getTargetTriple()).isOSBinFormatELF())
    return;
  std::string Line = HOTPATCH_UNIT_MAGIC "\t1";
  addField(Line, ModuleId);
  addField(Line, C.UnitCwd);
  addField(Line, C.UnitSource);
  for (const std::string &Arg : C.UnitArgs)
    addField(Line, Arg);
  Line += '\n';
  M.appendModuleInlineAsm((Twine("\t.pushsection ") + HOTPATCH_UNIT_SECTION +
                           ",\"\",%progbits\n\t.ascii " + asciiOperand(Line) +
                           "\n\t.byte 0\n\t.popsection")
                              .str());
}

} // namespace hotpatch
