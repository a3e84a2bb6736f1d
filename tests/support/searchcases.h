#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

// The search syntax (docs/api.md §5) as one table of queries and the cards
// they find in one small collection, shared by the core test
// (tests/collection/tst_cardsearch), the API test
// (tests/server/api/tst_apicontract) and, for the errors, the desktop's
// browser (tests/gui/tst_browserview), so the faces cannot drift apart.
namespace javumbo::testsupport::searchcases {

// How a test makes the shared collection: through the core, or over HTTP.
// The clock must start at kDay0TenAmMs (testsupport.h) and move only through
// advanceClock.
struct Maker
{
    std::function<qint64(const QString &name)> createDeck;
    std::function<qint64(const QString &front, const QString &back, qint64 deckId, const QStringList &tags)>
        addCard;
    std::function<void(qint64 cardId, int ease)> answer;
    std::function<void(qint64 cardId)> suspend;
    std::function<void(qint64 ms)> advanceClock;
};

// Decks, ten cards in several states, answers on two days; leaves the clock two days on.
void make(const Maker &maker);

// QTest columns "query" (QString), "fronts" (QStringList: the fronts found,
// in any order) and "invalidTerm" (QString: when not empty the search is
// 400 invalid_query and the message names this term), one row per case.
void addRows();

// Only the invalid rows, columns "query" and "invalidTerm", for a face that
// shows the error without the shared collection (the desktop's browser).
void addInvalidRows();

} // namespace javumbo::testsupport::searchcases
