#include "migratecommand.h"

#include "commandfailure.h"
#include "datadirectory.h"
#include "services/pgmigration.h"

#include <QCommandLineParser>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace javumbo::app {

namespace {

int fail(const QString &message, int code = 1)
{
    return commandFailed(u"migrate"_s, message, code);
}

bool looksLikeConnectionString(const QString &text)
{
    return text.startsWith("postgresql://"_L1) || text.startsWith("postgres://"_L1) || text.contains(u'=');
}

QString summary(const QString &from, const QString &to, const MigrationReport &report)
{
    QStringList rows;
    for (auto it = report.rows.begin(); it != report.rows.end(); ++it)
        rows << u"%1 %2"_s.arg(it.key()).arg(it.value());
    QString text = u"migrated %1 to %2: %3 accounts, %4 sessions, %5 Idempotency-Keys; users: %6 copied and "
                   "verified, %7 already copied, %8 without a collection"_s.arg(from, to)
                       .arg(report.accounts)
                       .arg(report.sessions)
                       .arg(report.idempotencyKeys)
                       .arg(report.usersCopied)
                       .arg(report.usersAlreadyCopied)
                       .arg(report.usersWithoutCollection);
    if (!rows.isEmpty())
        text += u"; rows copied: "_s + rows.join(u", "_s);
    text += u"; media files copied: %1\n"_s.arg(report.mediaFiles);
    return text;
}

} // namespace

int runMigrate(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Copies a whole installation between a data directory (SQLite) and PostgreSQL, in either direction:"
        " accounts with their ids, sessions, Idempotency-Keys and every collection. The source is only read."
        " The data directory is claimed, so no server starts on it meanwhile. Each user is copied in one"
        " transaction (or one file renamed into place) and verified by a digest of every row first; running "
        "the"
        " command again resumes, leaving users already copied alone. The target must not hold another"
        " installation's accounts. The password comes from a password file (passfile=, PGPASSFILE, ~/.pgpass)"
        " or PGPASSWORD, never from the command line."_s);
    parser.addHelpOption();
    const QCommandLineOption from(u"from"_s,
        u"Where to copy from: a data directory, or a libpq connection string / postgresql:// URL."_s,
        u"source"_s);
    const QCommandLineOption to(u"to"_s, u"Where to copy into: the other kind."_s, u"target"_s);
    parser.addOptions({from, to});
    parser.process(arguments);
    if (!parser.isSet(from) || !parser.isSet(to))
        return fail(u"--from and --to are both required"_s, 2);
    const bool intoPostgres = looksLikeConnectionString(parser.value(to));
    if (intoPostgres == looksLikeConnectionString(parser.value(from)))
        return fail(
            u"one of --from and --to must be a data directory, the other a PostgreSQL connection string"_s,
            2);
    auto connection = postgres::PgConnectionString::parse(parser.value(intoPostgres ? to : from));
    if (!connection)
        return fail(connection.error().message, 2);
    auto directory = intoPostgres ? hosting::existingDataDirectory(parser.value(from))
                                  : hosting::resolveDataDirectory(parser.value(to));
    if (!directory)
        return fail(directory.error().message, 2);
    // Held while copying: no server can start on the files meanwhile.
    auto claim = hosting::claimDataDirectory(directory.value());
    if (!claim)
        return fail(claim.error().message + u"; stop it before migrating"_s);

    postgres::PgDatabase database(connection.value());
    const auto progress = [](const QString &line) { QTextStream(stderr) << line << '\n'; };
    auto report = intoPostgres ? PgMigration::toPostgres(directory.value(), database, progress)
                               : PgMigration::fromPostgres(database, directory.value(), progress);
    if (!report)
        return fail(report.error().message + u" (run the command again to resume)"_s);
    QTextStream(stdout) << (intoPostgres
            ? summary(directory.value(), connection->describe(), report.value())
            : summary(connection->describe(), directory.value(), report.value()));
    return 0;
}

} // namespace javumbo::app
