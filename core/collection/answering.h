#pragma once

#include "records.h"
#include "scheduling/answer.h"
#include "scheduling/daytiming.h"
#include "scheduling/ease.h"
#include "scheduling/fuzz.h"
#include "undolog.h"
#include "writecontext.h"

#include <optional>

namespace javumbo::collection {

// One answer to one card, in the named steps of Anki's answering module
// (rslib/src/scheduler/answering): load and check the card, compute its next
// state, apply that to the card, write the revlog entry, tag a leech, count
// the answer in the decks' day counters, and remember how to undo it
// (undolog.h). Runs inside the caller's WriteContext, so the steps commit
// together or not at all.
class Answering
{
public:
    // The request's ease and time, checked before any transaction begins.
    static Result<scheduling::Ease> checkRequest(const AnswerRequest &request);

    Answering(WriteContext &context, const AnswerRequest &request, scheduling::Ease ease,
        const scheduling::FuzzSource &fuzz);

    // Runs every step. `readBefore`: the card as read before the transaction
    // (CollectionHooks::cardBeforeAnswer), answered instead of reading it here.
    Result<AnsweredCard> run(std::optional<CardRecord> readBefore);

private:
    Result<void> loadAndCheckCard(std::optional<CardRecord> readBefore);
    Result<void> computeNextState();
    Result<void> rememberBefore();
    Result<void> applyToCard();
    Result<void> writeRevlog();
    Result<void> tagLeech();
    Result<void> updateDeckCounters();
    Result<void> recordUndo();

    WriteContext &m_context;
    const AnswerRequest &m_request;
    const scheduling::Ease m_ease;
    const scheduling::FuzzSource &m_fuzz;
    CollectionMeta *m_meta = nullptr;
    AnsweredCard m_card;
    undolog::Before m_before;
    qint64 m_revlogId = 0;
    bool m_leechTagged = false;
    int m_queueBefore = 0;
    qint64 m_nowSeconds = 0;
    scheduling::DayTiming m_timing;
    scheduling::AnswerOutcome m_outcome;
};

} // namespace javumbo::collection
