#pragma once

#include "storage/records.h"

#include <QJsonArray>
#include <QJsonObject>

namespace javumbo::server {

// The response shapes of API.md, in one place.
namespace apijson {

QJsonObject card(const storage::CardRecord &card);
QJsonObject deck(const storage::DeckSummary &deck);
QJsonObject nextCard(const storage::NextCard &next);
QJsonObject stats(const storage::CollectionStats &stats);

} // namespace apijson
} // namespace javumbo::server
