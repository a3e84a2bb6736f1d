#include "checkcommand.h"

#include "postgres/pgconnectionstring.h"

#include "integrity/checker.h"
#include "loadtest/resulttext.h"
#include "loadtest/runreport.h"

#include <QCommandLineParser>
#include <QDir>
#include <QTextStream>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace javumbo::app {

namespace {

int couldNotRun(const QString &message)
{
    QTextStream(stderr) << "javumbo check: " << message << Qt::endl;
    return int(loadtest::RunExit::CouldNotRun);
}

} // namespace

int runCheck(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Runs the integrity checker on a saved load-test run (its requests.jsonl and run.json).\n"
        "Exit codes: 0 PASS, 2 FAIL (a violation), 3 UNKNOWN or could not run."_s);
    parser.addHelpOption();
    const QCommandLineOption run(u"run"_s, u"The run's report directory."_s, u"dir"_s);
    const QCommandLineOption dataDir(u"data-dir"_s,
        u"The server's data directory (or a snapshot of it); default: the run's, else the API."_s, u"dir"_s);
    const QCommandLineOption target(
        u"target"_s, u"Check through this server's API instead of files."_s, u"url"_s);
    const QCommandLineOption database(u"database"_s,
        u"Check in the rows of the server's PostgreSQL (its serve --database connection string)."_s,
        u"conninfo"_s);
    parser.addOptions({run, dataDir, target, database});
    parser.process(arguments);
    if (!parser.isSet(run))
        return couldNotRun(u"--run DIR is required"_s);
    auto saved = loadtest::readSavedRun(parser.value(run));
    if (!saved)
        return couldNotRun(saved.error().message);

    integrity::CheckerOptions options;
    options.dataDir = parser.isSet(dataDir) ? parser.value(dataDir) : saved->target.dataDir;
    const QDir snapshot(QDir(parser.value(run)).filePath(u"snapshot"_s));
    if (!parser.isSet(dataDir) && !QDir(options.dataDir).exists() && snapshot.exists())
        options.dataDir = snapshot.path();
    if (parser.isSet(database)) {
        if (auto parsed = postgres::PgConnectionString::parse(parser.value(database)); !parsed)
            return couldNotRun(u"--database: "_s + parsed.error().message);
        options.dataDir.clear();
        options.database = parser.value(database);
    } else if (parser.isSet(target)) {
        const QUrl url(parser.value(target));
        options.dataDir.clear();
        options.apiHost = url.host();
        options.apiPort = quint16(url.port(80));
    } else if (!QDir(options.dataDir).exists()) {
        QTextStream(stderr) << "javumbo check: the run's data directory " << options.dataDir
                            << " is gone and the run has no snapshot/; checking through the API of "
                            << saved->target.description << " (pass --data-dir or --target to choose)"
                            << Qt::endl;
        options.dataDir.clear();
        options.apiHost = saved->target.host;
        options.apiPort = saved->target.port;
    }
    const integrity::IntegrityReport report = loadtest::auditSavedRun(*saved, options);

    QTextStream out(stdout);
    out << "Checked " << saved->history.size() << " operations of "
        << loadtest::registeredAccounts(saved->accounts).size() << " accounts ("
        << (!options.database.isEmpty()        ? u"in PostgreSQL"_s
                   : options.dataDir.isEmpty() ? u"through the API"_s
                                               : u"in "_s + options.dataDir)
        << ")" << Qt::endl;
    loadtest::RunRecord record;
    record.profile = saved->profile;
    record.target = saved->target;
    record.result.integrity = report;
    record.result.exit = loadtest::exitFor(report.verdict);
    out << loadtest::resultText(record, parser.value(run));
    out.flush();
    return int(record.result.exit);
}

} // namespace javumbo::app
