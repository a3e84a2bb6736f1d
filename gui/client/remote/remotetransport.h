#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QThread>
#include <QUrl>

#include <chrono>
#include <utility>

class QNetworkAccessManager;

namespace javumbo::gui {

// What came back for one HTTP exchange: a status, or a transport failure.
struct RawReply
{
    int status = 0; // 0: no HTTP answer (see `failure`)
    QList<std::pair<QByteArray, QByteArray>> headers; // names lower-cased
    QByteArray body;
    QString failure; // why there was no answer, for the NetworkError message
    // The server was never reached (refused, unknown host): sending again now is pointless.
    bool unreachable = false;
    // The answer was (or announced itself) larger than the caller's bound: aborted unread.
    bool tooLarge = false;
};

// The session's network thread: one QNetworkAccessManager on a QThread of its
// own. send() may be called from any thread except that one; it posts the
// request there and blocks until the reply finished (or timed out).
class RemoteTransport
{
public:
    explicit RemoteTransport(std::chrono::milliseconds timeout);
    ~RemoteTransport();
    RemoteTransport(const RemoteTransport &) = delete;
    RemoteTransport &operator=(const RemoteTransport &) = delete;

    // An answer larger than `maxReplyBytes` (by its Content-Length, or by what
    // arrived) is aborted as soon as that is known, so a broken or hostile
    // server cannot make the app hold an unbounded reply in memory.
    RawReply send(const QUrl &url, const QByteArray &method, const QByteArray &body,
        const QList<std::pair<QByteArray, QByteArray>> &headers, qint64 maxReplyBytes);

private:
    QThread m_thread;
    QObject *m_context = nullptr; // lives on m_thread
    QNetworkAccessManager *m_manager = nullptr; // created, used and deleted on m_thread
    const std::chrono::milliseconds m_timeout;
};

} // namespace javumbo::gui
