#pragma once

#include "collectionhooks.h"
#include "common/clock.h"
#include "common/result.h"
#include "records.h"
#include "scheduling/fuzz.h"
#include "studystats.h"
#include "writecontext.h"

#include <QString>

namespace javumbo::collection {

// One user's Anki collection (one SQLite file, schema 11): the façade over the
// collection's features (deckops, cardops, Answering, studyreads). Every
// mutation is one transaction through transact(); reads run without one
// (WAL). Cheap to construct: it holds a path, and the calling thread's cached
// connection is used underneath. Serialising writers is the caller's job
// (UserLockRegistry); the transactions keep the file consistent even if a
// caller forgets.
class UserCollection
{
public:
    // `hooks` must outlive the collection; the defaults are the real behaviour.
    UserCollection(QString path, const Clock &clock,
        scheduling::FuzzSource fuzz = scheduling::FuzzSource::seeded(),
        const CollectionHooks &hooks = CollectionHooks::none());

    // Creates a new collection file at `path` as one unit: written beside it
    // and renamed into place, so a half-made file never carries the name.
    static Result<void> create(const QString &path, const Clock &clock);

    const QString &path() const { return m_path; }
    const Clock &clock() const { return m_clock; }

    // Decks
    Result<QList<DeckSummary>> decks();
    Result<DeckSummary> deck(qint64 deckId);
    Result<DeckSummary> createDeck(const QString &name);
    Result<DeckSummary> renameDeck(qint64 deckId, const QString &name);
    Result<void> deleteDeck(qint64 deckId);
    Result<bool> hasDeck(qint64 deckId);

    // Cards
    Result<CardRecord> addCard(const NewCard &card);
    Result<CardRecord> card(qint64 cardId);
    // The card of the note with this guid, if any (a scan: guids carry no index in schema 11).
    Result<std::optional<CardRecord>> cardByGuid(const QString &guid);
    Result<CardPage> findCards(const CardQuery &query);
    Result<CardRecord> updateCard(qint64 cardId, const CardEdit &edit);
    // `expectedEtag`: refuse with stale_card unless the card is still that version.
    Result<void> deleteCard(qint64 cardId, std::optional<QString> expectedEtag = std::nullopt);
    Result<CardRecord> setSuspended(
        qint64 cardId, bool suspended, std::optional<QString> expectedEtag = std::nullopt);

    // Review
    Result<std::optional<NextCard>> nextCard(qint64 deckId);
    Result<ReviewCounts> counts(qint64 deckId);
    // Answers and remembers how to undo it, in one transaction (undolog.h).
    Result<AnsweredCard> answer(const AnswerRequest &request);
    // Takes the answer `undoId` back: the card as it was before it.
    Result<CardRecord> undoAnswer(qint64 undoId);

    // Statistics (studystats.h)
    Result<CollectionStats> stats();
    Result<DayCounts> reviewsPerDay(int days, std::optional<qint64> deckId = std::nullopt);
    Result<DayCounts> dueForecast(int days, std::optional<qint64> deckId = std::nullopt);
    // "ok" or the findings: SQLite's integrity_check on a file; on PostgreSQL, the
    // collection's own references (its col row, every card's note).
    Result<QString> integrityCheck();

    // Runs `work(WriteContext &)` as one mutation: one transaction, col saved
    // and stamped once. Every write of the collection goes through here.
    template<typename Work>
    auto transact(Work &&work) -> std::invoke_result_t<Work, WriteContext &>
    {
        return collection::transact(connection(), m_clock, m_hooks, std::forward<Work>(work));
    }

    // The calling thread's connection to the file (reads outside a transaction).
    Result<storage::Connection *> connection() const;

    // Longest front or back accepted, in characters.
    static constexpr int kMaxFieldLength = 65536;

private:
    QString m_path;
    const Clock &m_clock;
    scheduling::FuzzSource m_fuzz;
    const CollectionHooks &m_hooks;
};

} // namespace javumbo::collection
