#pragma once

#include "apiserver.h"

#include <QThread>

#include <functional>

namespace javumbo::server {

// An ApiServer on a thread and event loop of its own, so that whoever owns it
// may block (load-test threads, test threads, a GUI that must stay smooth).
// The one place that creates, starts and deletes a server across threads.
class ServerThread
{
public:
    explicit ServerThread(const QString &threadName);
    ~ServerThread();
    ServerThread(const ServerThread &) = delete;
    ServerThread &operator=(const ServerThread &) = delete;

    // Creates the server on its thread, lets `prepare` connect to it there,
    // then starts it. On failure the thread is stopped again.
    Result<quint16> start(
        Backend &backend, const ServerOptions &options, const std::function<void(ApiServer &)> &prepare = {});
    // Stops the server (requests in flight finish), deletes it, closes the
    // thread's database connections and ends the thread. Harmless when stopped.
    void stop();

    bool isRunning() const { return m_server != nullptr; }
    // Valid while running; use it from other threads only for thread-safe parts (metrics).
    ApiServer *server() const { return m_server; }
    QUrl url() const;

private:
    QThread m_thread;
    QObject *m_context = nullptr; // lives on m_thread: calls into the thread go through it
    ApiServer *m_server = nullptr; // created, started, stopped and deleted on m_thread
};

} // namespace javumbo::server
