#pragma once

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace javumbo::testsupport {

// A throw-away PostgreSQL 15 server for one test process, started by the test
// itself: initdb into a temporary directory, listening only on a Unix socket
// inside it (so parallel tests never compete for a port), stopped and deleted
// with the object (and, should the test die first, by the next PgCluster,
// which stops clusters whose test process is gone). As root the server runs
// as the postgres user, because
// PostgreSQL refuses to run as root. Debian's postgresql-15 provides the
// binaries (packaging/debian-packages.txt, role test).
class PgCluster
{
public:
    PgCluster();
    ~PgCluster();
    Q_DISABLE_COPY_MOVE(PgCluster)

    // Creates the cluster on first use, then starts it and returns once it
    // accepts connections (pg_ctl -w). false with error() on failure.
    bool start();
    enum class StopMode
    {
        Fast, // clean shutdown
        Immediate, // like a crash: no checkpoint, clients cut off
    };
    bool stop(StopMode mode = StopMode::Fast);
    bool isRunning() const { return m_running; }
    QString error() const { return m_error; }

    // A connection string for `database` (libpq keyword form), as an admin would write it.
    QString connectionString(const QString &database = QStringLiteral("postgres")) const;
    // Runs SQL through psql as the superuser (setting up databases and roles);
    // returns psql's output, or a null string with error() on failure.
    QString psql(const QString &sql, const QString &database = QStringLiteral("postgres"));
    // A new empty database, for a test that must start from nothing.
    QString createDatabase();

private:
    bool run(const QString &program, const QStringList &arguments, QString *output = nullptr);

    QTemporaryDir m_dir;
    bool m_initialised = false;
    bool m_running = false;
    int m_databases = 0;
    QString m_error;
};

} // namespace javumbo::testsupport
