#include "requestheadscreen.h"

#include <algorithm>
#include <limits>
#include <optional>

using namespace Qt::StringLiterals;

namespace javumbo::server {

namespace {

// RFC 9110 tchar: what a method or a header field name may contain.
bool isTokenChar(char c)
{
    static constexpr QByteArrayView others("!#$%&'*+-.^_`|~");
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || others.contains(c);
}

bool isToken(QByteArrayView text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), isTokenChar);
}

bool isOptionalWhitespace(char c)
{
    return c == ' ' || c == '\t';
}

// The 6.4.2 parser skips exactly these before a request line (README.md); so must we, or we
// would lose step with it on a client that sends blank lines between requests.
bool isSkippedBeforeRequestLine(char c)
{
    return c == '\r' || c == '\n' || c == ' ' || c == '\t' || c == '\v';
}

QByteArrayView trimmedOws(QByteArrayView text)
{
    while (!text.isEmpty() && isOptionalWhitespace(text.front()))
        text = text.sliced(1);
    while (!text.isEmpty() && isOptionalWhitespace(text.back()))
        text.chop(1);
    return text;
}

// Content-Length is 1*DIGIT and nothing else: "+5" or "5, 5" would be read differently by the
// parser (QByteArray::toULongLong) than by a strict reader. Saturates: 40 digits are just "too large".
std::optional<qint64> parseContentLength(QByteArrayView value)
{
    if (value.isEmpty())
        return std::nullopt;
    constexpr qint64 saturated = std::numeric_limits<qint64>::max();
    qint64 length = 0;
    for (char c : value) {
        if (c < '0' || c > '9')
            return std::nullopt;
        const int digit = c - '0';
        length = length > (saturated - digit) / 10 ? saturated : length * 10 + digit;
    }
    return length;
}

bool isHttpVersion(QByteArrayView text)
{
    return text.size() == 8 && text.startsWith("HTTP/") && text[5] >= '0' && text[5] <= '9' && text[6] == '.'
        && text[7] >= '0' && text[7] <= '9';
}

} // namespace

RequestHeadScreen::RequestHeadScreen(const TransportLimits &limits) : m_limits(limits) { }

bool RequestHeadScreen::feed(QByteArrayView bytes)
{
    qsizetype pos = 0;
    while (pos < bytes.size() && !isFinished()) {
        if (m_phase == Phase::InBody) {
            const qint64 count = std::min<qint64>(m_bodyRemaining, bytes.size() - pos);
            skipBody(count);
            pos += count;
        } else {
            pos += screenHead(bytes.sliced(pos));
        }
    }
    return m_phase != Phase::Rejected;
}

void RequestHeadScreen::skipBody(qint64 count)
{
    Q_ASSERT(m_phase == Phase::InBody && count <= m_bodyRemaining);
    count = std::min(count, m_bodyRemaining);
    m_bodyRemaining -= count;
    m_offset += count;
    if (m_bodyRemaining == 0)
        startNextRequest();
}

void RequestHeadScreen::forgetFramesBefore(qint64 offset)
{
    while (!m_frames.isEmpty() && m_frames.first().end <= offset)
        m_frames.removeFirst();
}

// Consumes head bytes up to and including the next line end; returns how many it took.
qsizetype RequestHeadScreen::screenHead(QByteArrayView bytes)
{
    if (m_phase == Phase::BetweenRequests) {
        const auto first = std::find_if_not(bytes.begin(), bytes.end(), isSkippedBeforeRequestLine);
        const qsizetype skipped = first - bytes.begin();
        m_offset += skipped;
        // Skipped bytes still count towards the head: an endless stream of blank lines is refused too.
        if (!countHeadBytes(skipped) || skipped == bytes.size())
            return skipped;
        m_phase = Phase::InHead;
        return skipped;
    }

    const qsizetype lineEnd = bytes.indexOf('\n');
    const qsizetype taken = lineEnd < 0 ? bytes.size() : lineEnd + 1;
    m_offset += taken;
    // Checked before buffering, so an unterminated line never grows past the limit.
    if (!countHeadBytes(taken))
        return taken;
    if (lineEnd < 0) {
        m_line.append(bytes);
        return taken;
    }
    m_line.append(bytes.first(lineEnd));
    QByteArrayView line(m_line);
    // The parser accepts bare LF line ends as well as CRLF.
    if (line.endsWith('\r'))
        line.chop(1);
    screenLine(line);
    m_line.clear();
    return taken;
}

