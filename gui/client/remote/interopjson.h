#pragma once

#include "common/result.h"
#include "interop/importsummary.h"

#include <QJsonObject>

namespace javumbo::gui::interopjson {

// POST /import's summary (docs/api.md §7a).
Result<interop::ImportSummary> readImportSummary(const QJsonObject &json);

} // namespace javumbo::gui::interopjson
