#pragma once

#include "history/history.h"
#include "integrity/collectionsource.h"
#include "profile.h"
#include "runmetrics.h"

#include <QString>

#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>

namespace javumbo::loadtest {

// A test account as the load tester knows it.
struct TestAccount
{
    QString username;
    QString password;
    QString name;
    QString email;
    QString areaOfInterest;
    qint64 userId = 0; // 0 until registration succeeded
};

// The registered ones, as the checker knows accounts (to log in on its API path).
QList<integrity::TestAccount> registeredAccounts(const QList<TestAccount> &accounts);

// What every virtual user of one run shares: where the server is, the
// history, the figures, the stop flag, and the run-wide counters that keep
// request ids, session names and card tags unique.
class RunContext
{
public:
    RunContext(QString host, quint16 port, const LoadProfile &profile);

    const QString &host() const { return m_host; }
    quint16 port() const { return m_port; }
    const LoadProfile &profile() const { return m_profile; }
    history::History &history() { return m_history; }
    RunMetrics &metrics() { return m_metrics; }

    QString nextRequestId();
    QString nextSessionName();
    // The next card number of `username`: tags are "<username>_<n>", unique in the run.
    int nextCardNumber(const QString &username);

    bool stopRequested() const { return m_stop.load(std::memory_order_relaxed); }
    void requestStop();
    // Sleeps until `deadlineUs` (run time) or a stop; false when stopped.
    bool sleepUntil(qint64 deadlineUs);
    bool sleepFor(qint64 durationUs) { return sleepUntil(m_history.nowUs() + durationUs); }

private:
    QString m_host;
    quint16 m_port;
    LoadProfile m_profile;
    history::History m_history;
    RunMetrics m_metrics;
    std::atomic<qint64> m_requests {0};
    std::atomic<qint64> m_sessions {0};

    std::mutex m_cardNumbersMutex;
    // Guarded by m_cardNumbersMutex:
    std::map<QString, int> m_cardNumbers;

    // Written under m_stopMutex (so a sleeper cannot miss the signal), read
    // without it by stopRequested().
    std::atomic<bool> m_stop {false};
    std::mutex m_stopMutex;
    std::condition_variable m_stopSignal;
};

} // namespace javumbo::loadtest
