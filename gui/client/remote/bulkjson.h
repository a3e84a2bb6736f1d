#pragma once

#include "collection/bulkedit.h"
#include "common/result.h"

#include <QJsonObject>

namespace javumbo::gui::bulkjson {

// POST /cards/bulk's body (docs/api.md §4.6).
QJsonObject changeBody(const collection::BulkChange &change);
// {"changed","undo_id"}: the undo record names the server's (undoId),
// empty when nothing changed.
Result<collection::BulkResult> readResult(const QJsonObject &json, collection::BulkChange::Kind kind);

} // namespace javumbo::gui::bulkjson
