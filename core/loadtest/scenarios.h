#pragma once

#include "apiactor.h"
#include "pacer.h"
#include "sampledeck.h"

#include <QRandomGenerator>

#include <barrier>

namespace javumbo::loadtest::scenarios {

// The plan's scenarios, one function per kind of virtual user. Each runs on
// its own thread, records every request through its ApiActor and returns
// when its work is done or the run stops. Beside each, the requests one such
// user plans to send on average (progress and ETA add them up): keep the two
// together when a scenario changes.

// Set-up of a reviewer: the sample deck, with `cards` of its cards, in the
// reviewer's collection. Returns the deck id (0 when set-up failed).
qint64 setUpReviewer(ApiActor &actor, const SampleDeck &deck, int cards);
double setUpReviewerRequests(const LoadProfile &profile);

// B. A writer adds `cards` cards with pacing, checking its identity now and then.
void runWriter(ApiActor &actor, QRandomGenerator &random, Pacer &pacer, int cards);
double writerRequests(const LoadProfile &profile);

// C. A reviewer does `reviews` reviews of its sample deck (next, think,
// answer), and takes about kUndoPercent of its answers back at once, as a
// student who pressed the wrong button; `undoRandom` (RandomStream::ReviewerUndo)
// picks which, so the seed decides it without shifting the other draws.
inline constexpr int kUndoPercent = 5;
void runReviewer(ApiActor &actor, QRandomGenerator &random, QRandomGenerator &undoRandom, Pacer &pacer,
    qint64 deckId, int reviews);
double reviewerRequests(const LoadProfile &profile);

// D. Session thrashing: login → add cards → logout → probe the ended token, across accounts.
void runSessionThrasher(
    RunContext &context, const QString &virtualUser, QList<TestAccount *> accounts, QRandomGenerator &random);
double sessionThrasherRequests(const LoadProfile &profile);

// E. One of several devices of one student: adds cards at full speed, then
// answers the same due cards as the other devices at the same moment (the
// barrier), with expected_reps, so exactly one answer per card may win.
void runHotUserClient(ApiActor &actor, std::barrier<> &rounds, int clientIndex);
double hotUserClientRequests(const LoadProfile &profile);

// F. Retries with Idempotency-Key: half the adds are abandoned by the client
// and retried, half are retried after a response arrived; each retry must
// return the first card.
void runRetrier(ApiActor &actor, QRandomGenerator &random);
double retrierRequests(const LoadProfile &profile);

} // namespace javumbo::loadtest::scenarios
