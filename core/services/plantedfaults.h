#pragma once

// The helpers of the planted faults (common/fault.h), kept together so the
// clean code carries one short, commented branch per fault and nothing more;
// the collection itself knows none of them: the three that act inside it come
// in through its CollectionHooks (PlantedCollectionHooks below). Where each
// fault branches, what a load test must do to trigger it, and the checker
// class it causes:
//
// no-user-lock        CollectionAccess::write (no UserLockRegistry) and
//                     PlantedCollectionHooks::cardBeforeAnswer (reads the
//                     card, waits kAnswerRaceWindow, and the answer then
//                     writes the stale state).
//                     Trigger: K >= 2 clients of ONE user answer the same
//                     card at once (optionally with expected_reps): all
//                     succeed, revlog gets K rows, reps only +1. reps_mismatch.
// shared-session-slot ApiServer::runPipeline via passThroughSharedSlot().
//                     Trigger: >= 2 users with requests in flight at once.
//                     misplaced (POST /cards), session_mixup (GET /me).
// clock-ids           PlantedCollectionHooks::newRowId (ids for every new
//                     row) and ApiServer::runPipeline (vague "Database error").
//                     Trigger: two adds (or answers) of one user within one
//                     second (ids come from a seconds clock, as in the
//                     original app), e.g. several clients of one user adding.
//                     server_error.
// lost-ack            CardService::add / addOnce via LostAcks::afterAdd().
//                     Trigger: at least 20 successful adds server-wide; add
//                     #20, #120, #220 ... is answered 201 and erased. lost.
// double-revlog       PlantedCollectionHooks::revlogRowsPerAnswer. Trigger:
//                     any answer. revlog_mismatch.
// no-idempotency      CardService::addOnce. Trigger: POST /cards retried with
//                     the same Idempotency-Key. duplicated.
// stale-session       ApiServer::runPipeline via StaleSessionCache. Trigger:
//                     a request with a token within 5 s of its logout.
//                     session_after_logout.
// undo-keeps-revlog   PlantedCollectionHooks::undoDeletesRevlog. Trigger:
//                     any acknowledged POST /review/undo (the load tester's
//                     reviewers undo about 5 % of their answers). The card
//                     goes back but its revlog row stays. revlog_mismatch.
// unfiltered-card-read PlantedCollectionHooks::cardLookupKeepsUserFilter
//                     (UserCollection::card drops the user_id filter).
//                     PostgreSQL only (serve refuses it without --database).
//                     Trigger: GET /cards/{id} with another user's card id;
//                     the checker's cross-user spot check asks exactly that.
//                     misplaced.

#include "collection/collectionhooks.h"
#include "collection/records.h"
#include "common/clock.h"
#include "common/fault.h"
#include "common/result.h"
#include "sessions/session.h"

#include <QHash>

#include <atomic>
#include <chrono>
#include <mutex>

namespace javumbo::faults {

// no-user-lock: how long an answer waits between its read of the card and its
// write; long enough that concurrent answers of one card all read it before
// the first writes, even on a loaded machine (sanitizers, parallel tests).
inline constexpr std::chrono::milliseconds kAnswerRaceWindow {100};

// The faults that act inside the collection: clock-ids, double-revlog,
// undo-keeps-revlog and the stale read of no-user-lock. Stateless, so one
// instance serves every thread.
class PlantedCollectionHooks final : public collection::CollectionHooks
{
public:
    explicit PlantedCollectionHooks(Fault fault);

    // clock-ids: ids from a seconds clock without collision handling.
    std::optional<qint64> newRowId(qint64 nowMs) const override;
    // no-user-lock: the card read before the answer's transaction, then kAnswerRaceWindow.
    Result<std::optional<collection::CardRecord>> cardBeforeAnswer(
        collection::UserCollection &collection, qint64 cardId) const override;
    // double-revlog: 2.
    int revlogRowsPerAnswer() const override;
    // undo-keeps-revlog: false.
    bool undoDeletesRevlog() const override;
    // unfiltered-card-read: false.
    bool cardLookupKeepsUserFilter() const override;

private:
    const Fault m_fault;
};

// shared-session-slot: how long a request's user sits in the slot before the
// handler reads it back; long enough that concurrent requests overwrite it.
inline constexpr std::chrono::milliseconds kSharedSlotWindow {1};
// Stores `userId` in the one process-wide slot, waits kSharedSlotWindow and
// returns whatever the slot holds then: often another request's user.
qint64 passThroughSharedSlot(qint64 userId);

// clock-ids: what the original app answered for any database exception.
Error vagueDatabaseError();

// lost-ack: counts successful adds of one Backend and erases every 100th,
// from the 20th on, after its answer was decided.
class LostAcks
{
public:
    static constexpr qint64 kFirst = 20;
    static constexpr qint64 kEvery = 100;
    // Whether the `number`th successful add (1-based) is one to lose.
    static bool isLost(qint64 number) { return number % kEvery == kFirst % kEvery; }
    // Call on the user's collection right after an add, inside the same write
    // (under the user's lock): an erased card's ids must never come back, so
    // this waits until `clock` has passed them.
    void afterAdd(collection::UserCollection &collection, const Result<collection::CardRecord> &added,
        const Clock &clock);

private:
    std::atomic<qint64> m_successfulAdds {0};
};

// stale-session: sessions remembered at their last successful validation and
// still honoured for kLifetimeMs after the store stopped knowing them, because
// logout never tells this cache. Live sessions always come from the store, so
// their state (current deck) stays fresh and the fault shows up only after a
// logout (or an expiry).
class StaleSessionCache
{
public:
    static constexpr qint64 kLifetimeMs = 5000;
    Result<Session> apply(const QString &token, Result<Session> validated, qint64 nowMs);

private:
    struct Entry
    {
        Session session;
        qint64 validatedAtMs = 0;
    };
    std::mutex m_mutex;
    // Guarded by m_mutex:
    QHash<QString, Entry> m_sessions;
};

} // namespace javumbo::faults
