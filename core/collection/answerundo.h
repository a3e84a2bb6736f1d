#pragma once

#include "common/result.h"
#include "records.h"
#include "usercollection.h"

#include <QJsonObject>
#include <QVariantList>

namespace javumbo::collection {

// Everything one answer changed, as it was before: enough to put the
// collection back exactly (the card row, the note's tags the leech rule may
// have touched, the deck's daily counters) and to find the revlog row it wrote.
struct AnswerUndoRecord
{
    qint64 cardId = 0;
    qint64 noteId = 0;
    QVariantList cardRow; // AnswerUndo::kCardColumns before the answer
    QVariantList noteRow; // tags, mod, usn of the note before the answer
    QJsonObject deckCounters; // deck id -> its daily counters before the answer
    qint64 revlogId = 0; // the row the answer wrote
    qint64 answeredMod = 0; // the card's version right after the answer
};

// The answer that remembers how to take itself back.
struct UndoableAnswer
{
    CardRecord card;
    AnswerUndoRecord undo;
};

// Answers a card and undoes such an answer. The caller holds the user's lock
// around both calls (ReviewUndo in services), so nothing else writes the
// collection between the snapshot and the answer.
class AnswerUndo
{
public:
    explicit AnswerUndo(UserCollection &collection);

    // Snapshots what the answer will change, answers through
    // UserCollection::answer and records the revlog row it wrote.
    Result<UndoableAnswer> answer(const AnswerRequest &request);
    // Restores the snapshot and deletes the revlog row in one transaction
    // (UserCollection::transact, so col.mod is stamped like any other write).
    // StaleCard if the card changed after the answer (the undo would lose that change).
    Result<CardRecord> undo(const AnswerUndoRecord &record);

    static const QStringList kCardColumns;

private:
    UserCollection &m_collection;
};

} // namespace javumbo::collection
