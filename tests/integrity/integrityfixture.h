#pragma once

#include "accounts/accountstore.h"
#include "collection/usercollection.h"
#include "common/clock.h"
#include "loadtest/operation.h"

#include <QTemporaryDir>

// Fixture builders for the integrity checker's tests: a data directory laid
// out like a server's, with real accounts and collections, and a history
// builder that numbers operations and moves time forward.
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

    loadtest::Operation op(
        const QString &name, const IntegrityUser &user, loadtest::Outcome outcome = loadtest::Outcome::Ok);
    loadtest::Operation registered(const IntegrityUser &user);
    loadtest::Operation addCard(const IntegrityUser &user, const QString &tag,
        loadtest::Outcome outcome = loadtest::Outcome::Ok, qint64 cardId = 0, const QString &deckName = {});
    loadtest::Operation answer(const IntegrityUser &user, qint64 cardId,
        loadtest::Outcome outcome = loadtest::Outcome::Ok, int repsAfter = -1);

    qint64 nowUs() const { return m_nowUs; }
    void advanceUs(qint64 us) { m_nowUs += us; }

private:
    qint64 m_seq = 0;
    qint64 m_nowUs = 0;
};

} // namespace javumbo::testsupport
