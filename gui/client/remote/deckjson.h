#pragma once

#include "collection/records.h"
#include "common/result.h"

#include <QJsonArray>
#include <QJsonObject>

namespace javumbo::gui::deckjson {

// <deck> of docs/api.md §3.
Result<collection::DeckSummary> read(const QJsonObject &json);
Result<QList<collection::DeckSummary>> readList(const QJsonArray &json);
// The id of POST/PATCH /decks' {"id","name"}.
Result<qint64> readId(const QJsonObject &json);

} // namespace javumbo::gui::deckjson
