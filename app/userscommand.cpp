#include "userscommand.h"

#include "commandfailure.h"
#include "datadirectory.h"
#include "services/accountadmin.h"
#include "services/backend.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QFileInfo>
#include <QTextStream>

#include <cstdio>
#include <termios.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace javumbo::app {

namespace {

int fail(const QString &message, int code = 1)
{
    return commandFailed(u"users"_s, message, code);
}

// One line from stdin; without echo when it is a terminal.
QString readPassword(const QString &prompt)
{
    const bool terminal = ::isatty(STDIN_FILENO);
    termios saved {};
    if (terminal) {
        QTextStream(stderr) << prompt << Qt::flush;
        ::tcgetattr(STDIN_FILENO, &saved);
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    QTextStream in(stdin);
    const QString line = in.readLine();
    if (terminal) {
        ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        QTextStream(stderr) << '\n';
    }
    return line;
}

} // namespace

int runUsers(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Account administration. Actions: list, add NAME, disable NAME, enable NAME, reset-password NAME,"
        " grant-admin NAME, revoke-admin NAME. Passwords are read from standard input."_s);
    parser.addHelpOption();
    const QCommandLineOption dataDir(u"data-dir"_s, u"Data directory (admin.db, user_dbs/)."_s, u"dir"_s);
    const QCommandLineOption email(u"email"_s, u"Email of a new account (add)."_s, u"email"_s);
    const QCommandLineOption name(u"name"_s, u"Display name of a new account (add)."_s, u"name"_s);
    const QCommandLineOption admin(u"admin"_s, u"Make the new account an admin (add)."_s);
    const QCommandLineOption database(u"database"_s,
        u"The accounts of servers run with serve --database (a libpq connection string), not a data directory."_s,
        u"conninfo"_s);
    parser.addOptions({dataDir, email, name, admin, database});
    parser.addPositionalArgument(
        u"action"_s, u"list, add, disable, enable, reset-password, grant-admin, revoke-admin"_s);
    parser.addPositionalArgument(u"name"_s, u"The username the action applies to."_s, u"[name]"_s);
    parser.process(arguments);

    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return fail(u"name an action (see --help)"_s, 2);
    const QString action = positional.first();
    const QString username = positional.value(1);
    const QStringList needsName {
        u"add"_s, u"disable"_s, u"enable"_s, u"reset-password"_s, u"grant-admin"_s, u"revoke-admin"_s};
    if (action != u"list"_s && !needsName.contains(action))
        return fail(u"unknown action \"%1\" (see --help)"_s.arg(action), 2);
    if (needsName.contains(action) && username.isEmpty())
        return fail(u"%1 needs a username"_s.arg(action), 2);

    // Listing only reads, so it works on a read-only data directory (a disk
    // remounted read-only after errors is when an admin most needs it).
    const bool readOnly = action == u"list"_s;
    auto directory = readOnly && !parser.isSet(database)
        ? hosting::existingDataDirectory(parser.value(dataDir))
        : hosting::resolveDataDirectory(parser.value(dataDir));
    if (!directory)
        return fail(directory.error().message);
    SystemClock clock;
    UserLockRegistry locks;
    BackendOptions options;
    options.dataDir = directory.value();
    options.database = parser.value(database);
    const bool onPostgres = !options.database.isEmpty();
    Backend backend(options, clock, locks);
    if (readOnly && !onPostgres && !QFileInfo::exists(backend.context().adminDbPath()))
        return fail(u"%1 has no admin.db"_s.arg(directory.value()));
    // PostgreSQL: the server and its schema are checked even to list (nothing is written then).
    if (auto ready = readOnly && !onPostgres ? Result<void> {} : backend.initialize(); !ready)
        return fail(ready.error().message);
    AccountAdmin accounts(backend); // the same code as the Server panel's class accounts
    QTextStream out(stdout);

    if (action == u"list"_s) {
        auto all = accounts.list();
        if (!all)
            return fail(all.error().message);
        out << "id\tusername\temail\tadmin\tdisabled\tcreated\n";
        for (const Account &account : all.value()) {
            out << account.id << '\t' << account.username << '\t' << account.email << '\t'
                << (account.isAdmin ? "yes" : "no") << '\t' << (account.disabled ? "yes" : "no") << '\t'
                << QDateTime::fromSecsSinceEpoch(account.createdAt, Qt::UTC).toString(Qt::ISODate) << '\n';
        }
        return 0;
    }
    if (action == u"add"_s) {
        if (!parser.isSet(email))
            return fail(u"add needs --email"_s, 2);
        Registration registration {username, readPassword(u"Password for %1: "_s.arg(username)),
            parser.value(name), parser.value(email), QString()};
        auto account = accounts.add(registration, parser.isSet(admin));
        if (!account)
            return fail(u"%1 (%2)"_s.arg(account.error().message, errorCodeName(account.code())));
        out << "created user " << account->id << " " << account->username
            << (account->isAdmin ? " (admin)" : "") << '\n';
        return 0;
    }
    Result<void> done;
    if (action == u"disable"_s || action == u"enable"_s)
        done = accounts.setDisabled(username, action == u"disable"_s);
    else if (action == u"reset-password"_s)
        done = accounts.resetPassword(username, readPassword(u"New password for %1: "_s.arg(username)));
    else
        done = accounts.setAdmin(username, action == u"grant-admin"_s);
    if (!done)
        return fail(u"%1 (%2)"_s.arg(done.error().message, errorCodeName(done.code())));
    out << action << ": " << username << " done\n";
    return 0;
}

} // namespace javumbo::app
