#include "servecommand.h"

#include "api/apiserver.h"
#include "api/instanceid.h"
#include "commandfailure.h"
#include "common/fault.h"
#include "common/openfilelimit.h"
#include "datadirectory.h"
#include "durationoption.h"
#include "services/backend.h"
#include "signalwatcher.h"
#include "storage/database.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QTextStream>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace javumbo::app {

namespace {

struct ServeConfig
{
    server::ServerOptions server;
    QString dataDir;
    int lockTimeoutMs = 5000;
    Fault fault = Fault::None;
    storage::Durability durability = storage::Durability::Full;
    QString backupDir;
    QString database; // libpq connection string; empty: SQLite files in dataDir
    std::chrono::milliseconds backupEvery {std::chrono::hours(6)};
    int backupKeep = 7;
};

int fail(const QString &message, int code = 1)
{
    return commandFailed(u"serve"_s, message, code);
}

std::optional<ServeConfig> parse(const QStringList &arguments, QString *error)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Hosts the Javumbo HTTP API (docs/api.md) for a class."_s);
    parser.addHelpOption();
    const QCommandLineOption bind(
        u"bind"_s, u"Address to listen on (default 127.0.0.1)."_s, u"address"_s, u"127.0.0.1"_s);
    const QCommandLineOption port(
        u"port"_s, u"TCP port (default 8700; 0 picks a free one)."_s, u"port"_s, u"8700"_s);
    const QCommandLineOption dataDir(u"data-dir"_s, u"Data directory (admin.db, user_dbs/)."_s, u"dir"_s);
    const QCommandLineOption threads(u"threads"_s,
        u"Worker threads for database work (default 4 x cores, at least 8; password hashing has its own, 1 per core)."_s,
        u"n"_s, u"0"_s);
    const QCommandLineOption logFormat(
        u"log-format"_s, u"Access log format: text or json."_s, u"format"_s, u"text"_s);
    const QCommandLineOption logFile(
        u"log-file"_s, u"Append the access log here instead of stderr."_s, u"file"_s);
    const QCommandLineOption lockTimeout(u"lock-timeout-ms"_s,
        u"How long a request waits for its user's lock before 503 (default 5000)."_s, u"ms"_s, u"5000"_s);
    const QCommandLineOption idleTimeout(
        u"idle-timeout"_s, u"Seconds before an idle connection is closed (default 60)."_s, u"s"_s, u"60"_s);
    const QCommandLineOption maxConnections(
        u"max-connections"_s, u"Open connections allowed (default 1024)."_s, u"n"_s, u"1024"_s);
    const QCommandLineOption maxPerAddress(u"max-connections-per-address"_s,
        u"Open connections one client address may hold (default an eighth of --max-connections)."_s, u"n"_s,
        u"0"_s);
    const QCommandLineOption headTimeout(u"head-timeout"_s,
        u"Seconds a request head may take to arrive, from its first byte (default 10)."_s, u"s"_s, u"10"_s);
    const QCommandLineOption trustedProxy(u"trusted-proxy"_s,
        u"A reverse proxy whose X-Forwarded-For / Forwarded headers are believed: an address or a CIDR"
        " subnet; repeatable. Its connections are not counted against the per-address share."_s,
        u"address"_s);
    const QCommandLineOption fault(u"fault"_s,
        u"Plant one known bug, to test the load tester's integrity checker; loopback only. One of: %1."_s.arg(
            faultNames().join(u", "_s)),
        u"name"_s);
    const QCommandLineOption registration(u"registration"_s,
        u"open (default): anyone may register; closed: POST /register is refused and accounts come from"
        u" `javumbo users add`."_s,
        u"open|closed"_s, u"open"_s);
    const QCommandLineOption publicUrl(u"public-url"_s,
        u"The address students use, when a reverse proxy is in front (https://... makes the session cookie"
        u" Secure); printed on start instead of the listening address."_s,
        u"url"_s);
    const QCommandLineOption durability(u"durability"_s,
        u"full (default): a write is acknowledged only after it is synced to disk, so it survives a power "
        u"loss. normal: faster; survives a crash of the server, but the last writes before an OS crash or "
        u"power loss may be lost."_s,
        u"mode"_s, u"full"_s);
    const QCommandLineOption instanceId(u"instance-id"_s,
        u"Names this instance when several serve one data store behind a load balancer: sent as the "
        u"X-Javumbo-Instance header of every answer and the instance_id label of every metric."_s,
        u"name"_s);
    const QCommandLineOption database(u"database"_s,
        u"Keep accounts, sessions and every collection in this PostgreSQL database instead of SQLite files, "
        u"shared by every instance given the same one (a libpq connection string or URL, e.g. "
        u"'host=db dbname=javumbo user=javumbo'; the password comes from ~/.pgpass, PGPASSFILE or "
        u"PGPASSWORD, "
        u"never the command line). Move an installation there with `javumbo migrate`."_s,
        u"conninfo"_s);
    const QCommandLineOption backupDir(
        u"backup-dir"_s, u"Take scheduled backups into this directory (see --backup-every)."_s, u"dir"_s);
    const QCommandLineOption backupEvery(u"backup-every"_s,
        u"Interval of scheduled backups, e.g. 30m, 6h, 1d (default 6h)."_s, u"interval"_s, u"6h"_s);
    const QCommandLineOption backupKeep(
        u"backup-keep"_s, u"Scheduled backups kept; older ones are deleted (default 7)."_s, u"n"_s, u"7"_s);
    parser.addOptions({bind, port, dataDir, threads, logFormat, logFile, lockTimeout, idleTimeout,
        headTimeout, maxConnections, maxPerAddress, trustedProxy, fault, durability, backupDir, backupEvery,
        backupKeep, registration, publicUrl, instanceId, database});
    parser.process(arguments);
    if (!parser.positionalArguments().isEmpty()) {
        *error = u"unexpected argument \"%1\" (see --help)"_s.arg(parser.positionalArguments().first());
        return std::nullopt;
    }

