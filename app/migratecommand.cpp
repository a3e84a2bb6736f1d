#include "migratecommand.h"

#include "datadirectory.h"
#include "services/pgmigration.h"

#include <QCommandLineParser>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace javumbo::app {

namespace {

int fail(const QString &message, int code = 1)
{
    QTextStream(stderr) << "javumbo migrate: " << message << '\n';
    return code;
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
    text += u'\n';
    if (report.mediaFilesNotCopied > 0)
        text += u"note: %1 media files were not copied (the PostgreSQL backend stores no media yet); they "
                u"stay "
                "in %2/user_dbs\n"_s.arg(report.mediaFilesNotCopied)
                    .arg(from);
    return text;
}

} // namespace

int runMigrate(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Copies a whole installation from a data directory (SQLite) into PostgreSQL: accounts with their "
        u"ids,"
        " sessions, Idempotency-Keys and every collection. The data directory is only read, and claimed so no"
        " server starts on it meanwhile. Each user is copied in one transaction and verified by a digest of"
        " every row before it commits; running the command again resumes, leaving users already copied alone."
        " The target must be empty of other installations' accounts. The password comes from a password file"
        " (passfile=, PGPASSFILE, ~/.pgpass) or PGPASSWORD, never from the command line."_s);
    parser.addHelpOption();
    const QCommandLineOption from(u"from"_s, u"The data directory to copy from."_s, u"dir"_s);
    const QCommandLineOption to(u"to"_s,
        u"The PostgreSQL database to copy into: a libpq connection string or postgresql:// URL."_s,
        u"connection"_s);
    parser.addOptions({from, to});
    parser.process(arguments);
    if (!parser.isSet(from) || !parser.isSet(to))
        return fail(u"--from DATA_DIR and --to CONNECTION are both required"_s, 2);
    if (looksLikeConnectionString(parser.value(from)))
        return fail(u"--from must be a data directory: copying from PostgreSQL back to SQLite is not "
                    "available yet"_s,
            2);
    auto target = postgres::PgConnectionString::parse(parser.value(to));
    if (!target)
        return fail(target.error().message, 2);
    auto directory = hosting::existingDataDirectory(parser.value(from));
    if (!directory)
        return fail(directory.error().message, 2);
    // Held while copying: no server can start on the files and change them meanwhile.
    auto claim = hosting::claimDataDirectory(directory.value());
    if (!claim)
        return fail(claim.error().message + u"; stop it before migrating"_s);

    postgres::PgDatabase database(target.value());
    auto report = PgMigration::toPostgres(
        directory.value(), database, [](const QString &line) { QTextStream(stderr) << line << '\n'; });
    if (!report)
        return fail(report.error().message + u" (run the command again to resume)"_s);
    QTextStream(stdout) << summary(directory.value(), target->describe(), report.value());
    return 0;
}

} // namespace javumbo::app
