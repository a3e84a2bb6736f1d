#pragma once

#include "collectionsource.h"

#include <QHash>
#include <QString>

namespace javumbo::integrity {

// What every reader of a server's storage makes of the rows it read, so the
// direct (SQLite) and PostgreSQL readers cannot drift apart.

// Deck id → name from col.decks (Anki keeps decks as one JSON object).
QHash<qint64, QString> deckNamesOf(const QString &decksJson);

// A card as the checker compares it, from its row and its note's fields
// (`hasNote` false: the note is missing, damage the checker must see).
CardRow cardRowOf(
    qint64 cardId, qint64 noteId, qint64 deckId, int reps, const QString &noteFields, bool hasNote);

} // namespace javumbo::integrity
