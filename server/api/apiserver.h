#pragma once

#include "accesslog.h"
#include "common/fault.h"
#include "endpoint.h"
#include "http/httpadapter.h"
#include "http/router.h"
#include "metrics/httpmetrics.h"
#include "serveroptions.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QThreadPool>
#include <QUrl>

#include <atomic>
#include <memory>

namespace javumbo {
class Backend;
}

namespace javumbo::faults {
class StaleSessionCache;
}

namespace javumbo::server {

class GuardedTcpServer;

// The HTTP face of a Backend: owns the transport guard, the QtHttpServer
// adapter, the worker pool, the endpoint table, metrics and the access log.
// The thread it lives on only does I/O; every handler that touches a
// database runs on the bounded pool (ARCHITECTURE.md §3).
class ApiServer : public QObject
{
    Q_OBJECT
public:
    ApiServer(Backend &backend, ServerOptions options, QObject *parent = nullptr);
    ~ApiServer() override;

    // Listens and returns the port (useful with port 0).
    Result<quint16> start();
    // Stops accepting, lets requests in flight finish (bounded) and writes their answers.
    void stop();
    bool isListening() const;

    quint16 port() const { return m_port; }
    QUrl url() const;
    HttpMetrics &metrics() { return m_metrics; }
    int inFlight() const { return m_inFlight.load(); }
    int openConnections() const;
    Backend &backend() { return m_backend; }
    const ServerOptions &options() const { return m_options; }

Q_SIGNALS:
    // After each answered request, on the server thread (the GUI's log tail).
    void requestFinished(const javumbo::server::AccessLogEntry &entry);

private:
    struct Pending
    {
        QString requestId;
        QString route;
        QByteArray method;
        QString remote;
        QElapsedTimer timer;
        qint64 startedAtMs = 0;
    };
    void addEndpoint(Endpoint endpoint);
    void closePoolConnections(QThreadPool &pool);
    void dispatch(HttpRequest request, ResponseChannel channel);
    HttpResponse runPipeline(const Endpoint &endpoint, const HttpRequest &request, const QString &requestId,
        const QList<qint64> &ids, qint64 *userId);
    void finish(const Pending &pending, const ResponseChannel &channel, HttpResponse response, qint64 userId,
        double lockWaitMs);
    void logRejection(int status, const QString &code, const QString &requestId, const QHostAddress &peer,
        const QString &method, const QString &path);

    Backend &m_backend;
    ServerOptions m_options;
    Router m_router;
    QList<Endpoint> m_endpoints;
    QThreadPool m_pool; // RunsOn::WorkerPool
    QThreadPool m_credentialPool; // RunsOn::CredentialPool
    HttpMetrics m_metrics;
    AccessLog m_log;
    HttpAdapter *m_adapter = nullptr;
    QPointer<GuardedTcpServer> m_transport; // bind() hands its ownership to the adapter
    quint16 m_port = 0;
    std::atomic<int> m_inFlight {0};
    bool m_stopping = false; // server thread only
    // Planted faults (common/fault.h) that act in the pipeline; from the Backend.
    Fault m_fault = Fault::None;
    std::unique_ptr<faults::StaleSessionCache> m_staleSessions; // stale-session only
};

} // namespace javumbo::server
