#include "backupcommand.h"

#include "commandfailure.h"
#include "datadirectory.h"
#include "services/databackup.h"
#include "services/datacheck.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTextStream>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace javumbo::app {

namespace {

int fail(const QString &command, const QString &message, int code = 1)
{
    return commandFailed(command, message, code);
}

// A bar on a terminal, nothing otherwise (logs and pipes get the summary line).
DataBackup::Progress progressBar()
{
    if (!::isatty(STDERR_FILENO))
        return {};
    return [](qint64 done, qint64 total, const QString &file) {
        constexpr int kWidth = 30;
        const int percent = total > 0 ? int(done * 100 / total) : 100;
        const int filled = percent * kWidth / 100;
        QTextStream(stderr) << "\r[" << QString(filled, u'#') << QString(kWidth - filled, u' ') << "] "
                            << percent << "% " << file.left(40).leftJustified(40) << Qt::flush;
    };
}

} // namespace

int runBackup(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Backs up a data directory while the server runs: admin.db, idempotency.db, every collection and"
        " media folder, each a consistent snapshot (SQLite's backup API), with manifest.json (files, sizes,"
        " SHA-256, version, time)."_s);
    parser.addHelpOption();
    const QCommandLineOption dataDir(u"data-dir"_s, u"Data directory to back up."_s, u"dir"_s);
    const QCommandLineOption to(
        u"to"_s, u"Folder to create the backup in (must not exist or be empty)."_s, u"dest"_s);
    parser.addOptions({dataDir, to});
    parser.process(arguments);
    if (!parser.isSet(to))
        return fail(u"backup"_s, u"--to DEST is required"_s, 2);
    auto directory = hosting::existingDataDirectory(parser.value(dataDir));
    if (!directory)
        return fail(u"backup"_s, directory.error().message);
    auto made = DataBackup::create(
        directory.value(), parser.value(to), QStringLiteral(JAVUMBO_VERSION), progressBar());
    if (::isatty(STDERR_FILENO))
        QTextStream(stderr) << '\n';
    if (!made)
        return fail(u"backup"_s, made.error().message);
    qint64 bytes = 0;
    for (const BackupFile &file : made->files)
        bytes += file.size;
    QTextStream(stdout) << "backup " << QFileInfo(parser.value(to)).absoluteFilePath() << ": "
                        << made->files.size() << " files, " << bytes << " bytes, "
                        << QString::number(made->seconds, 'f', 2) << " s\n";
    return 0;
}

int runRestore(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Restores a backup into a data directory. The server must be stopped (its claim on the directory is"
        " checked). The backup is verified against its manifest first; existing files are only overwritten"
        " with --force (a quarantined collection may always be replaced)."_s);
    parser.addHelpOption();
    const QCommandLineOption from(u"from"_s, u"The backup folder (with manifest.json)."_s, u"backup"_s);
    const QCommandLineOption dataDir(u"data-dir"_s, u"Data directory to restore into."_s, u"dir"_s);
    const QCommandLineOption user(u"user"_s, u"Restore only this user's collection."_s, u"name"_s);
    const QCommandLineOption force(u"force"_s, u"Overwrite existing files."_s);
    parser.addOptions({from, dataDir, user, force});
    parser.process(arguments);
    if (!parser.isSet(from))
        return fail(u"restore"_s, u"--from BACKUP is required"_s, 2);
    auto directory = hosting::resolveDataDirectory(parser.value(dataDir));
    if (!directory)
        return fail(u"restore"_s, directory.error().message);
    // Held while restoring: no server can start on the files meanwhile.
    auto claim = hosting::claimDataDirectory(directory.value());
    if (!claim)
        return fail(u"restore"_s, claim.error().message + u"; stop it before restoring"_s);
    DataBackup::RestoreOptions options;
    options.force = parser.isSet(force);
    options.username = parser.value(user);
    auto restored = DataBackup::restore(parser.value(from), directory.value(), options);
    if (!restored)
        return fail(u"restore"_s, restored.error().message);
    QTextStream out(stdout);
    for (const QString &path : restored.value())
        out << "restored " << path << '\n';
    return 0;
}

int runCheckData(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Checks a data directory: integrity_check of every file, schema versions, accounts without a"
        " collection and collections without an account, oversized WALs, quarantined files. Exit code 0 when"
        " all is well, 1 otherwise. Read-only; safe beside a running server."_s);
    parser.addHelpOption();
    const QCommandLineOption dataDir(u"data-dir"_s, u"Data directory to check."_s, u"dir"_s);
    const QCommandLineOption json(u"json"_s, u"Print the report as JSON."_s);
    parser.addOptions({dataDir, json});
    parser.process(arguments);
    auto directory = hosting::existingDataDirectory(parser.value(dataDir));
    if (!directory)
        return fail(u"check-data"_s, directory.error().message, 2);
    auto report = DataCheck::run(directory.value());
    if (!report)
        return fail(u"check-data"_s, report.error().message, 2);
    QTextStream out(stdout);
    if (parser.isSet(json))
        out << QJsonDocument(report->toJson()).toJson();
    else
        out << report->toText();
    return report->ok() ? 0 : 1;
}

} // namespace javumbo::app