bool RequestHeadScreen::countHeadBytes(qint64 count)
{
    m_headBytes += count;
    if (m_headBytes <= m_limits.maxHeaderBytes)
        return true;
    reject(431, u"headers_too_large"_s,
        u"the request head exceeds "_s % QString::number(m_limits.maxHeaderBytes) % u" bytes"_s);
    return false;
}

void RequestHeadScreen::screenLine(QByteArrayView line)
{
    if (!m_haveRequestLine) {
        m_haveRequestLine = true;
        screenRequestLine(line);
    } else if (line.isEmpty()) {
        finishHead();
    } else {
        screenHeaderField(line);
    }
}

void RequestHeadScreen::screenRequestLine(QByteArrayView line)
{
    // method SP target SP HTTP/x.y; the parser tolerates runs of spaces and ignores anything
    // after the version, and so do we. Anything it cannot read it drops without an answer.
    QByteArrayView parts[3];
    int found = 0;
    qsizetype pos = 0;
    while (found < 3 && pos < line.size()) {
        while (pos < line.size() && line[pos] == ' ')
            ++pos;
        const qsizetype start = pos;
        while (pos < line.size() && line[pos] != ' ')
            ++pos;
        if (pos > start)
            parts[found++] = line.sliced(start, pos - start);
    }
    if (found < 3 || !isToken(parts[0]) || !isHttpVersion(parts[2])) {
        reject(400, u"bad_request"_s, u"malformed request line"_s);
        return;
    }
    m_method = parts[0].toByteArray();
    // HTTP/1.0 and older: answered as 1.0, and closed after the answer unless keep-alive is asked.
    m_http10 = parts[2][5] == '0' || (parts[2][5] == '1' && parts[2][7] == '0');
    const qsizetype query = parts[1].indexOf('?');
    // Without the query: it may carry secrets, and the access log only needs the route.
    m_path = (query < 0 ? parts[1] : parts[1].first(query)).toByteArray();
}

void RequestHeadScreen::screenHeaderField(QByteArrayView line)
{
    // QHttpHeaderParser drops *every* header when it meets one of these shapes, and the request
    // then runs without Content-Length while its body is parsed as the next request (README.md).
    if (isOptionalWhitespace(line.front())) {
        reject(400, u"bad_request"_s, u"obsolete header line folding is not accepted"_s);
        return;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0 || !isToken(line.first(colon))) {
        reject(400, u"bad_request"_s, u"malformed header line"_s);
        return;
    }
    if (++m_fieldCount > m_limits.maxHeaderFields) {
        reject(431, u"headers_too_large"_s,
            u"the request has more than "_s % QString::number(m_limits.maxHeaderFields)
                % u" header fields"_s);
        return;
    }

    const QByteArrayView name = line.first(colon);
    const QByteArrayView value = trimmedOws(line.sliced(colon + 1));
    if (name.compare("content-length", Qt::CaseInsensitive) == 0) {
        const std::optional<qint64> length = parseContentLength(value);
        // The parser reads only the first Content-Length: a second, different one is ambiguous.
        if (!length || (m_contentLength >= 0 && *length != m_contentLength))
            m_contentLengthMalformed = true;
        else
            m_contentLength = *length;
    } else if (name.compare("transfer-encoding", Qt::CaseInsensitive) == 0) {
        m_hasTransferEncoding = true;
    } else if (name.compare("connection", Qt::CaseInsensitive) == 0) {
        screenConnectionTokens(value);
    } else if (name.compare("upgrade", Qt::CaseInsensitive) == 0) {
        m_upgradeWebSocket
            = m_upgradeWebSocket || QByteArrayView(value.toByteArray().toLower()).contains("websocket");
    } else if (!m_haveRequestId && name.compare("x-request-id", Qt::CaseInsensitive) == 0) {
        m_haveRequestId = true;
        m_requestId = value.toByteArray();
    }
}

