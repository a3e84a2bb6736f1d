#include "runcontext.h"

#include <chrono>

using namespace Qt::StringLiterals;

namespace javumbo::loadtest {

QList<integrity::TestAccount> registeredAccounts(const QList<TestAccount> &accounts)
{
    QList<integrity::TestAccount> registered;
    for (const TestAccount &account : accounts) {
        if (account.userId != 0)
            registered.append({account.username, account.password, account.email, account.userId, {}});
    }
    return registered;
}

RunContext::RunContext(QString host, quint16 port, const LoadProfile &profile)
    : m_host(std::move(host)), m_port(port), m_profile(profile)
{ }

QString RunContext::nextRequestId()
{
    return u"lt%1-%2"_s.arg(m_profile.seed).arg(++m_requests);
}

QString RunContext::nextSessionName()
{
    return u"s%1"_s.arg(++m_sessions);
}

int RunContext::nextCardNumber(const QString &username)
{
    std::lock_guard lock(m_cardNumbersMutex);
    return ++m_cardNumbers[username];
}

void RunContext::requestStop()
{
    {
        std::lock_guard lock(m_stopMutex);
        m_stop = true;
    }
    m_stopSignal.notify_all();
}

bool RunContext::sleepUntil(qint64 deadlineUs)
{
    std::unique_lock lock(m_stopMutex);
    while (!m_stop) {
        const qint64 leftUs = deadlineUs - m_history.nowUs();
        if (leftUs <= 0)
            return true;
        m_stopSignal.wait_for(lock, std::chrono::microseconds(leftUs));
    }
    return false;
}

} // namespace javumbo::loadtest
