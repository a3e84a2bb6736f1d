#pragma once

#include "accounts/accountstore.h"
#include "collection/usercollection.h"
#include "common/clock.h"
#include "history/operation.h"
#include "integrity/checker.h"

#include <QTemporaryDir>

// Fixture builders for the integrity checker's tests: a data directory laid
// out like a server's, with real accounts and collections, a history
// builder that numbers operations and moves time forward, and the two
// together with a checker (CheckerRun).
namespace javumbo::testsupport {

struct IntegrityUser
{
    QString username;
    qint64 id = 0;
    QString email;
    QString password;
};

class IntegrityDataDir
{
public:
    IntegrityDataDir();
    // Closes this thread's connections before the directory goes.
    ~IntegrityDataDir();
    IntegrityDataDir(const IntegrityDataDir &) = delete;
    IntegrityDataDir &operator=(const IntegrityDataDir &) = delete;

    QString dataDir() const { return m_dir.path(); }
    QString collectionPath(const IntegrityUser &user) const;
    ManualClock &clock() { return m_clock; }

    // Registers in admin.db and creates the user's collection; fails the test process on error.
    IntegrityUser addUser(const QString &username);
    collection::UserCollection collection(const IntegrityUser &user);
    collection::CardRecord addCard(
        const IntegrityUser &user, const QString &front, const QString &back, qint64 deckId = 1);
    qint64 createDeck(const IntegrityUser &user, const QString &name);
    collection::CardRecord answer(const IntegrityUser &user, qint64 cardId, int ease = 3);

private:
    QTemporaryDir m_dir;
    ManualClock m_clock;
    AccountStore m_accounts;
};

// Runs statements through one private writable connection (to damage a
// file the way a bug would).
void execSql(const QString &path, const QStringList &statements);

// Operations as the load tester records them, with seq and times increasing.
class HistoryBuilder
{
public:
    static QString front(const IntegrityUser &user, const QString &tag);
    static QString back(const QString &tag);

    history::Operation op(
        const QString &name, const IntegrityUser &user, history::Outcome outcome = history::Outcome::Ok);
    history::Operation registered(const IntegrityUser &user);
    history::Operation addCard(const IntegrityUser &user, const QString &tag,
        history::Outcome outcome = history::Outcome::Ok, qint64 cardId = 0, const QString &deckName = {});
    history::Operation answer(const IntegrityUser &user, qint64 cardId,
        history::Outcome outcome = history::Outcome::Ok, int repsAfter = -1);

    qint64 nowUs() const { return m_nowUs; }
    void advanceUs(qint64 us) { m_nowUs += us; }

private:
    qint64 m_seq = 0;
    qint64 m_nowUs = 0;
};

// A checker over a fresh data directory where alice and bob have registered
// (and the checker has seen it), nothing attempted yet: where checker tests start.
struct CheckerRun
{
    IntegrityDataDir data;
    HistoryBuilder history;
    IntegrityUser alice = data.addUser(QStringLiteral("alice"));
    IntegrityUser bob = data.addUser(QStringLiteral("bob"));
    integrity::Checker checker {integrity::CheckerOptions {data.dataDir()}};

    CheckerRun();
    // An add of `owner`'s card `tag` the server acknowledged and stored in
    // `holder`'s collection (the owner's own, unless the server misplaced it).
    // Not observed yet.
    history::Operation store(const IntegrityUser &owner, const IntegrityUser &holder, const QString &tag,
        qint64 deckId = 1, const QString &deckName = {});
    // The same, stored where it belongs and observed.
    history::Operation stored(
        const IntegrityUser &user, const QString &tag, qint64 deckId = 1, const QString &deckName = {});
};

// The classes of `violations`, comma-separated in order ("lost,misplaced"): what tests compare.
QString classesOf(const QList<integrity::Violation> &violations);
QString classesOf(const integrity::IntegrityReport &report);

} // namespace javumbo::testsupport
