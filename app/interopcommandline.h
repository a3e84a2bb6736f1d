#pragma once

#include "common/result.h"

#include <QCommandLineParser>
#include <QString>

#include <memory>
#include <optional>

namespace javumbo {
class Backend;
class SystemClock;
class UserLockRegistry;
} // namespace javumbo

namespace javumbo::app {

// What `javumbo import` and `javumbo export` share: the data directory's
// Backend (the same files and transactions as a server on it: every write is
// one SQLite transaction, so the commands are safe while `javumbo serve`
// runs), the user or desktop profile the command acts for, and its decks.
class InteropCommandLine
{
public:
    // Adds --data-dir, --user, --profile and --deck to `parser`.
    explicit InteropCommandLine(QCommandLineParser &parser);
    ~InteropCommandLine();

    // Opens the data directory and finds the user (--user or --profile; the
    // only account when there is one). Call after parser.process().
    Result<void> open();
    Backend &backend() { return *m_backend; }
    qint64 userId() const { return m_userId; }
    QString username() const { return m_username; }
    // The deck --deck names, created when missing; nothing when not given.
    Result<std::optional<qint64>> deck(bool createMissing);

    static int fail(const QString &command, const QString &message, int code = 1);

private:
    QCommandLineParser &m_parser;
    const QCommandLineOption m_dataDir;
    const QCommandLineOption m_user;
    const QCommandLineOption m_profile;
    const QCommandLineOption m_deck;
    std::unique_ptr<SystemClock> m_clock;
    std::unique_ptr<UserLockRegistry> m_locks;
    std::unique_ptr<Backend> m_backend;
    qint64 m_userId = 0;
    QString m_username;
};

} // namespace javumbo::app
