#include "embeddedserverhost.h"

#include "api/accesslogtail.h"
#include "api/apiserver.h"
#include "datadirectory.h"
#include "services/backend.h"
#include "storage/database.h"

#include <QDateTime>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace javumbo::hosting {

namespace {

// The window the panel's requests per second and p95 are measured over.
constexpr qint64 kWindowMs = 5000;
constexpr int kLogLines = 200;

double percentile95(QList<double> values)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype rank = std::min<qsizetype>(values.size() - 1, qsizetype(0.95 * double(values.size())));
    return values.at(rank);
}

} // namespace

EmbeddedServerHost::EmbeddedServerHost(Backend &backend)
    : m_backend(backend)
    , m_directories(backend)
    , m_tail(std::make_unique<server::AccessLogTail>())
    , m_serving(&backend)
{ }

EmbeddedServerHost::~EmbeddedServerHost()
{
    stop();
}

Result<QUrl> EmbeddedServerHost::start(const gui::ServerSettings &settings)
{
    if (isRunning())
        return m_url;
    server::ServerOptions options;
    if (!options.bindAddress.setAddress(settings.bindAddress))
        return makeError(ErrorCode::BadRequest, u"\"%1\" is not an IP address"_s.arg(settings.bindAddress));
    options.port = settings.port;
    if (!settings.publicUrl.trimmed().isEmpty()) {
        options.publicUrl = QUrl(settings.publicUrl.trimmed(), QUrl::StrictMode);
        if (!options.publicUrl.isValid() || options.publicUrl.host().isEmpty()
            || (options.publicUrl.scheme() != u"https"_s && options.publicUrl.scheme() != u"http"_s))
            return makeError(ErrorCode::BadRequest,
                u"\"%1\" is not an http:// or https:// URL"_s.arg(settings.publicUrl.trimmed()));
    }
    options.accessLog = false; // the panel shows the tail; nothing goes to stderr
    options.registrationOpen = settings.registrationOpen;
    auto served = m_directories.backend(settings.dataDirectory);
    if (!served)
        return served.error();
    auto claim = claimDataDirectory(served.value()->context().dataDir);
    if (!claim)
        return claim.error();

    m_tail->clear();
    {
        const std::lock_guard lock(m_mutex);
        m_usernames.clear(); // another directory's ids name other people
    }
    const std::lock_guard serverLock(m_serverMutex); // snapshot() may be reading on another thread
    m_serving = served.value();
    const Result<quint16> started
        = m_serverThread.start(*m_serving, options, [tail = m_tail.get()](server::ApiServer &server) {
              // Direct: the tail is thread-safe, and the entry is recorded before the next request.
              QObject::connect(
                  &server, &server::ApiServer::requestFinished, &server,
                  [tail](const server::AccessLogEntry &entry) { tail->append(entry); }, Qt::DirectConnection);
          });
    if (!started)
        return started.error();
    m_url = options.publicUrl.isValid() ? options.publicUrl : m_serverThread.url();
    m_running = true;
    m_claim = std::move(claim).value();
    return m_url;
}

void EmbeddedServerHost::stop()
{
    {
        const std::lock_guard serverLock(m_serverMutex); // snapshot() reads the server's metrics
        m_serverThread.stop();
        m_url.clear();
    }
    m_claim.reset();
    m_running = false;
}

bool EmbeddedServerHost::isRunning() const
{
    return m_running.load();
}

QString EmbeddedServerHost::dataDirectory() const
{
    return m_backend.context().dataDir;
}

Result<QString> EmbeddedServerHost::checkDataDirectory(const QString &directory) const
{
    return m_directories.check(directory);
}

Result<AccountAdmin *> EmbeddedServerHost::accounts(const QString &directory)
{
    return m_directories.accounts(directory);
}

QString EmbeddedServerHost::usernameOf(Backend &serving, qint64 userId) const
{
    {
        const std::lock_guard lock(m_mutex);
        if (auto it = m_usernames.constFind(userId); it != m_usernames.cend())
            return *it;
    }
    auto account = serving.accounts().findById(userId);
    const QString name = account ? account->username : QString();
    const std::lock_guard lock(m_mutex);
    m_usernames.insert(userId, name);
    return name;
}

gui::ServerSnapshot EmbeddedServerHost::snapshot() const
{
    gui::ServerSnapshot snapshot;
    Backend *serving = nullptr; // start() may switch directories; each Backend outlives this host's snapshots
    {
        // stop() may not delete the server while it is read, and waits for this lock on the GUI
        // thread: held for that only. The rest (the Backend's databases, the tail) outlives it.
        const std::lock_guard serverLock(m_serverMutex);
        serving = m_serving;
        server::ApiServer *server = m_serverThread.server();
        snapshot.running = server != nullptr;
        snapshot.url = m_url;
        if (server) {
            for (const auto &route : server->metrics().summaries())
                snapshot.totalRequests += route.count;
        }
    }
    snapshot.dataDirectory = serving->context().dataDir;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QList<server::AccessLogEntry> recent = m_tail->since(now - kWindowMs);
    QList<double> durations;
    durations.reserve(recent.size());
    for (const auto &entry : recent)
        durations.append(entry.durationMs);
    snapshot.requestsPerSecond = double(recent.size()) * 1000.0 / double(kWindowMs);
    snapshot.p95Ms = percentile95(durations); // of the newest entries when the tail is saturated
    if (snapshot.running) {
        if (auto active = serving->sessions().activeCount())
            snapshot.activeSessions = active.value();
        const std::lock_guard lock(m_mutex);
        if (!m_samples.isEmpty() && m_samples.last().second > snapshot.totalRequests)
            m_samples.clear(); // a restarted server counts from zero
        m_samples.append({now, snapshot.totalRequests});
        while (m_samples.size() > 2 && m_samples.at(1).first <= now - kWindowMs)
            m_samples.removeFirst();
        const auto &[oldestMs, oldestTotal] = m_samples.first();
        if (now - oldestMs >= 1000) // else too short a span: keep the tail's count
            snapshot.requestsPerSecond
                = double(snapshot.totalRequests - oldestTotal) * 1000.0 / double(now - oldestMs);
    }
    for (const UserLockStats &stats : serving->locks().statistics()) {
        snapshot.locks.append(gui::ServerLockRow {stats.userId, usernameOf(*serving, stats.userId),
            stats.waiters, stats.acquisitions, stats.contended, stats.timeouts, stats.maxWaitMs, stats.held});
    }
    for (const auto &entry : m_tail->last(kLogLines))
        snapshot.accessLogTail.append(server::AccessLog::format(entry, server::LogFormat::Text));
    return snapshot;
}

} // namespace javumbo::hosting
