#pragma once

#include "collectionsource.h"
#include "historyindex.h"
#include "violation.h"

#include <QHash>
#include <QList>

namespace javumbo::integrity {

// Counter-style checks on the answers (docs/architecture.md §6). Every successful
// answer writes exactly one revlog row and adds one to cards.reps, and every
// acknowledged undo takes one of each back (docs/api.md); the test's cards start
// with neither, so for every card of a test collection:
//   revlog: ok − undone − unknown undos ≤ revlog rows ≤ ok + unknown answers −
//           undone (also for card ids that have rows but no card, or answers
//           but no card)
//   reps:   reps == revlog rows (where the revlog is visible), otherwise within
//           the same bounds; and reps ≥ the largest reps an answer returned,
//           less the undos.
using AnswerIndex = QHash<std::pair<QString, qint64>, AnswerTally>;

// Collections without a revlog read (hasRevlog false) are skipped.
QList<Violation> auditRevlog(const AnswerIndex &answers, const QList<CollectionView> &collections);
QList<Violation> auditReps(const AnswerIndex &answers, const QList<CollectionView> &collections);

} // namespace javumbo::integrity
