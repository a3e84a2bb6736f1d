#pragma once

#include "collection/records.h"

#include <QJsonArray>
#include <QJsonObject>

namespace javumbo::server {

// The response shapes of API.md, in one place.
namespace apijson {

QJsonObject card(const collection::CardRecord &card);
QJsonObject deck(const collection::DeckSummary &deck);
QJsonObject nextCard(const collection::NextCard &next);
QJsonObject stats(const collection::CollectionStats &stats);

} // namespace apijson
} // namespace javumbo::server
