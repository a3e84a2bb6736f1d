#include "usercollection.h"

#include "answering.h"
#include "cardops.h"
#include "cardrows.h"
#include "deckops.h"
#include "decktree.h"
#include "readview.h"
#include "storage/collectionschema.h"
#include "studyreads.h"
#include "undolog.h"

using namespace Qt::StringLiterals;

namespace javumbo::collection {

namespace {

// Runs `read(view)` on a fresh ReadView of the file; the view's error otherwise.
template<typename Read>
auto withView(const QString &path, const Clock &clock, Read &&read)
    -> std::invoke_result_t<Read, const ReadView &>
{
    auto view = ReadView::open(path, clock);
    if (!view)
        return view.error();
    return read(view.value());
}

// Runs `read(db)` on the calling thread's connection to the file.
template<typename Read>
auto withConnection(Result<storage::Connection *> db, Read &&read)
    -> std::invoke_result_t<Read, storage::Connection &>
{
    if (!db)
        return db.error();
    return read(*db.value());
}

} // namespace

UserCollection::UserCollection(
    QString path, const Clock &clock, scheduling::FuzzSource fuzz, const CollectionHooks &hooks)
    : m_path(std::move(path)), m_clock(clock), m_fuzz(fuzz), m_hooks(hooks)
{ }

Result<storage::Connection *> UserCollection::connection() const
{
    return openCollection(m_path);
}

Result<void> UserCollection::create(const QString &path, const Clock &clock)
{
    const qint64 now = clock.nowMs();
    return storage::collectionschema::createFile(path, now, clock.utcOffsetMinutesWest(now / 1000));
}

Result<QList<DeckSummary>> UserCollection::decks()
{
    return withView(m_path, m_clock, [&](const ReadView &view) { return deckops::list(view); });
}

Result<DeckSummary> UserCollection::deck(qint64 deckId)
{
    return withView(m_path, m_clock, [&](const ReadView &view) { return deckops::get(view, deckId); });
}

Result<bool> UserCollection::hasDeck(qint64 deckId)
{
    return withView(m_path, m_clock,
        [&](const ReadView &view) -> Result<bool> { return DeckTree(view.meta.decks()).contains(deckId); });
}

Result<DeckSummary> UserCollection::createDeck(const QString &name)
{
    return transact([&](WriteContext &context) { return deckops::create(context, name); });
}

Result<DeckSummary> UserCollection::renameDeck(qint64 deckId, const QString &name)
{
    return transact([&](WriteContext &context) { return deckops::rename(context, deckId, name); });
}

Result<void> UserCollection::deleteDeck(qint64 deckId)
{
    if (deckId == storage::collectionschema::kDefaultDeckId)
        return makeError(ErrorCode::DefaultDeckProtected, u"the Default deck cannot be deleted"_s);
    return transact([&](WriteContext &context) { return deckops::remove(context, deckId); });
}

Result<CardRecord> UserCollection::addCard(const NewCard &card)
{
    auto checked = cardops::checkNewCard(card);
    if (!checked)
        return checked.error();
    return transact([&](WriteContext &context) { return cardops::add(context, checked.value()); });
}

Result<CardRecord> UserCollection::card(qint64 cardId)
{
    const auto lookup = m_hooks.cardLookupKeepsUserFilter() ? cardrows::Lookup::OwnCollection
                                                            : cardrows::Lookup::AnyCollection;
    return withConnection(
        connection(), [&](storage::Connection &db) { return cardrows::loadExisting(db, cardId, lookup); });
}

Result<std::optional<CardRecord>> UserCollection::cardByGuid(const QString &guid)
{
    return withConnection(
        connection(), [&](storage::Connection &db) { return cardops::findByGuid(db, guid); });
}

Result<CardPage> UserCollection::findCards(const CardQuery &query)
{
    return withView(m_path, m_clock, [&](const ReadView &view) { return cardops::find(view, query); });
}

Result<CardRecord> UserCollection::updateCard(qint64 cardId, const CardEdit &edit)
{
    if (auto valid = cardops::checkFields(edit.front, edit.back); !valid)
        return valid.error();
    return transact([&](WriteContext &context) { return cardops::update(context, cardId, edit); });
}

Result<void> UserCollection::deleteCard(qint64 cardId, std::optional<QString> expectedEtag)
{
    return transact([&](WriteContext &context) { return cardops::remove(context, cardId, expectedEtag); });
}

Result<CardRecord> UserCollection::setSuspended(
    qint64 cardId, bool suspended, std::optional<QString> expectedEtag)
{
    return transact([&](WriteContext &context) {
        return cardops::setSuspended(context, cardId, suspended, expectedEtag);
    });
}

Result<std::optional<NextCard>> UserCollection::nextCard(qint64 deckId)
{
    return withView(
        m_path, m_clock, [&](const ReadView &view) { return studyreads::nextCard(view, deckId, m_fuzz); });
}

Result<ReviewCounts> UserCollection::counts(qint64 deckId)
{
    auto next = nextCard(deckId);
    if (!next)
        return next.error();
    if (next.value())
        return next.value()->counts;
    return ReviewCounts {};
}

Result<AnsweredCard> UserCollection::answer(const AnswerRequest &request)
{
    const auto ease = Answering::checkRequest(request);
    if (!ease)
        return ease.error();
    auto readBefore = m_hooks.cardBeforeAnswer(*this, request.cardId);
    if (!readBefore)
        return readBefore.error();
    return transact([&](WriteContext &context) {
        return Answering(context, request, ease.value(), m_fuzz).run(readBefore.value());
    });
}

Result<CardRecord> UserCollection::undoAnswer(qint64 undoId)
{
    return transact(
        [&](WriteContext &context) { return undolog::undo(context, undoId, m_hooks.undoDeletesRevlog()); });
}

Result<CollectionStats> UserCollection::stats()
{
    return withView(m_path, m_clock, [&](const ReadView &view) { return studyreads::stats(view); });
}

Result<DayCounts> UserCollection::reviewsPerDay(int days, std::optional<qint64> deckId)
{
    return withView(
        m_path, m_clock, [&](const ReadView &view) { return studystats::reviewsPerDay(view, days, deckId); });
}

Result<DayCounts> UserCollection::dueForecast(int days, std::optional<qint64> deckId)
{
    return withView(
        m_path, m_clock, [&](const ReadView &view) { return studystats::dueForecast(view, days, deckId); });
}

Result<QString> UserCollection::integrityCheck()
{
    return withConnection(connection(), [](storage::Connection &db) -> Result<QString> {
        // PostgreSQL checks its own pages; what is left to check is the
        // collection's references, which SQLite's check does not see either.
        storage::Query query(db,
            db.engine() == storage::Engine::SQLite
                ? u"PRAGMA integrity_check"_s
                : u"SELECT CASE WHEN (SELECT count(*) FROM col WHERE $user() id = 1) <> 1 THEN 'the col row "
                  u"is missing'"
                  " WHEN EXISTS (SELECT 1 FROM cards c WHERE $user(c) NOT EXISTS (SELECT 1 FROM notes n"
                  " WHERE $user(n) n.id = c.nid)) THEN 'a card has no note' ELSE 'ok' END"_s,
            storage::Query::Caching::Uncached);
        if (auto done = query.exec(); !done)
            return done.error();
        QStringList findings;
        while (query.next())
            findings.append(query.text(0));
        return findings.join(u'\n');
    });
}

} // namespace javumbo::collection
