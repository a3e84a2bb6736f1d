#pragma once

#include "collection/cardinfo.h"
#include "common/result.h"

#include <QJsonObject>

namespace javumbo::gui::cardinfojson {

// GET /cards/{id}/info (docs/api.md §4.7).
Result<collection::CardInfo> read(const QJsonObject &json);

} // namespace javumbo::gui::cardinfojson
