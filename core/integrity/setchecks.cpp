#include "setchecks.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace javumbo::integrity {

namespace {

QString quoted(const QString &text)
{
    constexpr int kShown = 60;
    return u"\""_s % (text.size() > kShown ? text.left(kShown) % u"…"_s : text) % u"\""_s;
}

// The first way the stored card differs from what was sent; empty when none.
QString difference(const TagAttempt &attempt, const CardRow &card)
{
    if (card.front != attempt.front)
        return u"front sent %1, stored %2"_s.arg(quoted(attempt.front), quoted(card.front));
    if (card.back != attempt.back)
        return u"back sent %1, stored %2"_s.arg(quoted(attempt.back), quoted(card.back));
    // Deck names are unique case-insensitively, as in Anki.
    if (!attempt.deckName.isEmpty() && attempt.deckName.compare(card.deckName, Qt::CaseInsensitive) != 0)
        return u"deck sent %1, stored in %2 (deck id %3)"_s
            .arg(quoted(attempt.deckName), quoted(card.deckName))
            .arg(card.deckId);
    return {};
}

Violation aboutAttempt(
    ViolationClass violationClass, const TagAttempt &attempt, qint64 cardId, QString detail)
{
    Violation violation;
    violation.violationClass = violationClass;
    violation.username = attempt.username;
    violation.userId = attempt.userId;
    violation.cardId = cardId;
    violation.tag = attempt.tag;
    violation.seq = attempt.op.seq;
    violation.requestId = attempt.op.requestId;
    violation.timeUs = attempt.op.timeUs;
    violation.detail = std::move(detail);
    return violation;
}

QString cardIds(const QList<Sighting> &sightings)
{
    QStringList ids;
    for (const Sighting &sighting : sightings)
        ids.append(QString::number(sighting.card.cardId));
    return ids.join(u", "_s);
}

} // namespace

void addSightings(SightingIndex &index, const CollectionView &collection)
{
    for (const CardRow &card : collection.data.cards) {
        if (!card.tag.isEmpty())
            index[card.tag].append({collection.userKey, collection.username, collection.userId, card});
    }
}

TagJudgement judgeTag(
    const TagAttempt &attempt, const QList<Sighting> &sightings, bool ownerReadable, bool missingIsLost)
{
    TagJudgement judgement;
    const QString ownerKey = HistoryIndex::userKey(attempt.username);

    // Group by collection, keeping the order of first sighting.
    QList<QString> holders;
    QHash<QString, QList<Sighting>> byHolder;
    for (const Sighting &sighting : sightings) {
        if (!byHolder.contains(sighting.userKey))
            holders.append(sighting.userKey);
        byHolder[sighting.userKey].append(sighting);
    }
    const QList<Sighting> own = byHolder.value(ownerKey);

    for (const QString &holder : std::as_const(holders)) {
        const QList<Sighting> &found = byHolder[holder];
        const Sighting &first = found.first();
        if (holder != ownerKey)
            judgement.violations.append(aboutAttempt(ViolationClass::Misplaced, attempt, first.card.cardId,
                u"%1's card is in %2's collection (user %3) as card %4"_s
                    .arg(attempt.username, first.username)
                    .arg(first.userId)
                    .arg(first.card.cardId)));
        if (found.size() > 1)
            judgement.violations.append(aboutAttempt(ViolationClass::Duplicated, attempt, first.card.cardId,
                u"%1 cards carry the tag in %2's collection: %3"_s.arg(found.size())
                    .arg(first.username, cardIds(found))));
    }

    if (attempt.refused()) {
        if (!own.isEmpty())
            judgement.violations.append(
                aboutAttempt(ViolationClass::Phantom, attempt, own.first().card.cardId,
                    u"every attempt was refused with a 4xx, yet card %1 carries the tag"_s.arg(
                        own.first().card.cardId)));
    } else {
        for (const Sighting &sighting : own) {
            if (const QString diff = difference(attempt, sighting.card); !diff.isEmpty()) {
                judgement.violations.append(
                    aboutAttempt(ViolationClass::Mismatched, attempt, sighting.card.cardId, diff));
                break; // one mismatch per tag explains it; duplicates are reported above
            }
        }
    }

    const bool elsewhere = holders.size() > (own.isEmpty() ? 0 : 1);
    if (own.isEmpty() && !elsewhere && attempt.acknowledged && ownerReadable && missingIsLost)
        judgement.violations.append(aboutAttempt(ViolationClass::Lost, attempt, attempt.cardId,
            u"acknowledged as card %1 but in no test collection"_s.arg(attempt.cardId)));

    if (!judgement.violations.isEmpty())
        judgement.resolution = TagResolution::Violated;
    else if (!own.isEmpty())
        judgement.resolution = attempt.acknowledged ? TagResolution::Verified : TagResolution::Recovered;
    else if (!ownerReadable)
        judgement.resolution = TagResolution::Unknown;
    else if (attempt.acknowledged)
        judgement.resolution = TagResolution::Pending;
    else
        judgement.resolution = attempt.uncertain ? TagResolution::Absent : TagResolution::Refused;
    return judgement;
}

SetAudit auditSets(const QHash<QString, TagAttempt> &tags, const QList<CollectionView> &collections)
{
    SetAudit audit;
    SightingIndex sightings;
    QSet<QString> readable;
    for (const CollectionView &collection : collections) {
        if (!collection.readable)
            continue;
        readable.insert(collection.userKey);
        addSightings(sightings, collection);
    }

    for (const TagAttempt &attempt : tags) {
        const bool ownerReadable = readable.contains(HistoryIndex::userKey(attempt.username));
        TagJudgement judgement = judgeTag(attempt, sightings.value(attempt.tag), ownerReadable, true);
        audit.violations.append(judgement.violations);
        if (attempt.acknowledged) {
            ++audit.lane.acknowledged;
            if (judgement.resolution == TagResolution::Verified)
                ++audit.lane.verified;
            else if (judgement.resolution == TagResolution::Violated)
                ++audit.lane.violated;
            else
                ++audit.lane.pending;
        } else if (attempt.uncertain) {
            if (judgement.resolution == TagResolution::Recovered)
                ++audit.recovered;
            else if (judgement.resolution == TagResolution::Absent)
                ++audit.absent;
            else if (judgement.resolution == TagResolution::Unknown)
                ++audit.unresolved;
            // Violated: the violation resolves it (a misplaced copy exists).
        }
    }

    // Cards that no attempt explains. The test's accounts start with an empty
    // Default deck, so every card of theirs must come from an attempt.
    for (const CollectionView &collection : collections) {
        if (!collection.readable)
            continue;
        for (const CardRow &card : collection.data.cards) {
            QString why;
            if (!card.hasNote)
                why = u"card %1 has no note (nid %2)"_s.arg(card.cardId).arg(card.noteId);
            else if (card.tag.isEmpty())
                why = u"card %1 carries no [MARKER:…] (front %2)"_s.arg(card.cardId).arg(quoted(card.front));
            else if (!tags.contains(card.tag))
                why = u"card %1 carries marker %2, which no operation attempted"_s.arg(card.cardId)
                          .arg(card.tag);
            if (why.isEmpty())
                continue;
            Violation violation;
            violation.violationClass = ViolationClass::Phantom;
            violation.username = collection.username;
            violation.userId = collection.userId;
            violation.cardId = card.cardId;
            violation.tag = card.tag;
            violation.detail = why;
            audit.violations.append(violation);
        }
    }
    return audit;
}

} // namespace javumbo::integrity