    ServeConfig config;
    bool ok = true;
    if (!config.server.bindAddress.setAddress(parser.value(bind))) {
        *error = u"--bind: \"%1\" is not an IP address"_s.arg(parser.value(bind));
        return std::nullopt;
    }
    const uint portNumber = parser.value(port).toUInt(&ok);
    if (!ok || portNumber > 65535) {
        *error = u"--port: \"%1\" is not a port number"_s.arg(parser.value(port));
        return std::nullopt;
    }
    config.server.port = quint16(portNumber);
    config.server.threads = parser.value(threads).toInt(&ok);
    if (!ok || config.server.threads < 0 || config.server.threads > 256) {
        *error = u"--threads must be from 0 to 256"_s;
        return std::nullopt;
    }
    const QString format = parser.value(logFormat);
    if (format != u"text"_s && format != u"json"_s) {
        *error = u"--log-format must be text or json"_s;
        return std::nullopt;
    }
    config.server.logFormat = format == u"json"_s ? server::LogFormat::Json : server::LogFormat::Text;
    config.server.logFile = parser.value(logFile);
    config.lockTimeoutMs = parser.value(lockTimeout).toInt(&ok);
    if (!ok || config.lockTimeoutMs < 1) {
        *error = u"--lock-timeout-ms must be a positive number"_s;
        return std::nullopt;
    }
    const int idleSeconds = parser.value(idleTimeout).toInt(&ok);
    if (!ok || idleSeconds < 1) {
        *error = u"--idle-timeout must be a positive number of seconds"_s;
        return std::nullopt;
    }
    config.server.limits.idleTimeout = std::chrono::seconds(idleSeconds);
    config.server.limits.maxConnections = parser.value(maxConnections).toInt(&ok);
    if (!ok || config.server.limits.maxConnections < 1) {
        *error = u"--max-connections must be a positive number"_s;
        return std::nullopt;
    }
    const QString registrationMode = parser.value(registration);
    if (registrationMode != u"open"_s && registrationMode != u"closed"_s) {
        *error = u"--registration must be open or closed"_s;
        return std::nullopt;
    }
    config.server.registrationOpen = registrationMode == u"open"_s;
    if (parser.isSet(publicUrl)) {
        const QUrl url(parser.value(publicUrl), QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != u"https"_s && url.scheme() != u"http"_s)
            || url.host().isEmpty()) {
            *error = u"--public-url: \"%1\" is not an http:// or https:// URL"_s.arg(parser.value(publicUrl));
            return std::nullopt;
        }
        config.server.publicUrl = url;
    }
    const int perAddress = parser.value(maxPerAddress).toInt(&ok);
    if (!ok || perAddress < 0) {
        *error
            = u"--max-connections-per-address must be a positive number (0: an eighth of --max-connections)"_s;
        return std::nullopt;
    }
    config.server.limits.maxConnectionsPerAddress = perAddress;
    const int headSeconds = parser.value(headTimeout).toInt(&ok);
    if (!ok || headSeconds < 1) {
        *error = u"--head-timeout must be a positive number of seconds"_s;
        return std::nullopt;
    }
    config.server.limits.headTimeout = std::chrono::seconds(headSeconds);
    for (const QString &proxy : parser.values(trustedProxy)) {
        QString proxyError;
        if (!config.server.limits.trustedProxies.add(proxy, &proxyError)) {
            *error = u"--trusted-proxy: "_s + proxyError;
            return std::nullopt;
        }
    }
    config.server.instanceId = parser.value(instanceId);
    if (parser.isSet(instanceId) && !server::isValidInstanceId(config.server.instanceId)) {
        *error = u"--instance-id: \"%1\" must be 1 to 64 letters, digits, '.', '_' or '-'"_s.arg(
            config.server.instanceId);
        return std::nullopt;
    }
    config.dataDir = parser.value(dataDir);
    const auto mode = storage::Database::durabilityFromName(parser.value(durability));
    if (!mode) {
        *error = u"--durability must be full or normal"_s;
        return std::nullopt;
    }
    config.durability = *mode;
    config.backupDir = parser.value(backupDir);
    config.database = parser.value(database);
    if (!config.database.isEmpty() && !config.backupDir.isEmpty()) {
        *error = u"--backup-dir backs up SQLite files; with --database back up PostgreSQL with its own tools "
                 u"(pg_dump, or a base backup with WAL archiving)"_s;
        return std::nullopt;
    }
    if (!config.database.isEmpty() && parser.isSet(durability)) {
        *error = u"--durability sets SQLite's sync; with --database PostgreSQL's synchronous_commit decides "
                 u"(it must be on, and is checked at start)"_s;
        return std::nullopt;
    }
    const auto every = parseDuration(parser.value(backupEvery));
    if (!every || *every < std::chrono::seconds(1)) {
        *error = u"--backup-every: \"%1\" is not an interval such as 30m, 6h or 1d"_s.arg(
            parser.value(backupEvery));
        return std::nullopt;
    }
    config.backupEvery = *every;
    config.backupKeep = parser.value(backupKeep).toInt(&ok);
    if (!ok || config.backupKeep < 1) {
        *error = u"--backup-keep must be a positive number"_s;
        return std::nullopt;
    }
    if (parser.isSet(fault)) {
        const auto planted = faultFromName(parser.value(fault));
        if (!planted) {
            *error = u"--fault: unknown fault \"%1\"; known faults: %2"_s.arg(
                parser.value(fault), faultNames().join(u", "_s));
            return std::nullopt;
        }
        if (!config.server.bindAddress.isLoopback()) {
            *error = u"--fault %1 refused: a deliberately broken server may only listen on a loopback"
                     " address (127.0.0.1 or ::1), not %2"_s.arg(parser.value(fault), parser.value(bind));
            return std::nullopt;
        }
        if (faultNeedsPostgres(*planted) && config.database.isEmpty()) {
            *error
                = u"--fault %1 acts only on PostgreSQL, where every user's rows share one table"
                  " (a SQLite collection is its user's own file): add --database"_s.arg(parser.value(fault));
            return std::nullopt;
        }
        config.fault = *planted;
    }
    return config;
}

} // namespace

