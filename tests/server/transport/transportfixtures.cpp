#include "transportfixtures.h"

#include <QDir>
#include <QHttpServerRequest>
#include <QRegularExpression>
#include <QTcpSocket>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace javumbo::testsupport {

namespace {

int highestOpenDescriptor()
{
    int highest = 2;
    const QStringList entries = QDir(u"/proc/self/fd"_s).entryList(QDir::Files | QDir::System);
    for (const QString &entry : entries)
        highest = std::max(highest, entry.toInt());
    return highest;
}

} // namespace

GuardedServerFixture::GuardedServerFixture(const server::TransportLimits &limits)
{
    m_http.route(u"/echo"_s, [this](const QHttpServerRequest &request) {
        ++echoCalls;
        return QString::number(request.body().size());
    });
    m_http.route(u"/health"_s, [this] {
        ++healthCalls;
        return u"ok"_s;
    });
    m_guard = new server::GuardedTcpServer(limits);
    if (m_guard->listen(QHostAddress::LocalHost, 0))
        m_http.bind(m_guard);
}

bool GuardedServerFixture::isListening() const
{
    return m_guard->isListening();
}

quint16 GuardedServerFixture::port() const
{
    return m_guard->serverPort();
}

QTcpSocket *GuardedServerFixture::newestServerSocket() const
{
    const QList<QTcpSocket *> sockets = m_guard->findChildren<QTcpSocket *>(Qt::FindDirectChildrenOnly);
    return sockets.isEmpty() ? nullptr : sockets.last();
}

QByteArray getRequest(const QByteArray &path, const QByteArray &extraHeaders)
{
    return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + extraHeaders + "\r\n";
}

QByteArray postHead(qint64 contentLength, const QByteArray &extraHeaders)
{
    return "POST /echo HTTP/1.1\r\nHost: localhost\r\n" + extraHeaders
        + "Content-Length: " + QByteArray::number(contentLength) + "\r\n\r\n";
}

QByteArray postRequest(const QByteArray &body, const QByteArray &extraHeaders)
{
    return postHead(body.size(), extraHeaders) + body;
}

QByteArray postWithFields(int fields)
{
    QByteArray extra;
    for (int i = 3; i <= fields; ++i) // Host and Content-Length are two of them
        extra += "X-Field-" + QByteArray::number(i) + ": value\r\n";
    return postRequest("hello", extra);
}

QByteArray postWithPadding(qint64 padding)
{
    return postRequest("hello", "X-Pad: " + QByteArray(padding, 'a') + "\r\n");
}

QByteArray postWithLines(int lines, int lineSize)
{
    QByteArray extra;
    for (int i = 0; i < lines; ++i)
        extra += "X-L: " + QByteArray(lineSize - 7, 'b') + "\r\n";
    return postRequest("hello", extra);
}

bool isGeneratedRequestId(const QByteArray &id)
{
    static const QRegularExpression hex(u"^[0-9a-f]{32}$"_s);
    return hex.match(QString::fromLatin1(id)).hasMatch();
}

qint64 processCpuMicroseconds()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    const auto micros = [](const timeval &t) { return qint64(t.tv_sec) * 1000000 + t.tv_usec; };
    return micros(usage.ru_utime) + micros(usage.ru_stime);
}

DescriptorStarvation::DescriptorStarvation()
{
    getrlimit(RLIMIT_NOFILE, &m_original);
    rlimit lowered = m_original;
    lowered.rlim_cur = rlim_t(highestOpenDescriptor() + 1 + 16);
    setrlimit(RLIMIT_NOFILE, &lowered);
    // Every free slot, holes below the highest included: then exactly what we release is free.
    for (int fd = ::open("/dev/null", O_RDONLY); fd != -1; fd = ::open("/dev/null", O_RDONLY))
        m_fillers.push_back(fd);
}

DescriptorStarvation::~DescriptorStarvation()
{
    releaseAll();
}

void DescriptorStarvation::releaseOne()
{
    ::close(m_fillers.back());
    m_fillers.pop_back();
}

void DescriptorStarvation::releaseAll()
{
    for (int fd : m_fillers)
        ::close(fd);
    m_fillers.clear();
    setrlimit(RLIMIT_NOFILE, &m_original);
}

} // namespace javumbo::testsupport
