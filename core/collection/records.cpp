#include "records.h"

#include <QCryptographicHash>
#include <QDataStream>
#include <QIODevice>

using namespace Qt::StringLiterals;

namespace javumbo::collection {

QString CardRecord::etag() const
{
    // A fixed stream version writes every field length-prefixed, so no two
    // different cards serialise alike (a front ending where a back begins).
    QByteArray canonical;
    QDataStream stream(&canonical, QIODevice::WriteOnly);
    stream.setVersion(QDataStream::Qt_6_0);
    stream << cardId << noteId << deckId << front << back << tags << state.type << state.queue << state.due
           << state.ivl << state.factor << state.reps << state.lapses << state.left << flags << mod;
    const QByteArray digest = QCryptographicHash::hash(canonical, QCryptographicHash::Sha256);
    // 80 bits: a validator needs only to tell one card's versions apart.
    return u'"' % QString::fromLatin1(digest.first(10).toHex()) % u'"';
}

} // namespace javumbo::collection
