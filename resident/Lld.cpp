//===- Lld.cpp - The ld.lld executable's main, as a library call ---------===//
//
// lld is a library by design (lld/Common/Driver.h): lldMain picks the
// flavour from argv[0] ("ld.lld" -> GNU ELF) exactly as the executable does.
// Only the ELF driver is linked in; patches are ELF shared objects.
//
//===----------------------------------------------------------------------===//
#include "Resident.h"

#include "lld/Common/Driver.h"
#include "llvm/Support/raw_ostream.h"

LLD_HAS_DRIVER(elf)

namespace hotpatch::resident {

int runLld(llvm::ArrayRef<const char *> Argv) {
  lld::Result R = lld::lldMain(Argv, llvm::outs(), llvm::errs(),
                               {{lld::Gnu, &lld::elf::link}});
  llvm::outs().flush();
  llvm::errs().flush();
  return R.retCode;
}

} // namespace hotpatch::resident
