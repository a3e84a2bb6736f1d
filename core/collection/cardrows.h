#pragma once

#include "records.h"
#include "scheduling/answer.h"
#include "storage/connection.h"

namespace javumbo::collection {

class CollectionHooks;

// Row-level SQL for notes, cards, revlog and graves. Callers own the
// transaction; nothing here begins or commits one.
namespace cardrows {

// The columns readCard() expects, for "SELECT <kSelectColumns> FROM cards c JOIN notes n ON n.id = c.nid".
extern const QString kSelectColumns;
CardRecord readCard(const storage::Query &query);

enum class Table
{
    Notes,
    Cards,
    Revlog
};
// A millisecond id unique in `table`: now, or one past the largest when now
// is taken; or the id the hooks choose (CollectionHooks::newRowId).
Result<qint64> nextId(
    storage::Connection &connection, Table table, qint64 nowMs, const CollectionHooks &hooks);

// Which rows a lookup by id may find: the collection's own (always, but for
// the planted fault unfiltered-card-read), or any user's sharing the tables.
enum class Lookup
{
    OwnCollection,
    AnyCollection,
};
Result<std::optional<CardRecord>> load(
    storage::Connection &connection, qint64 cardId, Lookup lookup = Lookup::OwnCollection);
// The card, or card_not_found.
Result<CardRecord> loadExisting(
    storage::Connection &connection, qint64 cardId, Lookup lookup = Lookup::OwnCollection);
Result<CardRecord> insert(storage::Connection &connection, const NewCard &card, qint64 modelId,
    qint64 position, qint64 nowMs, const CollectionHooks &hooks);
Result<void> updateNote(storage::Connection &connection, qint64 noteId, const QString &front,
    const QString &back, const QStringList &tags, qint64 nowSeconds);
Result<void> updateCard(storage::Connection &connection, qint64 cardId, qint64 deckId,
    const scheduling::CardState &state, qint64 mod);
Result<qint64> insertRevlog(storage::Connection &connection, qint64 cardId,
    const scheduling::RevlogEntry &entry, qint64 nowMs, const CollectionHooks &hooks);
// Deletes the notes (and all their cards) and records graves for each.
Result<void> deleteNotes(storage::Connection &connection, const QList<qint64> &noteIds);
Result<QList<qint64>> noteIdsInDecks(storage::Connection &connection, const QList<qint64> &deckIds);
Result<void> addGrave(storage::Connection &connection, qint64 objectId, int type);

} // namespace cardrows
} // namespace javumbo::collection
