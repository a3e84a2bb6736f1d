#include "serverthread.h"

#include "storage/database.h"

using namespace Qt::StringLiterals;

namespace javumbo::server {

ServerThread::ServerThread(const QString &threadName)
{
    m_thread.setObjectName(threadName);
}

ServerThread::~ServerThread()
{
    stop();
}

Result<quint16> ServerThread::start(
    Backend &backend, const ServerOptions &options, const std::function<void(ApiServer &)> &prepare)
{
    if (m_server)
        return makeError(ErrorCode::Internal, u"the server is already running"_s);
    m_thread.start();
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    Result<quint16> started = makeError(ErrorCode::Internal, u"the server thread did not answer"_s);
    QMetaObject::invokeMethod(
        m_context,
        [&] {
            m_server = new ApiServer(backend, options, m_context);
            if (prepare)
                prepare(*m_server);
            started = m_server->start();
        },
        Qt::BlockingQueuedConnection);
    if (!started)
        stop();
    return started;
}

void ServerThread::stop()
{
    if (!m_thread.isRunning())
        return;
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            delete m_context; // and the server, its child, which stops first
            m_context = nullptr;
            m_server = nullptr;
            storage::Database::closeAllOnThisThread();
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

QUrl ServerThread::url() const
{
    return m_server ? m_server->url() : QUrl();
}

} // namespace javumbo::server
