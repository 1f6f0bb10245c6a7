// The process exit codes of `vaksam`, documented in docs/cli.md.
#pragma once

namespace vaksam::cli {

enum ExitCode : int {
  kOk = 0,             // done (an import with no changes is done too)
  kInputRefused = 1,   // a file was refused: nothing of it was imported
  kUsage = 2,          // wrong command line
  kPartialImport = 3,  // imported, but rows were rejected (see the reject file)
  kStoreError = 4,     // the database or key cannot be opened or written
  kVerificationFailed = 5,  // the audit trail does not verify: it was tampered with
  kInternal = 70,      // a bug: please report it
};

}  // namespace vaksam::cli
