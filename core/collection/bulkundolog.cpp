#include "bulkundolog.h"

#include "storage/sqldialect.h"
#include "undolog.h"
#include "writecontext.h"

#include <QDataStream>
#include <QIODevice>

using namespace Qt::StringLiterals;

namespace javumbo::collection::bulkundolog {

namespace {

const QString kTable = u"javumbo_bulk_undo"_s;
// Beside javumbo_undo (undolog.h); made on first use, so older collections
// need no migration. Anki ignores it and exports drop it.
const QString kCreateTable = u"CREATE TABLE IF NOT EXISTS javumbo_bulk_undo ("
                             "id integer PRIMARY KEY,"
                             " record blob NOT NULL,"
                             " undone integer NOT NULL DEFAULT 0)"_s;

// A fixed stream version keeps every QVariant's type (integer, text, blob,
// null), so the rows go back into SQLite exactly as they were read.
constexpr QDataStream::Version kStreamVersion = QDataStream::Qt_6_0;

QByteArray serialised(const BulkUndoRecord &record)
{
    QByteArray bytes;
    QDataStream stream(&bytes, QIODevice::WriteOnly);
    stream.setVersion(kStreamVersion);
    stream << int(record.kind) << record.cardRows << record.noteRows << record.modsAfter;
    return bytes;
}

Result<BulkUndoRecord> deserialised(const QByteArray &bytes, qint64 undoId)
{
    BulkUndoRecord record;
    QDataStream stream(bytes);
    stream.setVersion(kStreamVersion);
    int kind = 0;
    stream >> kind >> record.cardRows >> record.noteRows >> record.modsAfter;
    // Only a hand-edited file gets here: the change cannot be undone, and the collection is fine.
    if (stream.status() != QDataStream::Ok || kind < 0 || kind > int(BulkChange::Kind::Delete))
        return makeError(ErrorCode::NothingToUndo,
            u"bulk change %1 cannot be undone: its record is unreadable"_s.arg(undoId));
    record.kind = BulkChange::Kind(kind);
    record.undoId = undoId;
    return record;
}

Result<void> prepare(storage::Connection &db, qint64 nowMs)
{
    if (auto made = storage::dialect::ensureOwnTable(db, kCreateTable); !made)
        return made;
    return undolog::prune(db, kTable, kKeptChanges, kKeptMs, nowMs);
}

} // namespace

Result<qint64> keep(WriteContext &context, const BulkUndoRecord &record)
{
    storage::Connection &db = context.db();
    if (auto prepared = prepare(db, context.nowMs()); !prepared)
        return prepared.error();
    auto id = undolog::freshId(db, kTable, context.nowMs());
    if (!id)
        return id.error();
    storage::Query insert(
        db, u"INSERT INTO javumbo_bulk_undo ($userColumn id, record) VALUES ($userValue ?, ?)"_s);
    insert.bind(id.value()).bind(serialised(record));
    if (auto done = insert.exec(); !done)
        return done.error();
    return id.value();
}

Result<BulkUndoRecord> take(WriteContext &context, qint64 undoId)
{
    storage::Connection &db = context.db();
    if (auto prepared = prepare(db, context.nowMs()); !prepared)
        return prepared.error(); // what is no longer kept is expired, even before the next change
    QByteArray bytes;
    {
        storage::Query query(
            db, u"SELECT record FROM javumbo_bulk_undo WHERE $user() id = ? AND undone = 0"_s);
        query.bind(undoId);
        if (auto done = query.exec(); !done)
            return done.error();
        if (!query.next())
            return makeError(ErrorCode::NothingToUndo,
                u"bulk change %1 cannot be undone: it is unknown, already undone or too old"_s.arg(undoId));
        bytes = query.value(0).toByteArray();
    }
    auto record = deserialised(bytes, undoId);
    if (!record)
        return record.error();
    storage::Query undone(db, u"UPDATE javumbo_bulk_undo SET undone = 1, record = ? WHERE $user() id = ?"_s);
    undone.bind(QByteArray("")).bind(undoId); // emptied: the record is not needed any more
    if (auto done = undone.exec(); !done)
        return done.error();
    return record;
}

} // namespace javumbo::collection::bulkundolog
