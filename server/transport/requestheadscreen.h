#pragma once

#include "transport/transportlimits.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace javumbo::server {

// A request the screen refused, with the answer it deserves (API.md's error envelope).
struct HeadRejection
{
    int status = 0; // 400, 411, 413 or 431; 0 while nothing was refused
    QString code; // bad_request, length_required, payload_too_large, headers_too_large
    QString message;
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
    };

    explicit RequestHeadScreen(const TransportLimits &limits);

    // Screens the next bytes of the stream. Returns false once a head has been refused.
    bool feed(QByteArrayView bytes);
    // Accounts for body bytes without their content; `count` must not exceed bodyBytesRemaining().
    void skipBody(qint64 count);

    Phase phase() const { return m_phase; }
    bool isRejected() const { return m_phase == Phase::Rejected; }
    const HeadRejection &rejection() const { return m_rejection; }
    qint64 bodyBytesRemaining() const { return m_bodyRemaining; }
    quint64 headsPassed() const { return m_headsPassed; }

    // Of the request being screened (empty when its head did not get that far), for the
    // rejection's answer and the access log. requestId() is the client's raw, unchecked value.
    const QByteArray &method() const { return m_method; }
    const QByteArray &path() const { return m_path; }
    const QByteArray &requestId() const { return m_requestId; }

private:
    qsizetype screenHead(QByteArrayView bytes);
    bool countHeadBytes(qint64 count);
    void screenLine(QByteArrayView line);
    void screenRequestLine(QByteArrayView line);
    void screenHeaderField(QByteArrayView line);
    void finishHead();
    void startNextRequest();
    void reject(int status, const QString &code, const QString &message);

    TransportLimits m_limits;
    Phase m_phase = Phase::BetweenRequests;
    HeadRejection m_rejection;
    quint64 m_headsPassed = 0;
    qint64 m_bodyRemaining = 0;

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
};

} // namespace javumbo::server
