#pragma once

#include "accesslog.h"
#include "endpoint.h"
#include "http/httpadapter.h"
#include "http/router.h"
#include "metrics/httpmetrics.h"
#include "requestpipeline.h"
#include "serveroptions.h"

#include <QObject>
#include <QPointer>
#include <QThreadPool>
#include <QUrl>

#include <atomic>

namespace javumbo {
class Backend;
}

namespace javumbo::server {

class GuardedTcpServer;

// The HTTP face of a Backend: owns the transport guard, the QtHttpServer
// adapter, the worker pools, the endpoint table, metrics and the access log;
// routes each request and runs it through the RequestPipeline. The thread it
// lives on only does I/O; every handler that touches a database runs on a
// bounded pool (docs/architecture.md §3).
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
    void addEndpoint(Endpoint endpoint);
    void closePoolConnections(QThreadPool &pool);
    void dispatch(HttpRequest request, ResponseChannel channel);
    void finish(const RequestRecord &record, const ResponseChannel &channel, HttpResponse response,
        qint64 userId, double lockWaitMs);
    void logRejection(int status, const QString &code, const QString &requestId, const QHostAddress &peer,
        const QString &method, const QString &path);

    Backend &m_backend;
    ServerOptions m_options;
    RequestPipeline m_pipeline;
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
};

} // namespace javumbo::server
