#pragma once

#include "common/result.h"
#include "decktree.h"
#include "scheduling/daytiming.h"

#include <QString>
#include <QVariantList>

#include <optional>

namespace javumbo::collection {

// A WHERE clause over "cards c JOIN notes n" with its positional bindings.
struct SqlFilter
{
    QString where;
    QVariantList bindings;
};

// Translates Anki-style search text into SQL: plain words match the fields
// (`*` is a wildcard), `deck:Name` the deck and its children, `tag:x` a tag
// or its children, `is:due|new|learn|review|suspended|buried`, a leading `-`
// negates, double quotes group words. Every term must match.
Result<SqlFilter> buildCardFilter(const QString &search, const DeckTree &decks,
    const scheduling::DayTiming &timing, std::optional<qint64> deckId);

} // namespace javumbo::collection
