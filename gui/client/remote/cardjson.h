#pragma once

#include "collection/records.h"
#include "common/result.h"

#include <QJsonObject>

namespace javumbo::gui::cardjson {

// <card> of docs/api.md §4.1. The record's etag() must equal the server's
// "etag" (it is computed from the same fields), or edits would be refused as
// stale: a mismatch is an error, not a quiet surprise later.
Result<collection::CardRecord> read(const QJsonObject &json);
// A card after an answer: <card> plus "undo_id" (§6).
Result<collection::AnsweredCard> readAnswered(const QJsonObject &json);
// {"cards":[<card>…],"total"} of GET /cards (§4.3).
Result<collection::CardPage> readPage(const QJsonObject &json);

// The body of POST /cards and PUT /cards/{id} (§4.2).
QJsonObject newCardBody(const collection::NewCard &card);
QJsonObject editBody(const collection::CardEdit &edit);

} // namespace javumbo::gui::cardjson
