#include "pgcluster.h"

#include <QDir>
#include <QFile>
#include <QProcess>

#include <cerrno>

#include <pwd.h>
#include <signal.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace javumbo::testsupport {

namespace {

const QString kBinaries = u"/usr/lib/postgresql/15/bin/"_s;
const QString kSuperuser = u"postgres"_s;

bool runningAsRoot()
{
    return ::geteuid() == 0;
}

const QString kDirectoryPrefix = u"javumbo-pgcluster-"_s;
const QString kOwnerFile = u"owner.pid"_s;

// A test killed by a timeout or a crash never ran ~PgCluster: its server
// would run on, holding memory, until the machine restarts. Each new
// cluster first stops and deletes those whose test process is gone (a
// directory without owner.pid yet is a cluster being made: left alone).
void sweepAbandonedClusters(const QString &binaries)
{
    const QDir temp(QDir::tempPath());
    for (const QString &name : temp.entryList({kDirectoryPrefix + u'*'}, QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile owner(temp.filePath(name) + u'/' + kOwnerFile);
        if (!owner.open(QIODevice::ReadOnly))
            continue;
        const pid_t pid = pid_t(owner.readAll().trimmed().toLongLong());
        if (pid <= 0 || ::kill(pid, 0) == 0 || errno != ESRCH)
            continue; // its test still runs (or it is not ours to judge)
        QString program = binaries + u"pg_ctl"_s;
        QStringList arguments {
            u"-D"_s, temp.filePath(name) + u"/data"_s, u"-m"_s, u"immediate"_s, u"-w"_s, u"stop"_s};
        if (runningAsRoot()) {
            arguments = QStringList {u"-u"_s, kSuperuser, u"--"_s, program} + arguments;
            program = u"runuser"_s;
        }
        QProcess::execute(program, arguments);
        QDir(temp.filePath(name)).removeRecursively();
    }
}

} // namespace

PgCluster::PgCluster() : m_dir(QDir::tempPath() + u'/' + kDirectoryPrefix + u"XXXXXX"_s)
{
    sweepAbandonedClusters(kBinaries);
    if (m_dir.isValid()) {
        QFile owner(m_dir.filePath(kOwnerFile));
        if (owner.open(QIODevice::WriteOnly))
            owner.write(QByteArray::number(qint64(::getpid())));
    }
    // The server's user must own its directory; as root that is postgres.
    if (runningAsRoot() && m_dir.isValid()) {
        if (const passwd *user = ::getpwnam("postgres"))
            (void)::chown(QFile::encodeName(m_dir.path()).constData(), user->pw_uid, user->pw_gid);
    }
}

PgCluster::~PgCluster()
{
    if (m_running)
        stop(StopMode::Immediate);
}

bool PgCluster::run(const QString &program, const QStringList &arguments, QString *output)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setWorkingDirectory(m_dir.path());
    if (runningAsRoot())
        process.start(u"runuser"_s, QStringList {u"-u"_s, kSuperuser, u"--"_s, program} + arguments);
    else
        process.start(program, arguments);
    if (!process.waitForStarted(10000)) {
        m_error = program + u": "_s + process.errorString();
        return false;
    }
    process.waitForFinished(120000);
    const QString text = QString::fromUtf8(process.readAll());
    if (output)
        *output = text;
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        m_error = u"%1 %2 failed: %3"_s.arg(program, arguments.join(u' '), text);
        return false;
    }
    return true;
}

bool PgCluster::start()
{
    if (!m_dir.isValid()) {
        m_error = u"no temporary directory"_s;
        return false;
    }
    if (!QFile::exists(kBinaries + u"pg_ctl"_s)) {
        m_error = u"PostgreSQL 15 is not installed (Debian package postgresql-15)"_s;
        return false;
    }
    const QString data = m_dir.filePath(u"data"_s);
    if (!m_initialised) {
        if (!run(kBinaries + u"initdb"_s,
                {u"-D"_s, data, u"-U"_s, kSuperuser, u"-A"_s, u"trust"_s, u"-E"_s, u"UTF8"_s, u"--no-sync"_s,
                    u"--locale=C.UTF-8"_s}))
            return false;
        m_initialised = true;
    }
    // Only the socket in our own directory: nothing else on the machine can reach it.
    const QString serverOptions = u"-k %1 -c listen_addresses= -c max_connections=200"_s.arg(m_dir.path());
    if (!run(kBinaries + u"pg_ctl"_s,
            {u"-D"_s, data, u"-l"_s, m_dir.filePath(u"server.log"_s), u"-o"_s, serverOptions, u"-w"_s,
                u"-t"_s, u"60"_s, u"start"_s}))
        return false;
    m_running = true;
    return true;
}

bool PgCluster::stop(StopMode mode)
{
    const QString how = mode == StopMode::Immediate ? u"immediate"_s : u"fast"_s;
    if (!run(kBinaries + u"pg_ctl"_s,
            {u"-D"_s, m_dir.filePath(u"data"_s), u"-m"_s, how, u"-w"_s, u"-t"_s, u"60"_s, u"stop"_s}))
        return false;
    m_running = false;
    return true;
}

QString PgCluster::connectionString(const QString &database) const
{
    return u"host=%1 port=5432 dbname=%2 user=%3"_s.arg(m_dir.path(), database, kSuperuser);
}

QString PgCluster::psql(const QString &sql, const QString &database)
{
    QString output;
    if (!run(u"/usr/bin/psql"_s,
            {u"-X"_s, u"-q"_s, u"-A"_s, u"-t"_s, u"-v"_s, u"ON_ERROR_STOP=1"_s, u"-h"_s, m_dir.path(),
                u"-U"_s, kSuperuser, u"-d"_s, database, u"-c"_s, sql},
            &output))
        return {};
    return output.trimmed().isNull() ? u""_s : output.trimmed();
}

QString PgCluster::createDatabase()
{
    const QString name = u"test%1"_s.arg(++m_databases);
    if (psql(u"CREATE DATABASE "_s + name).isNull())
        return {};
    return name;
}

} // namespace javumbo::testsupport
