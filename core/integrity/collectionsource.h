#pragma once

#include "common/result.h"

#include <QHash>
#include <QList>
#include <QString>

namespace javumbo::integrity {

// A test account as the checker needs it: who to read, and (for the API
// path) how to log in. Ids may be 0 until a registration or admin.db tells them.
struct TestAccount
{
    QString username;
    QString password;
    QString email;
    qint64 userId = 0;
    QString token; // a live session token, used before logging in again
};

// One card as the server's data has it, whichever path read it.
struct CardRow
{
    qint64 cardId = 0;
    qint64 noteId = 0;
    qint64 deckId = 0;
    QString deckName; // empty when the deck id names no deck
    QString front;
    QString back;
    QString tag; // markerOf(back)
    int reps = 0;
    bool hasNote = true; // false: a card row whose note is missing (direct path only)
};

// What one read of one collection returned.
struct CollectionRead
{
    QList<CardRow> cards; // cards after the cursor given, in id order
    qint64 cursor = 0; // hand back to read only what was added since
    bool hasRevlog = false; // revlogRows is meaningful (direct full reads)
    QHash<qint64, int> revlogRows; // card id → revlog rows, including ids with no card
};

// One test user's collection as a pass saw it.
struct CollectionView
{
    QString userKey; // HistoryIndex::userKey(username)
    QString username;
    qint64 userId = 0;
    bool readable = false;
    QString error; // why it was not readable
    CollectionRead data;
};

// Where the server's data comes from: its files (DirectReader) or its API
// (ApiReader). Used by one thread at a time (the Checker serialises passes).
class CollectionSource
{
public:
    virtual ~CollectionSource() = default;
    virtual QString name() const = 0; // "direct" or "api"
    virtual bool seesRevlog() const = 0;
    // The user's id as the server knows it, for an account whose id the
    // history never learned.
    virtual Result<qint64> resolveUserId(const TestAccount &account) = 0;
    // Cards added after `cursor` (0: all of them); `full` also reads what a
    // final audit needs (revlog counts where visible). `account.userId` is set.
    virtual Result<CollectionRead> read(const TestAccount &account, qint64 cursor, bool full) = 0;
};

} // namespace javumbo::integrity
