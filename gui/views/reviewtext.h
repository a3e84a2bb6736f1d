#pragma once

#include "collection/records.h"

#include <QString>

// The words of the review page, kept apart so they read the same everywhere.
namespace javumbo::gui::reviewtext {

inline constexpr int kDefaultFontSize = 20; // points, Anki's 20px card style as near as a point size gets

// "New 3 · Learning 1 · Due 12"
QString counts(const collection::ReviewCounts &counts);
// Anki's flag names: 1 Red, 2 Orange, 3 Green, 4 Blue.
QString flagName(int flag);
// "⚑ Red", or empty for no flag.
QString flagBadge(int flag);
// "Undid answer." with how many steps remain to undo.
QString undoneNote(const QString &step, int remaining);
// "in 10 minutes", "tomorrow", "on 12 March": when the next card is due.
QString describeDue(qint64 dueSeconds, qint64 nowSeconds);

} // namespace javumbo::gui::reviewtext
