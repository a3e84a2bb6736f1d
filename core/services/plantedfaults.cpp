#include "plantedfaults.h"

#include "collection/usercollection.h"
#include "storage/collectionschema.h"
#include "storage/database.h"
#include "storage/transaction.h"

#include <QLoggingCategory>

#include <thread>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcFaults, "javumbo.faults")

namespace javumbo::faults {

namespace {

// shared-session-slot: the one slot, as the original kept the user in a module
// global. Atomic only so the bug stays a logic race, not undefined behaviour.
std::atomic<qint64> s_sessionSlot {0};

constexpr qsizetype kStaleCacheSweepSize = 4096;
constexpr int kIdWaitLimitMs = 200;

// Deletes the card and its note without graves: as if the add had never
// committed. Not through UserCollection::transact on purpose: a lost commit
// leaves no trace, so neither may its erasure (col.mod stays the add's).
Result<void> erase(const QString &path, const collection::CardRecord &card)
{
    return storage::inTransaction(
        storage::Database::open(path, storage::OpenMode::ReadWrite, &storage::collectionschema::verify),
        [&](storage::Connection &db) -> Result<void> {
            if (auto done
                = storage::Query(db, u"DELETE FROM cards WHERE $user() id = ?"_s).bind(card.cardId).exec();
                !done)
                return done;
            return storage::Query(db, u"DELETE FROM notes WHERE $user() id = ?"_s).bind(card.noteId).exec();
        });
}

} // namespace

PlantedCollectionHooks::PlantedCollectionHooks(Fault fault) : m_fault(fault) { }

std::optional<qint64> PlantedCollectionHooks::newRowId(qint64 nowMs) const
{
    if (m_fault != Fault::ClockIds)
        return CollectionHooks::newRowId(nowMs);
    // The original app's ids, taken from a seconds clock (kept in Anki's
    // millisecond shape) without collision handling, so two inserts of one
    // user in one second fail with "UNIQUE constraint failed". Whole seconds,
    // not milliseconds: a millisecond clock collides only when the machine is
    // fast enough, and the self-test must not depend on that.
    return nowMs / 1000 * 1000;
}

Result<std::optional<collection::CardRecord>> PlantedCollectionHooks::cardBeforeAnswer(
    collection::UserCollection &collection, qint64 cardId) const
{
    if (m_fault != Fault::NoUserLock)
        return CollectionHooks::cardBeforeAnswer(collection, cardId);
    // As the original: read the card (and so check expected_reps against it)
    // before the write, then write what that stale read implies: concurrent
    // answers all pass and all set reps + 1.
    auto read = collection.card(cardId);
    if (!read)
        return read.error();
    std::this_thread::sleep_for(kAnswerRaceWindow);
    return std::optional<collection::CardRecord> {std::move(read).value()};
}

int PlantedCollectionHooks::revlogRowsPerAnswer() const
{
    return m_fault == Fault::DoubleRevlog ? 2 : CollectionHooks::revlogRowsPerAnswer();
}

bool PlantedCollectionHooks::undoDeletesRevlog() const
{
    return m_fault != Fault::UndoKeepsRevlog && CollectionHooks::undoDeletesRevlog();
}

bool PlantedCollectionHooks::cardLookupKeepsUserFilter() const
{
    return m_fault != Fault::UnfilteredCardRead && CollectionHooks::cardLookupKeepsUserFilter();
}

qint64 passThroughSharedSlot(qint64 userId)
{
    s_sessionSlot.store(userId, std::memory_order_relaxed);
    std::this_thread::sleep_for(kSharedSlotWindow);
    return s_sessionSlot.load(std::memory_order_relaxed);
}

Error vagueDatabaseError()
{
    return makeError(ErrorCode::Internal, u"Database error"_s);
}

void LostAcks::afterAdd(
    collection::UserCollection &collection, const Result<collection::CardRecord> &added, const Clock &clock)
{
    if (!added || !isLost(++m_successfulAdds))
        return;
    // The 201 is already decided by the caller; the card just stops existing.
    if (auto erased = erase(collection.path(), added.value()); !erased) {
        qCWarning(lcFaults) << "lost-ack could not erase card" << added->cardId << erased.error().message;
        return;
    }
    // Ids are "now, or one past the largest": with the rows gone, the next add
    // in this millisecond would get the erased card's id, and the checker would
    // see a changed card instead of a lost one. Holding the user's lock until
    // the clock has moved past both ids rules that out (bounded, for frozen test clocks).
    const qint64 last = std::max(added->cardId, added->noteId);
    for (int waited = 0; clock.nowMs() <= last && waited < kIdWaitLimitMs; ++waited)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

Result<Session> StaleSessionCache::apply(const QString &token, Result<Session> validated, qint64 nowMs)
{
    std::scoped_lock locker(m_mutex);
    if (validated) {
        if (m_sessions.size() >= kStaleCacheSweepSize)
            m_sessions.removeIf(
                [nowMs](const auto &entry) { return nowMs - entry.value().validatedAtMs >= kLifetimeMs; });
        m_sessions.insert(token, Entry {validated.value(), nowMs});
        return validated;
    }
    if (validated.code() == ErrorCode::NotAuthenticated) {
        const auto found = m_sessions.constFind(token);
        if (found != m_sessions.cend() && nowMs - found->validatedAtMs < kLifetimeMs)
            return found->session;
    }
    return validated;
}

} // namespace javumbo::faults
