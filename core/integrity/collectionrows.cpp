#include "collectionrows.h"

#include "collection/notefields.h"
#include "marker.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace javumbo::integrity {

QHash<qint64, QString> deckNamesOf(const QString &decksJson)
{
    QHash<qint64, QString> names;
    const QJsonObject decks = QJsonDocument::fromJson(decksJson.toUtf8()).object();
    for (auto it = decks.constBegin(); it != decks.constEnd(); ++it)
        names.insert(it.key().toLongLong(), it.value().toObject().value(u"name"_s).toString());
    return names;
}

CardRow cardRowOf(
    qint64 cardId, qint64 noteId, qint64 deckId, int reps, const QString &noteFields, bool hasNote)
{
    CardRow row;
    row.cardId = cardId;
    row.noteId = noteId;
    row.deckId = deckId;
    row.reps = reps;
    row.hasNote = hasNote;
    std::tie(row.front, row.back) = collection::notefields::splitFields(noteFields);
    row.tag = markerOf(row.back);
    return row;
}

} // namespace javumbo::integrity
