#pragma once

#include "hosting/serverhost.h"

#include <QAtomicInt>

namespace javumbo::testsupport {

// A ServerHost for windows that need one but no real server: it never starts,
// unless told to pretend it serves (with that many students logged in).
class IdleServerHost final : public gui::ServerHost
{
public:
    Result<QUrl> start(const gui::ServerSettings &settings) override
    {
        if (m_pretendSessions < 0)
            return makeError(ErrorCode::Internal, QStringLiteral("off"));
        m_running = true;
        return QUrl(QStringLiteral("http://%1:8700/").arg(settings.bindAddress));
    }
    void stop() override { m_running = false; }
    bool isRunning() const override { return m_running; }
    gui::ServerSnapshot snapshot() const override
    {
        gui::ServerSnapshot snapshot;
        snapshot.running = m_running;
        snapshot.activeSessions = m_running ? m_pretendSessions.loadRelaxed() : 0;
        return snapshot;
    }
    QString dataDirectory() const override { return {}; }
    Result<QString> checkDataDirectory(const QString &directory) const override { return directory; }
    Result<AccountAdmin *> accounts(const QString &) override
    {
        return makeError(ErrorCode::Internal, QStringLiteral("no accounts: an idle host"));
    }

    // From now on start() succeeds and the snapshot reports `sessions` logged in.
    void pretendToServe(int sessions) { m_pretendSessions = sessions; }

private:
    QAtomicInt m_pretendSessions = -1;
    std::atomic<bool> m_running = false;
};

} // namespace javumbo::testsupport
