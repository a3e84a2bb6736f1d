#include "counterchecks.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace javumbo::integrity {

namespace {

Violation counterViolation(ViolationClass violationClass, const CollectionView &collection, qint64 cardId,
    const AnswerTally &tally, const QString &tag, QString detail)
{
    Violation violation;
    violation.violationClass = violationClass;
    violation.username = collection.username;
    violation.userId = collection.userId;
    violation.cardId = cardId;
    violation.tag = tag;
    violation.seq = tally.op.seq;
    violation.requestId = tally.op.requestId;
    violation.timeUs = tally.op.timeUs;
    violation.detail = std::move(detail);
    return violation;
}

QString answered(const AnswerTally &tally)
{
    QString text = u"%1 ok and %2 unknown answers"_s.arg(tally.ok).arg(tally.info);
    if (tally.undone > 0 || tally.undoInfo > 0)
        text += u", %1 ok and %2 unknown undos"_s.arg(tally.undone).arg(tally.undoInfo);
    return text;
}

} // namespace

QList<Violation> auditRevlog(const AnswerIndex &answers, const QList<CollectionView> &collections)
{
    QList<Violation> violations;
    QHash<QString, QList<qint64>> answeredIds; // by user key
    for (auto it = answers.constBegin(); it != answers.constEnd(); ++it)
        answeredIds[it.key().first].append(it.key().second);
    for (const CollectionView &collection : collections) {
        if (!collection.readable || !collection.data.hasRevlog)
            continue;
        QHash<qint64, QString> tagOf;
        QSet<qint64> ids;
        for (const CardRow &card : collection.data.cards) {
            ids.insert(card.cardId);
            tagOf.insert(card.cardId, card.tag);
        }
        for (auto it = collection.data.revlogRows.constBegin(); it != collection.data.revlogRows.constEnd();
             ++it)
            ids.insert(it.key());
        for (qint64 cardId : answeredIds.value(collection.userKey))
            ids.insert(cardId);
        QList<qint64> sorted(ids.cbegin(), ids.cend());
        std::sort(sorted.begin(), sorted.end());
        for (qint64 cardId : sorted) {
            const AnswerTally tally = answers.value({collection.userKey, cardId});
            const int rows = collection.data.revlogRows.value(cardId);
            if (rows >= tally.fewest() && rows <= tally.most())
                continue;
            const QString where = tagOf.contains(cardId) ? QString() : u" (no such card in the collection)"_s;
            violations.append(counterViolation(ViolationClass::RevlogMismatch, collection, cardId, tally,
                tagOf.value(cardId),
                u"%1 revlog rows for card %2%3, expected %4..%5 from %6"_s.arg(rows)
                    .arg(cardId)
                    .arg(where)
                    .arg(tally.fewest())
                    .arg(tally.most())
                    .arg(answered(tally))));
        }
    }
    return violations;
}

QList<Violation> auditReps(const AnswerIndex &answers, const QList<CollectionView> &collections)
{
    QList<Violation> violations;
    for (const CollectionView &collection : collections) {
        if (!collection.readable)
            continue;
        for (const CardRow &card : collection.data.cards) {
            const AnswerTally tally = answers.value({collection.userKey, card.cardId});
            QString detail;
            if (collection.data.hasRevlog) {
                const int rows = collection.data.revlogRows.value(card.cardId);
                if (card.reps != rows)
                    detail = u"reps is %1 but the revlog has %2 rows for the card"_s.arg(card.reps).arg(rows);
            } else if (card.reps < tally.fewest() || card.reps > tally.most()) {
                detail = u"reps is %1, expected %2..%3 from %4"_s.arg(card.reps)
                             .arg(tally.fewest())
                             .arg(tally.most())
                             .arg(answered(tally));
            }
            const int undos = tally.undone + tally.undoInfo;
            if (detail.isEmpty() && card.reps < tally.maxRepsAfter - undos)
                detail = u"reps is %1 but an answer returned reps %2 (%3 undos since)"_s.arg(card.reps)
                             .arg(tally.maxRepsAfter)
                             .arg(undos);
            if (!detail.isEmpty())
                violations.append(counterViolation(
                    ViolationClass::RepsMismatch, collection, card.cardId, tally, card.tag, detail));
        }
    }
    return violations;
}

} // namespace javumbo::integrity
