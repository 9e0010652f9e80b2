//===- AsmWriter.cpp - x86-64 ELF assembly for stubs and descriptors ------===//
//
// The one target-specific file of the GCC plugin (see AsmWriter.h).  The
// stub is what plugin/JumpStubs.cpp has clang emit: `jmpq *F.hp.slot(%rip)`,
// a plain load being an acquire load on x86-64.  With -fcf-protection
// every function that may be reached indirectly starts with endbr64.
//
//===----------------------------------------------------------------------===//
#include "AsmWriter.h"

#include "GccPlugin.h"
#include "hotpatch_abi.h"
#include "options.h"
#include "flag-types.h"

namespace hotpatch_gcc {
namespace {

bool indirectBranchTracking() {
  return (flag_cf_protection & CF_BRANCH) != 0;
}

} // namespace

AsmWriter::AsmWriter(FILE *Out) : Out(Out) {
  fputs("\t.pushsection .text\n", Out);
}

AsmWriter::~AsmWriter() {
  fputs("\t.popsection\n", Out);
}

void AsmWriter::stub(const std::string &Name, const std::string &Slot,
                     const std::string &Binding, const std::string &Visibility,
                     bool Spread) {
  // 32 bytes apart, as clang's stubs (plugin/JumpStubs.cpp says why).
  fprintf(Out, "\t.text\n\t.p2align %d\n", Spread ? 5 : 4);
  if (!Binding.empty())
    fprintf(Out, "\t.%s %s\n", Binding.c_str(), Name.c_str());
  if (!Visibility.empty())
    fprintf(Out, "\t.%s %s\n", Visibility.c_str(), Name.c_str());
  fprintf(Out, "\t.type %s, @function\n%s:\n", Name.c_str(), Name.c_str());
  if (indirectBranchTracking())
    fputs("\tendbr64\n", Out);
  fprintf(Out, "\tjmpq *%s(%%rip)\n\t.size %s, .-%s\n", Slot.c_str(),
          Name.c_str(), Name.c_str());
}

void AsmWriter::redirectAlias(const std::string &Alias,
                              const std::string &Target) {
  // The assembler lets .set define a symbol again; the last value counts.
  fprintf(Out, "\t.set %s, %s\n", Alias.c_str(), Target.c_str());
}

void AsmWriter::tlsAccessor(const std::string &Name, const std::string &Var) {
  // The general-dynamic sequence, valid in executables and in shared
  // objects loaded at any time; the linker relaxes it where it can.
  beginFunction(Name);
  fprintf(Out,
          "\tsubq $8, %%rsp\n"
          "\t.byte 0x66\n\tleaq %s@tlsgd(%%rip), %%rdi\n"
          "\t.value 0x6666\n\trex64\n\tcall __tls_get_addr@PLT\n"
          "\taddq $8, %%rsp\n\tret\n\t.size %s, .-%s\n",
          Var.c_str(), Name.c_str(), Name.c_str());
}

void AsmWriter::constructor(const std::string &Name, const std::string &Callee,
                            const std::string &Arg, unsigned Priority) {
  fprintf(Out, "\t.weak %s\n", Callee.c_str());
  beginFunction(Name);
  // A weak undefined symbol resolves to 0: load its address from the GOT.
  fprintf(Out,
          "\tmovq %s@GOTPCREL(%%rip), %%rax\n\ttestq %%rax, %%rax\n"
          "\tje 1f\n",
          Callee.c_str());
  if (!Arg.empty())
    fprintf(Out, "\tleaq %s(%%rip), %%rdi\n", Arg.c_str());
  fprintf(Out, "\tjmp *%%rax\n1:\tret\n\t.size %s, .-%s\n", Name.c_str(),
          Name.c_str());
  // Section names as gcc gives constructors of a priority; the default
  // priority has the plain section.
  if (Priority == 65535)
    fputs("\t.section .init_array,\"aw\",@init_array\n", Out);
  else
    fprintf(Out, "\t.section .init_array.%05u,\"aw\",@init_array\n", Priority);
  fprintf(Out, "\t.p2align 3\n\t.quad %s\n", Name.c_str());
}

void AsmWriter::beginFunction(const std::string &Name) {
  fprintf(Out, "\t.text\n\t.p2align 4\n\t.type %s, @function\n%s:\n",
          Name.c_str(), Name.c_str());
  if (indirectBranchTracking())
    fputs("\tendbr64\n", Out);
}

void AsmWriter::initFunction(const std::string &Name,
                             const std::vector<AddressStore> &Stores,
                             const std::vector<std::string> &Calls) {
  beginFunction(Name);
  for (const AddressStore &S : Stores) {
    fprintf(Out, "\tmovq %s(%%rip), %%rax\n", S.Cell.c_str());
    if (S.Addend)
      fprintf(Out, "\tmovabsq $%lld, %%rcx\n\taddq %%rcx, %%rax\n",
              static_cast<long long>(S.Addend));
    fprintf(Out, "\tmovq %%rax, %s+%llu(%%rip)\n", S.Target.c_str(),
            static_cast<unsigned long long>(S.Offset));
  }
  // Calls need the stack 16-byte aligned, as it was before our call.
  if (!Calls.empty())
    fputs("\tsubq $8, %rsp\n", Out);
  for (const std::string &Callee : Calls)
    fprintf(Out, "\tcall %s\n", Callee.c_str());
  if (!Calls.empty())
    fputs("\taddq $8, %rsp\n", Out);
  fprintf(Out, "\tret\n\t.size %s, .-%s\n", Name.c_str(), Name.c_str());
}

void AsmWriter::weak(const std::string &Name) {
  fprintf(Out, "\t.weak %s\n", Name.c_str());
}

void AsmWriter::hide(const std::string &Name) {
  fprintf(Out, "\t.hidden %s\n", Name.c_str());
}

void AsmWriter::importSection() {
  fputs("\t.section " HOTPATCH_IMPORT_SECTION ",\"aw\"\n", Out);
}

void AsmWriter::relroSection() {
  fputs("\t.section .data.rel.ro,\"aw\"\n", Out);
}

void AsmWriter::section(const std::string &Name) {
  fprintf(Out, "\t.section %s,\"a\"\n", Name.c_str());
}

void AsmWriter::label(const std::string &Name) {
  fprintf(Out, "%s:\n", Name.c_str());
}

void AsmWriter::align(unsigned Bytes) {
  fprintf(Out, "\t.balign %u\n", Bytes);
}

void AsmWriter::field(size_t Bytes, const std::string &Value) {
  align(static_cast<unsigned>(Bytes));
  fprintf(Out, "\t%s %s\n", Bytes == 4 ? ".long" : ".quad", Value.c_str());
}

void AsmWriter::string(const std::string &Text) {
  fputs("\t.ascii \"", Out);
  for (unsigned char C : Text) {
    if (C == '"' || C == '\\')
      fprintf(Out, "\\%c", C);
    else if (C >= 0x20 && C < 0x7f)
      fputc(C, Out);
    else
      fprintf(Out, "\\%03o", C);
  }
  fputs("\\000\"\n", Out);
}

std::string AsmWriter::stringLabel(const std::string &Text) {
  std::string Label = ".Lhotpatch.str." + std::to_string(NextLabel++);
  fputs("\t.section .rodata.str1.1,\"aMS\",@progbits,1\n", Out);
  label(Label);
  string(Text);
  return Label;
}

} // namespace hotpatch_gcc
