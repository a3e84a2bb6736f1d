#include "deckops.h"

#include "cardrows.h"
#include "collectionerrors.h"
#include "decktree.h"
#include "reviewqueue.h"
#include "storage/collectionschema.h"
#include "studystats.h"

using namespace Qt::StringLiterals;

namespace javumbo::collection::deckops {

namespace {

constexpr int kDeckGrave = 2;

} // namespace

namespace {

// One deck with its counts and next due time, children included.
Result<DeckSummary> summarize(const ReadView &view, const DeckTree &tree, qint64 id, const QString &name)
{
    DeckSummary summary {id, name};
    QStringList ids;
    for (qint64 member : tree.withDescendants(id))
        ids.append(QString::number(member));
    storage::Query total(*view.db,
        u"SELECT count(*) FROM cards WHERE $user() did IN ("_s % ids.join(u',') % u")"_s,
        storage::Query::Caching::Uncached);
    auto cards = total.scalar();
    if (!cards)
        return cards.error();
    summary.cardCount = cards.value() ? cards.value()->toInt() : 0;
    auto queue = ReviewQueue::forDeck(view, tree, id);
    if (!queue)
        return queue.error();
    auto counts = queue.value().counts();
    if (!counts)
        return counts.error();
    summary.newCount = counts->newCount;
    summary.learningCount = counts->learning;
    summary.dueCount = counts->review;
    auto nextDue = studystats::nextDueAt(view, tree, id, counts.value());
    if (!nextDue)
        return nextDue.error();
    summary.nextDueAt = nextDue.value();
    return summary;
}

} // namespace

Result<QList<DeckSummary>> list(const ReadView &view)
{
    const DeckTree tree(view.meta.decks());
    QList<DeckSummary> result;
    for (const auto &[id, name] : tree.all()) {
        auto summary = summarize(view, tree, id, name);
        if (!summary)
            return summary.error();
        result.append(std::move(summary).value());
    }
    return result;
}

Result<DeckSummary> get(const ReadView &view, qint64 deckId)
{
    const DeckTree tree(view.meta.decks());
    if (!tree.contains(deckId))
        return deckNotFound(deckId);
    return summarize(view, tree, deckId, tree.name(deckId));
}

Result<DeckSummary> create(WriteContext &context, const QString &name)
{
    auto meta = context.meta();
    if (!meta)
        return meta.error();
    DeckTree tree(meta.value()->editDecks());
    auto id = tree.add(name, context.nowMs());
    if (!id)
        return id.error();
    return DeckSummary {id.value(), tree.name(id.value())};
}

Result<DeckSummary> rename(WriteContext &context, qint64 deckId, const QString &name)
{
    auto meta = context.meta();
    if (!meta)
        return meta.error();
    DeckTree tree(meta.value()->editDecks());
    if (auto renamed = tree.rename(deckId, name, context.nowMs()); !renamed)
        return renamed.error();
    return DeckSummary {deckId, tree.name(deckId)};
}

Result<void> remove(WriteContext &context, qint64 deckId)
{
    auto loaded = context.meta();
    if (!loaded)
        return loaded.error();
    CollectionMeta &meta = *loaded.value();
    DeckTree tree(meta.editDecks());
    if (!tree.contains(deckId))
        return deckNotFound(deckId);
    const QList<qint64> removed = tree.remove(deckId);
    auto notes = cardrows::noteIdsInDecks(context.db(), removed);
    if (!notes)
        return notes.error();
    if (auto deleted = cardrows::deleteNotes(context.db(), notes.value()); !deleted)
        return deleted;
    for (qint64 id : removed) {
        if (auto grave = cardrows::addGrave(context.db(), id, kDeckGrave); !grave)
            return grave;
    }
    // The current deck must still exist afterwards.
    if (!tree.contains(meta.conf().value(u"curDeck"_s).toVariant().toLongLong()))
        meta.editConf().insert(u"curDeck"_s, storage::collectionschema::kDefaultDeckId);
    return {};
}

} // namespace javumbo::collection::deckops