void RequestHeadScreen::screenConnectionTokens(QByteArrayView value)
{
    const QByteArray lower = value.toByteArray().toLower();
    // QtHttpServer 6.4.2 takes the request for an upgrade when "upgrade" occurs anywhere in the
    // field; so must we, to refuse every request it would hand to its WebSocket path.
    m_connectionUpgrade = m_connectionUpgrade || QByteArrayView(lower).contains("upgrade");
    for (const QByteArray &token : lower.split(',')) {
        const QByteArray trimmed = token.trimmed();
        m_connectionClose = m_connectionClose || trimmed == "close";
        m_connectionKeepAlive = m_connectionKeepAlive || trimmed == "keep-alive";
    }
}

void RequestHeadScreen::finishHead()
{
    // QtHttpServer 6.4.2 answers a WebSocket upgrade itself (404, no envelope) after our handler
    // has answered it too, and the client then reads two answers to one request. We serve no
    // WebSocket: one clear refusal, before the parser sees the head.
    if (m_connectionUpgrade && m_upgradeWebSocket) {
        reject(501, u"not_implemented"_s, u"protocol upgrades (WebSocket) are not supported"_s);
        return;
    }
    // Kept simple on purpose: only Content-Length bodies are screened, so any Transfer-Encoding
    // (chunked or not) is refused rather than followed chunk by chunk. No client of ours needs it.
    if (m_hasTransferEncoding) {
        reject(411, u"length_required"_s, u"request bodies must be sent with Content-Length"_s);
        return;
    }
    if (m_contentLengthMalformed) {
        reject(400, u"bad_request"_s, u"malformed or conflicting Content-Length"_s);
        return;
    }
    const qint64 maxBody = m_limits.maxBodyBytesFor(m_path);
    if (m_contentLength > maxBody) {
        reject(413, u"payload_too_large"_s,
            u"the request body exceeds "_s % QString::number(maxBody) % u" bytes"_s);
        return;
    }
    ++m_headsPassed;
    const qint64 body = std::max<qint64>(m_contentLength, 0);
    m_lastRequest = m_connectionClose || (m_http10 && !m_connectionKeepAlive);
    m_passedEnd = m_offset + body;
    m_frames.append(RequestFrame {m_passedEnd, m_http10, !m_lastRequest, m_method == "HEAD"});
    if (m_contentLength > 0) {
        m_phase = Phase::InBody;
        m_bodyRemaining = m_contentLength;
    } else {
        startNextRequest();
    }
}

void RequestHeadScreen::startNextRequest()
{
    m_phase = m_lastRequest ? Phase::Closed : Phase::BetweenRequests;
    m_bodyRemaining = 0;
    m_headBytes = 0;
    m_fieldCount = 0;
    m_haveRequestLine = false;
    m_line.clear();
    m_method.clear();
    m_path.clear();
    m_requestId.clear();
    m_haveRequestId = false;
    m_contentLength = -1;
    m_contentLengthMalformed = false;
    m_hasTransferEncoding = false;
    m_http10 = false;
    m_connectionClose = false;
    m_connectionKeepAlive = false;
    m_connectionUpgrade = false;
    m_upgradeWebSocket = false;
}

void RequestHeadScreen::reject(int status, const QString &code, const QString &message)
{
    m_phase = Phase::Rejected;
    m_rejection = HeadRejection {status, code, message};
    m_line.clear();
}

} // namespace javumbo::server
