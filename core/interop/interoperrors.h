#pragma once

#include "common/result.h"

namespace javumbo::interop {

// The refusals of import and export, worded once: each says what is wrong
// and what the user can do about it (docs/api.md: invalid_package, unsupported_package, invalid_csv).
Error invalidPackage(const QString &what);
Error unsupportedPackage(const QString &what);
Error invalidCsv(const QString &what, qint64 line = 0);

} // namespace javumbo::interop
