#pragma once

#include "exchangedata.h"
#include "storage/connection.h"

#include <QHash>
#include <QSet>

namespace javumbo::interop {

// The ids of one table, taken and being handed out: `wanted` when free, else
// the next free id above it (§9: a taken id is bumped by one); without a wanted
// id, the next free one from now on. Runs of taken ids are skipped through
// links that each claim shortens, so an import of n rows stays near O(n) even
// when every id it brings is taken or none is given (a text file).
class IdPool
{
public:
    void insert(qint64 id) { m_taken.insert(id); }
    qint64 claim(qint64 wanted, qint64 nowMs);

private:
    QSet<qint64> m_taken;
    QHash<qint64, qint64> m_next; // taken id -> where the search for a free one goes on
    qint64 m_freshFrom = 0; // fresh ids (no wanted id) continue from here
};

// What the target collection already holds, read once inside the import's
// transaction: guids for matching, ids for keeping new ones unique (§9: a
// taken id is bumped by one), first-field checksums for text files.
struct TargetIndex
{
    struct NoteRef
    {
        qint64 id = 0;
        qint64 mod = 0;
        QString flds;
        QString tags;
    };
    QHash<QString, NoteRef> notesByGuid;
    QMultiHash<qint64, QString> guidsByChecksum; // csum of the first field -> guid
    IdPool noteIds;
    IdPool cardIds;
    QHash<qint64, qint64> revlogCards; // revlog id -> card id
    QSet<qint64> notesWithCard;

    static Result<TargetIndex> load(storage::Connection &db);
};

// The row SQL of an import (the caller owns the transaction).
namespace importrows {

struct NoteRow
{
    qint64 id = 0;
    QString guid;
    qint64 modelId = 0;
    qint64 mod = 0;
    QString front;
    QString back;
    QStringList tags;
    QString sortField; // stripHtml(front), computed once by the caller
};
Result<void> insertNote(storage::Connection &db, const NoteRow &note);
Result<void> updateNote(storage::Connection &db, const NoteRow &note);

// A card as imported: ord, odue and odid are written as 0 (a Javumbo note has one card, §1).
Result<void> insertCard(storage::Connection &db, const SourceCard &card);
Result<void> insertRevlog(storage::Connection &db, const SourceRevlog &entry);

} // namespace importrows
} // namespace javumbo::interop
