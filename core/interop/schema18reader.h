#pragma once

#include "exchangedata.h"
#include "storage/connection.h"

namespace javumbo::interop {

// The parts of a schema-18 collection (Anki 2.1.50+, package version 3) that
// live outside notes/cards/revlog: decks, note types with their fields and
// templates, deck options and the creation offset, decoded from their
// protobuf blobs (only the fields Javumbo uses).
Result<void> readSchema18Tables(storage::Connection &db, ExchangeData &data);

// Deck options from a schema-18 DeckConfig.Config blob (anki/deck_config.proto).
scheduling::DeckConfig deckConfigFromProto(QByteArrayView blob);

} // namespace javumbo::interop
