#include "apiprobes.h"

using namespace Qt::StringLiterals;

namespace javumbo::integrity {

namespace {

// First, last and evenly spaced cards between: old and new rows alike.
QList<CardRow> sample(const QList<CardRow> &cards, int count)
{
    QList<CardRow> chosen;
    if (cards.isEmpty() || count <= 0)
        return chosen;
    const qsizetype n = std::min<qsizetype>(count, cards.size());
    for (qsizetype i = 0; i < n; ++i)
        chosen.append(cards.at(n == 1 ? 0 : i * (cards.size() - 1) / (n - 1)));
    return chosen;
}

Violation probeViolation(ViolationClass violationClass, const CollectionView &collection, const CardRow &card,
    const QHash<QString, TagAttempt> &tags, QString detail)
{
    Violation violation;
    violation.violationClass = violationClass;
    violation.username = collection.username;
    violation.userId = collection.userId;
    violation.cardId = card.cardId;
    violation.tag = card.tag;
    const TagAttempt attempt = tags.value(card.tag);
    violation.seq = attempt.op.seq;
    violation.requestId = attempt.op.requestId;
    violation.timeUs = attempt.op.timeUs;
    violation.detail = std::move(detail);
    return violation;
}

} // namespace

ProbeAudit probeCards(ApiReader &reader, const QList<TestAccount> &accounts,
    const QList<CollectionView> &collections, const QHash<QString, TagAttempt> &tags, int perUser)
{
    ProbeAudit audit;
    QList<qsizetype> readable;
    for (qsizetype i = 0; i < collections.size(); ++i) {
        if (collections.at(i).readable)
            readable.append(i);
    }
    for (qsizetype r = 0; r < readable.size(); ++r) {
        const CollectionView &collection = collections.at(readable.at(r));
        const TestAccount &owner = accounts.at(readable.at(r));
        const QList<CardRow> chosen = sample(collection.data.cards, perUser);
        for (const CardRow &card : chosen) {
            ++audit.probes;
            auto fetched = reader.fetchCard(owner, card.cardId);
            if (!fetched) {
                audit.problems.append(fetched.error().message);
            } else if (!fetched.value()) {
                audit.violations.append(probeViolation(ViolationClass::Mismatched, collection, card, tags,
                    u"card %1 is listed but GET /cards/%1 answered 404"_s.arg(card.cardId)));
            } else if (fetched.value()->tag != card.tag) {
                audit.violations.append(probeViolation(ViolationClass::Mismatched, collection, card, tags,
                    u"GET /cards/%1 answered marker \"%2\", the listing has \"%3\""_s.arg(card.cardId)
                        .arg(fetched.value()->tag, card.tag)));
            }
        }
        // The next readable user asks for this user's first sampled card.
        if (readable.size() < 2 || chosen.isEmpty() || chosen.first().tag.isEmpty())
            continue;
        const qsizetype neighbour = readable.at((r + 1) % readable.size());
        const TestAccount &asker = accounts.at(neighbour);
        const CardRow &card = chosen.first();
        const auto askersOwn = [&](const CardRow &answer) {
            const QList<CardRow> &listed = collections.at(neighbour).data.cards;
            return std::any_of(listed.cbegin(), listed.cend(), [&answer](const CardRow &row) {
                return row.cardId == answer.cardId && row.tag == answer.tag;
            });
        };
        const QString ownerKey = HistoryIndex::userKey(tags.value(card.tag).username);
        if (ownerKey == HistoryIndex::userKey(asker.username))
            continue; // a card misplaced into the asker's collection: the set checks report it
        ++audit.probes;
        auto fetched = reader.fetchCard(asker, card.cardId);
        if (!fetched) {
            audit.problems.append(fetched.error().message);
        } else if (fetched.value() && fetched.value()->tag == card.tag && !askersOwn(*fetched.value())) {
            Violation violation = probeViolation(ViolationClass::Misplaced, collection, card, tags,
                u"GET /cards/%1 as %2 answered %3's card (marker %4)"_s.arg(card.cardId)
                    .arg(asker.username, collection.username, card.tag));
            audit.violations.append(violation);
        }
    }
    return audit;
}

} // namespace javumbo::integrity
