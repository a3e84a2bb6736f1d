#include "cardops.h"

#include "cardrows.h"
#include "cardsearch.h"
#include "collectionerrors.h"
#include "decktree.h"
#include "notefields.h"
#include "usercollection.h"

using namespace Qt::StringLiterals;

namespace javumbo::collection::cardops {

namespace {

Result<QStringList> validTags(const QStringList &tags)
{
    bool ok = true;
    QStringList normalized = notefields::normalizeTags(tags, &ok);
    if (!ok)
        return makeError(
            ErrorCode::BadRequest, u"tags must be non-empty words without spaces, at most 100 characters"_s);
    return normalized;
}

Error staleCard(qint64 cardId, qint64 expectedMod, qint64 currentMod)
{
    return makeError(ErrorCode::StaleCard,
        u"card %1 changed since version %2 (now %3)"_s.arg(cardId).arg(expectedMod).arg(currentMod));
}

} // namespace

Result<void> checkFields(const QString &front, const QString &back)
{
    if (front.trimmed().isEmpty())
        return makeError(ErrorCode::BadRequest, u"front must not be empty"_s);
    for (const auto &[name, text] : {std::pair {u"front"_s, &front}, std::pair {u"back"_s, &back}}) {
        if (text->size() > UserCollection::kMaxFieldLength)
            return makeError(ErrorCode::BadRequest,
                u"%1 is longer than %2 characters"_s.arg(name).arg(UserCollection::kMaxFieldLength));
        if (text->contains(notefields::kFieldSeparator))
            return makeError(ErrorCode::BadRequest, u"%1 contains the field separator U+001F"_s.arg(name));
    }
    return {};
}

Result<NewCard> checkNewCard(const NewCard &card)
{
    if (auto valid = checkFields(card.front, card.back); !valid)
        return valid.error();
    auto tags = validTags(card.tags);
    if (!tags)
        return tags.error();
    NewCard checked = card;
    checked.tags = std::move(tags).value();
    return checked;
}

Result<CardRecord> add(WriteContext &context, const NewCard &checked)
{
    auto loaded = context.meta();
    if (!loaded)
        return loaded.error();
    CollectionMeta &meta = *loaded.value();
    if (!DeckTree(meta.decks()).contains(checked.deckId))
        return deckNotFound(checked.deckId);
    const qint64 position = meta.conf().value(u"nextPos"_s).toVariant().toLongLong();
    meta.editConf().insert(u"nextPos"_s, position + 1);
    return cardrows::insert(
        context.db(), checked, meta.modelId(), position, context.nowMs(), context.hooks());
}

Result<CardRecord> update(WriteContext &context, qint64 cardId, const CardEdit &edit)
{
    auto existing = cardrows::loadExisting(context.db(), cardId);
    if (!existing)
        return existing.error();
    CardRecord card = std::move(existing).value();
    if (edit.expectedMod && *edit.expectedMod != card.mod)
        return staleCard(cardId, *edit.expectedMod, card.mod);
    if (edit.deckId && *edit.deckId != card.deckId) {
        auto meta = context.meta();
        if (!meta)
            return meta.error();
        if (!DeckTree(meta.value()->decks()).contains(*edit.deckId))
            return deckNotFound(*edit.deckId);
        card.deckId = *edit.deckId;
    }
    if (edit.tags) {
        auto tags = validTags(*edit.tags);
        if (!tags)
            return tags.error();
        card.tags = tags.value();
    }
    card.front = edit.front;
    card.back = edit.back;
    const qint64 now = context.nowSeconds();
    card.mod = cardrows::nextMod(card.mod, now);
    if (auto done = cardrows::updateNote(context.db(), card.noteId, card.front, card.back, card.tags, now);
        !done)
        return done.error();
    if (auto done = cardrows::updateCard(context.db(), cardId, card.deckId, card.state, card.mod); !done)
        return done.error();
    return card;
}

Result<void> remove(WriteContext &context, qint64 cardId, std::optional<qint64> expectedMod)
{
    auto existing = cardrows::loadExisting(context.db(), cardId);
    if (!existing)
        return existing.error();
    if (expectedMod && *expectedMod != existing->mod)
        return makeError(
            ErrorCode::StaleCard, u"card %1 changed since version %2"_s.arg(cardId).arg(*expectedMod));
    // Basic notes have one card: deleting the card deletes its note.
    return cardrows::deleteNotes(context.db(), {existing->noteId});
}

Result<CardRecord> setSuspended(WriteContext &context, qint64 cardId, bool suspended)
{
    auto existing = cardrows::loadExisting(context.db(), cardId);
    if (!existing)
        return existing.error();
    CardRecord card = std::move(existing).value();
    card.state.queue = suspended ? -1 : scheduling::queueForType(card.state.type, card.state.due);
    card.mod = cardrows::nextMod(card.mod, context.nowSeconds());
    if (auto done = cardrows::updateCard(context.db(), cardId, card.deckId, card.state, card.mod); !done)
        return done.error();
    return card;
}

Result<std::optional<CardRecord>> findByGuid(storage::Connection &db, const QString &guid)
{
    storage::Query query(db,
        u"SELECT "_s % cardrows::kSelectColumns
            % u" FROM cards c JOIN notes n ON n.id = c.nid WHERE n.guid = ? ORDER BY c.id LIMIT 1"_s);
    query.bind(guid);
    if (auto done = query.exec(); !done)
        return done.error();
    if (!query.next())
        return std::optional<CardRecord> {};
    return std::optional<CardRecord> {cardrows::readCard(query)};
}

Result<CardPage> find(const ReadView &view, const CardQuery &query)
{
    const DeckTree tree(view.meta.decks());
    if (query.deckId && !tree.contains(*query.deckId))
        return deckNotFound(*query.deckId);
    auto filter = buildCardFilter(query.search, tree, view.timing, query.deckId);
    if (!filter)
        return filter.error();
    const QString from = u" FROM cards c JOIN notes n ON n.id = c.nid WHERE "_s % filter->where;

    CardPage page;
    storage::Query total(*view.db, u"SELECT count(*)"_s % from, storage::Query::Caching::Uncached);
    for (const QVariant &binding : filter->bindings)
        total.bind(binding);
    auto count = total.scalar();
    if (!count)
        return count.error();
    page.total = count.value() ? count.value()->toLongLong() : 0;

    storage::Query rows(*view.db,
        u"SELECT "_s % cardrows::kSelectColumns % from % u" ORDER BY c.id LIMIT ? OFFSET ?"_s,
        storage::Query::Caching::Uncached);
    for (const QVariant &binding : filter->bindings)
        rows.bind(binding);
    rows.bind(std::clamp(query.limit, 0, 1000)).bind(std::max(query.offset, 0));
    if (auto done = rows.exec(); !done)
        return done.error();
    while (rows.next())
        page.cards.append(cardrows::readCard(rows));
    return page;
}

} // namespace javumbo::collection::cardops