int runServe(const QStringList &arguments)
{
    QString error;
    auto config = parse(arguments, &error);
    if (!config)
        return fail(error, 2);
    auto dataDir = hosting::resolveDataDirectory(config->dataDir);
    if (!dataDir)
        return fail(dataDir.error().message);
    auto claim = hosting::claimDataDirectory(dataDir.value());
    if (!claim)
        return fail(claim.error().message);

    // Before anything opens a database: every connection gets its synchronous mode from here.
    storage::DatabaseOptions databaseOptions = storage::Database::defaultOptions();
    databaseOptions.durability = config->durability;
    storage::Database::setDefaultOptions(databaseOptions);

    SystemClock clock;
    UserLockRegistry locks;
    BackendOptions options;
    options.dataDir = dataDir.value();
    options.lockTimeout = std::chrono::milliseconds(config->lockTimeoutMs);
    if (!config->backupDir.isEmpty()) {
        options.backups.backupDir = QFileInfo(config->backupDir).absoluteFilePath();
        options.backups.every = config->backupEvery;
        options.backups.keep = config->backupKeep;
        options.backups.javumboVersion = QStringLiteral(JAVUMBO_VERSION);
    }
    options.fault = config->fault;
    options.database = config->database;
    if (config->fault != Fault::None)
        QTextStream(stderr) << faultWarning(config->fault) << Qt::endl;
    Backend backend(options, clock, locks);
    if (auto ready = backend.initialize(); !ready)
        return fail(ready.error().message);

    // main() raised the limit already; asking again only reads it.
    if (const QString warning
        = openFileLimitWarning(raiseOpenFileLimit(), config->server.limits.maxConnections);
        !warning.isEmpty())
        QTextStream(stderr) << "javumbo serve: warning: " << warning << Qt::endl;

    server::ApiServer server(backend, config->server);
    auto port = server.start();
    if (!port)
        return fail(port.error().message);
    // Handle signals before announcing readiness: whoever waits for the line may signal at once.
    SignalWatcher watcher;
    QTextStream out(stdout);
    // Behind a proxy the listening address is no use to students: the public one comes first.
    const QUrl publicUrl = config->server.publicUrl;
    // Where the data is, as an admin can check it: never the password (none may be in the string).
    const QString where = config->database.isEmpty()
        ? QString(u"data: "_s + dataDir.value() + u", durability "_s
            + storage::Database::durabilityName(config->durability))
        : QString(u"PostgreSQL: "_s + backend.postgresDatabase()->target().describe());
    if (publicUrl.isValid())
        out << "Javumbo " << JAVUMBO_VERSION << " at " << publicUrl.toString() << " (listening on "
            << server.url().toString() << ", " << where << ")" << Qt::endl;
    else
        out << "Javumbo " << JAVUMBO_VERSION << " listening on " << server.url().toString() << " (" << where
            << ")" << Qt::endl;
    if (!config->server.registrationOpen)
        out << "Registration is closed: add accounts with `javumbo users add NAME --email ...`" << Qt::endl;
    if (!config->backupDir.isEmpty())
        out << "scheduled backups every " << formatDuration(config->backupEvery) << " into "
            << config->backupDir << ", keeping " << config->backupKeep << Qt::endl;

    QObject::connect(&watcher, &SignalWatcher::terminationRequested, &server, [&](int signal) {
        out << "signal " << signal << ": finishing requests in flight" << Qt::endl;
        server.stop();
        QCoreApplication::exit(0);
    });
    const int code = QCoreApplication::exec();
    server.stop();
    out << "stopped" << Qt::endl;
    return code;
}

} // namespace javumbo::app
