#pragma once

#include "transport/transportlimits.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

namespace javumbo::server {

// A request the screen refused, with the answer it deserves (docs/api.md's error envelope).
struct HeadRejection
{
    int status = 0; // 400, 411, 413 or 431; 0 while nothing was refused
    QString code; // bad_request, length_required, payload_too_large, headers_too_large
    QString message;
};

// One request whose head passed, as the HTTP layer needs to answer it.
struct RequestFrame
{
    qint64 end = 0; // stream offset just past its body: where the parser stops after it
    bool http10 = false; // HTTP/1.0 (or older): answered as HTTP/1.0
    bool keepAlive = true; // false: the last request on the connection (Connection: close, or 1.0)
    bool head = false; // HEAD: answered without its body
};

// Follows the byte stream of one HTTP/1.1 connection, request after request, and refuses a
// head the moment it breaks a limit or would be parsed differently by QtHttpServer 6.4.2
// (README.md). Pure: it never touches a socket, so it sees bytes in any split.
class RequestHeadScreen
{
public:
    enum class Phase
    {
        BetweenRequests, // before the first byte of a request line
        InHead,
        InBody, // skipping Content-Length bytes unseen
        Rejected, // terminal: later bytes are never looked at
        Closed, // terminal: a request said it is the last (keepAlive false); later bytes are ignored
    };

    // `limits` must outlive the screen (GuardedTcpServer's, shared by all its connections).
    explicit RequestHeadScreen(const TransportLimits &limits);
    RequestHeadScreen(TransportLimits &&) = delete;

    // Screens the next bytes of the stream. Returns false once a head has been refused.
    bool feed(QByteArrayView bytes);
    // Accounts for body bytes without their content; `count` must not exceed bodyBytesRemaining().
    void skipBody(qint64 count);
    // Refuses the request being screened for a reason found outside the bytes (a head too slow).
    void refuse(int status, const QString &code, const QString &message) { reject(status, code, message); }

    Phase phase() const { return m_phase; }
    bool isRejected() const { return m_phase == Phase::Rejected; }
    // Rejected or Closed: no byte beyond streamOffset() belongs to a request.
    bool isFinished() const { return m_phase == Phase::Rejected || m_phase == Phase::Closed; }
    // Between the first byte of a head and its end (blank lines before a request line count: a
    // stream of them is a head that never ends).
    bool isInHead() const
    {
        return m_phase == Phase::InHead || (m_phase == Phase::BetweenRequests && m_headBytes > 0);
    }
    const HeadRejection &rejection() const { return m_rejection; }
    qint64 bodyBytesRemaining() const { return m_bodyRemaining; }
    quint64 headsPassed() const { return m_headsPassed; }
    // Bytes of the stream screened so far.
    qint64 streamOffset() const { return m_offset; }
    // Where the last request that passed ends (0 before any): bytes before it are the parser's.
    qint64 passedEnd() const { return m_passedEnd; }

    // The passed requests not taken yet, oldest first; the HTTP layer takes one per request the
    // parser hands it, in the same order. forgetFramesBefore() drops those the parser has read
    // without anyone taking them (a server that does not ask).
    bool hasFrame() const { return !m_frames.isEmpty(); }
    RequestFrame takeFrame() { return m_frames.takeFirst(); }
    void forgetFramesBefore(qint64 offset);

    // Of the request being screened (empty when its head did not get that far), for the
    // rejection's answer and the access log. requestId() is the client's raw, unchecked value.
    const QByteArray &method() const { return m_method; }
    const QByteArray &path() const { return m_path; }
    const QByteArray &requestId() const { return m_requestId; }
    bool isHttp10() const { return m_http10; }

private:
    qsizetype screenHead(QByteArrayView bytes);
    bool countHeadBytes(qint64 count);
    void screenLine(QByteArrayView line);
    void screenRequestLine(QByteArrayView line);
    void screenHeaderField(QByteArrayView line);
    void screenConnectionTokens(QByteArrayView value);
    void finishHead();
    void startNextRequest();
    void reject(int status, const QString &code, const QString &message);

    const TransportLimits &m_limits;
    Phase m_phase = Phase::BetweenRequests;
    HeadRejection m_rejection;
    quint64 m_headsPassed = 0;
    qint64 m_bodyRemaining = 0;
    qint64 m_offset = 0;
    qint64 m_passedEnd = 0;
    QList<RequestFrame> m_frames;

    // Per request; reset by startNextRequest().
    qint64 m_headBytes = 0;
    int m_fieldCount = 0;
    bool m_haveRequestLine = false;
    QByteArray m_line;
    QByteArray m_method;
    QByteArray m_path;
    QByteArray m_requestId;
    bool m_haveRequestId = false;
    qint64 m_contentLength = -1;
    bool m_contentLengthMalformed = false;
    bool m_hasTransferEncoding = false;
    bool m_http10 = false;
    bool m_connectionClose = false; // a Connection token "close"
    bool m_connectionKeepAlive = false; // a Connection token "keep-alive"
    bool m_connectionUpgrade = false; // "upgrade" anywhere in Connection, as QtHttpServer looks
    bool m_upgradeWebSocket = false;
    bool m_lastRequest = false; // the request being screened ends the connection
};

} // namespace javumbo::server
