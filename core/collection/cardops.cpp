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

// The card as it is, when it is still the version the caller names (if any).
Result<CardRecord> loadVersion(
    WriteContext &context, qint64 cardId, const std::optional<QString> &expectedEtag)
{
    auto existing = cardrows::loadExisting(context.db(), cardId);
    if (!existing)
        return existing.error();
    if (expectedEtag && *expectedEtag != existing->etag())
        return makeError(ErrorCode::StaleCard,
            u"card %1 changed since version %2 (now %3)"_s.arg(cardId).arg(*expectedEtag, existing->etag()));
    return existing;
}

// The page of a search with text terms: SQL narrows by everything else, the
// filter judges the text of each remaining card (Unicode case folding), and
// only the page's cards are read whole.
Result<CardPage> scan(
    storage::Query &candidates, const ReadView &view, const CardFilter &filter, int limit, int offset)
{
    if (auto done = candidates.exec(); !done)
        return done.error();
    CardPage page;
    QList<qint64> pageIds;
    while (candidates.next()) {
        const auto [front, back] = notefields::splitFields(candidates.text(1));
        if (!filter.matches(front, back, notefields::splitTags(candidates.text(2))))
            continue;
        if (page.total >= offset && pageIds.size() < limit)
            pageIds.append(candidates.int64(0));
        ++page.total;
    }
    for (qint64 cardId : pageIds) {
        auto card = cardrows::loadExisting(*view.db, cardId);
        if (!card)
            return card.error();
        page.cards.append(std::move(card).value());
    }
    return page;
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
    auto existing = loadVersion(context, cardId, edit.expectedEtag);
    if (!existing)
        return existing.error();
    CardRecord card = std::move(existing).value();
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
    card.mod = now;
    if (auto done = cardrows::updateNote(context.db(), card.noteId, card.front, card.back, card.tags, now);
        !done)
        return done.error();
    if (auto done = cardrows::updateCard(context.db(), cardId, card.deckId, card.state, card.mod); !done)
        return done.error();
    return card;
}

Result<void> remove(WriteContext &context, qint64 cardId, const std::optional<QString> &expectedEtag)
{
    auto existing = loadVersion(context, cardId, expectedEtag);
    if (!existing)
        return existing.error();
    // Basic notes have one card: deleting the card deletes its note.
    return cardrows::deleteNotes(context.db(), {existing->noteId});
}

Result<CardRecord> setSuspended(
    WriteContext &context, qint64 cardId, bool suspended, const std::optional<QString> &expectedEtag)
{
    auto existing = loadVersion(context, cardId, expectedEtag);
    if (!existing)
        return existing.error();
    CardRecord card = std::move(existing).value();
    if (suspended == (card.state.queue == -1))
        return card; // already so (a buried card stays buried): nothing changes, not even mod
    card.state.queue = suspended ? -1 : scheduling::queueForType(card.state.type, card.state.due);
    card.mod = context.nowSeconds();
    if (auto done = cardrows::updateCard(context.db(), cardId, card.deckId, card.state, card.mod); !done)
        return done.error();
    return card;
}

Result<std::optional<CardRecord>> findByGuid(storage::Connection &db, const QString &guid)
{
    storage::Query query(db,
        u"SELECT "_s % cardrows::kSelectColumns
            % u" FROM cards c JOIN notes n ON $user(n) n.id = c.nid WHERE $user(c) n.guid = ?"
              " ORDER BY c.id LIMIT 1"_s);
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
    auto filter = CardFilter::parse(query.search, tree, view.timing, query.deckId);
    if (!filter)
        return filter.error();
    // The parentheses keep the user's filter apart from the search's conditions, whatever they hold.
    const QString from = u" FROM cards c JOIN notes n ON $user(n) n.id = c.nid WHERE $user(c) ("_s
        % filter->where() % u")"_s;
    const int limit = std::clamp(query.limit, 0, 1000);
    const int offset = std::max(query.offset, 0);
    auto bound = [&](const QString &sql) {
        auto statement = std::make_unique<storage::Query>(*view.db, sql, storage::Query::Caching::Uncached);
        for (const QVariant &binding : filter->bindings())
            statement->bind(binding);
        return statement;
    };
    if (filter->hasTextTerms())
        return scan(*bound(u"SELECT c.id, n.flds, n.tags"_s % from % u" ORDER BY c.id"_s), view, *filter,
            limit, offset);

    CardPage page;
    auto total = bound(u"SELECT count(*)"_s % from);
    auto count = total->scalar();
    if (!count)
        return count.error();
    page.total = count.value() ? count.value()->toLongLong() : 0;
    auto rows = bound(u"SELECT "_s % cardrows::kSelectColumns % from % u" ORDER BY c.id LIMIT ? OFFSET ?"_s);
    rows->bind(limit).bind(offset);
    if (auto done = rows->exec(); !done)
        return done.error();
    while (rows->next())
        page.cards.append(cardrows::readCard(*rows));
    return page;
}

} // namespace javumbo::collection::cardops
