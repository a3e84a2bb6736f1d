#include "answering.h"

#include "cardrows.h"
#include "collectionhooks.h"
#include "decktree.h"

using namespace Qt::StringLiterals;

namespace javumbo::collection {

Result<scheduling::Ease> Answering::checkRequest(const AnswerRequest &request)
{
    const auto ease = scheduling::easeFromInt(request.ease);
    if (!ease)
        return makeError(ErrorCode::InvalidEase, u"ease must be 1, 2, 3 or 4, not %1"_s.arg(request.ease));
    if (request.timeTakenMs < 0)
        return makeError(ErrorCode::BadRequest, u"time_taken_ms must not be negative"_s);
    return *ease;
}

Answering::Answering(WriteContext &context, const AnswerRequest &request, scheduling::Ease ease,
    const scheduling::FuzzSource &fuzz)
    : m_context(context), m_request(request), m_ease(ease), m_fuzz(fuzz)
{ }

Result<AnsweredCard> Answering::run(std::optional<CardRecord> readBefore)
{
    if (auto done = loadAndCheckCard(std::move(readBefore)); !done)
        return done.error();
    for (auto step : {&Answering::computeNextState, &Answering::rememberBefore, &Answering::applyToCard,
             &Answering::writeRevlog, &Answering::tagLeech, &Answering::updateDeckCounters,
             &Answering::recordUndo}) {
        if (auto done = (this->*step)(); !done)
            return done.error();
    }
    return m_card;
}

Result<void> Answering::loadAndCheckCard(std::optional<CardRecord> readBefore)
{
    if (readBefore) {
        static_cast<CardRecord &>(m_card) = std::move(*readBefore);
    } else {
        auto loaded = cardrows::loadExisting(m_context.db(), m_request.cardId);
        if (!loaded)
            return loaded.error();
        static_cast<CardRecord &>(m_card) = std::move(loaded).value();
    }
    if (m_request.expectedReps && *m_request.expectedReps != m_card.state.reps)
        return makeError(ErrorCode::AlreadyAnswered,
            u"card %1 has %2 reviews, not the expected %3"_s.arg(m_request.cardId)
                .arg(m_card.state.reps)
                .arg(*m_request.expectedReps));
    return {};
}

Result<void> Answering::computeNextState()
{
    auto meta = m_context.meta();
    if (!meta)
        return meta.error();
    m_meta = meta.value();
    auto config = m_meta->deckConfig(m_card.deckId);
    if (!config)
        return config.error();
    m_nowSeconds = m_context.nowSeconds();
    const int offset = m_context.clock().utcOffsetMinutesWest(m_nowSeconds);
    m_meta->updateLocalOffset(offset);
    m_timing = m_meta->timing(m_nowSeconds, offset);
    auto outcome = scheduling::answerCard(
        m_card.state, m_ease, config.value(), m_timing, m_fuzz, m_request.timeTakenMs);
    if (!outcome)
        return outcome.error();
    m_outcome = std::move(outcome).value();
    return {};
}

Result<void> Answering::rememberBefore()
{
    auto before = undolog::snapshot(m_context.db(), *m_meta, m_card.cardId);
    if (!before)
        return before.error();
    m_before = std::move(before).value();
    return {};
}

Result<void> Answering::applyToCard()
{
    m_queueBefore = m_card.state.queue;
    m_card.state = m_outcome.card;
    m_card.mod = m_nowSeconds;
    return cardrows::updateCard(m_context.db(), m_card.cardId, m_card.deckId, m_card.state, m_card.mod);
}

Result<void> Answering::writeRevlog()
{
    for (int row = 0; row < m_context.hooks().revlogRowsPerAnswer(); ++row) {
        auto logged = cardrows::insertRevlog(
            m_context.db(), m_card.cardId, m_outcome.revlog, m_context.nowMs(), m_context.hooks());
        if (!logged)
            return logged.error();
        if (row == 0)
            m_revlogId = logged.value();
    }
    return {};
}

Result<void> Answering::tagLeech()
{
    if (!m_outcome.becameLeech || m_card.tags.contains(u"leech"_s, Qt::CaseInsensitive))
        return {};
    m_card.tags.append(u"leech"_s);
    m_leechTagged = true;
    return cardrows::updateNote(
        m_context.db(), m_card.noteId, m_card.front, m_card.back, m_card.tags, m_nowSeconds);
}

Result<void> Answering::updateDeckCounters()
{
    DeckTree tree(m_meta->editDecks());
    for (qint64 deckId : tree.withAncestors(m_card.deckId))
        tree.recordAnswer(deckId, m_timing.today, m_queueBefore, m_outcome.revlog.timeMs);
    return {};
}

Result<void> Answering::recordUndo()
{
    auto undoId = undolog::record(
        m_context.db(), m_before, *m_meta, m_card, m_revlogId, m_leechTagged, m_context.nowMs());
    if (!undoId)
        return undoId.error();
    m_card.undoId = undoId.value();
    return {};
}

} // namespace javumbo::collection
