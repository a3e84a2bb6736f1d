#pragma once

#include "transport/guardedtcpserver.h"

#include <QByteArray>
#include <QHttpServer>

#include <sys/resource.h>

#include <vector>

QT_BEGIN_NAMESPACE
class QTcpSocket;
QT_END_NAMESPACE

namespace javumbo::testsupport {

inline constexpr qint64 mib = 1 << 20;

// A real QHttpServer behind the guard on an OS-chosen loopback port, with two routes that
// count their calls: /echo answers the body length, /health answers "ok".
class GuardedServerFixture
{
public:
    explicit GuardedServerFixture(const server::TransportLimits &limits = {});

    bool isListening() const;
    quint16 port() const;
    server::GuardedTcpServer &guard() { return *m_guard; }
    // The server side of the newest connection, to watch what it receives.
    QTcpSocket *newestServerSocket() const;

    int echoCalls = 0;
    int healthCalls = 0;

private:
    QHttpServer m_http;
    server::GuardedTcpServer *m_guard = nullptr; // owned by m_http after bind()
};

// Exact request bytes. Every POST goes to /echo.
QByteArray getRequest(const QByteArray &path, const QByteArray &extraHeaders = {});
QByteArray postHead(qint64 contentLength, const QByteArray &extraHeaders = {});
QByteArray postRequest(const QByteArray &body, const QByteArray &extraHeaders = {});
// A POST with body "hello" whose head has `fields` header fields in all.
QByteArray postWithFields(int fields);
// A POST with body "hello" and one X-Pad header of `padding` bytes of value.
QByteArray postWithPadding(qint64 padding);
// A POST with body "hello" and `lines` extra header lines of `lineSize` bytes each.
QByteArray postWithLines(int lines, int lineSize);

// Whether `id` has the shape of GuardedTcpServer's generated X-Request-Id.
bool isGeneratedRequestId(const QByteArray &id);
// User plus system CPU time this process has used so far.
qint64 processCpuMicroseconds();

// Starves the process of descriptors: lowers RLIMIT_NOFILE and fills every free slot. All
// comes back on destruction, so a failing check cannot leave the process starved.
class DescriptorStarvation
{
public:
    DescriptorStarvation();
    ~DescriptorStarvation();
    DescriptorStarvation(const DescriptorStarvation &) = delete;
    DescriptorStarvation &operator=(const DescriptorStarvation &) = delete;

    bool isStarved() const { return !m_fillers.empty(); }
    void releaseOne();
    void releaseAll();

private:
    rlimit m_original {};
    std::vector<int> m_fillers;
};

} // namespace javumbo::testsupport
