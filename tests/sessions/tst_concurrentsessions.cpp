#include "accountfixture.h"
#include "sessions/sessionstore.h"
#include "testsupport.h"

#include <QTest>

#include <atomic>
#include <latch>
#include <optional>
#include <thread>
#include <vector>

using namespace Qt::StringLiterals;
using namespace javumbo;
using testsupport::AccountFixture;

namespace {

constexpr int kThreads = 8;
constexpr int kChangesBeforeLogout = 100;
// Calls each thread still makes after it has seen the logout flag.
constexpr int kCallsAfterLogout = 25;

qint64 deckOf(int thread)
{
    return 1000 + thread;
}

// What one worker saw; inspected on the test thread (QTest is not thread-safe).
struct WorkerReport
{
    int successesBeforeLogout = 0;
    int unexpectedErrors = 0; // anything but success or not_authenticated
    QString firstUnexpected;
    int successesAfterLogoutReturned = 0; // must stay 0
    int callsAfterLogoutReturned = 0;
    std::optional<ErrorCode> validateAfterLatch;
    std::optional<ErrorCode> setDeckAfterLatch;
};

void noteUnexpected(WorkerReport &report, const Error &error)
{
    if (error.code == ErrorCode::NotAuthenticated)
        return;
    if (report.unexpectedErrors++ == 0)
        report.firstUnexpected = errorCodeName(error.code) % u": "_s % error.message;
}

} // namespace

class TestConcurrentSessions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { testsupport::enterTestMode(); }

    void deckChangesRacingLogout_neverOutliveTheLogout();
};

void TestConcurrentSessions::deckChangesRacingLogout_neverOutliveTheLogout()
{
    AccountFixture fixture;
    QVERIFY(fixture.isReady());
    SessionStore sessions(fixture.store().adminDbPath(), fixture.clock());
    const auto account = fixture.addUser(u"alice"_s);
    QVERIFY(account.ok());
    const auto issued = sessions.create(account->id);
    QVERIFY(issued.ok());
    const QString token = issued->token;

    std::vector<WorkerReport> reports(kThreads);
    std::latch startContention(kThreads);
    std::latch contentionDone(kThreads + 1);
    std::latch startRace(kThreads + 1);
    std::latch logoutChecked(kThreads + 1);
    std::latch checkedAfterLogout(kThreads + 1);
    std::atomic<bool> logoutReturned {false};

    std::vector<std::jthread> workers;
    for (int t = 0; t < kThreads; ++t) {
        workers.emplace_back([&, t] {
            WorkerReport &report = reports[size_t(t)];
            SessionStore mine(fixture.store().adminDbPath(), fixture.clock()); // like a request handler would

            // Phase 1: every thread changes the same session's deck at once.
            startContention.arrive_and_wait();
            for (int i = 0; i < kChangesBeforeLogout; ++i) {
                const auto changed = mine.setCurrentDeck(token, deckOf(t));
                if (changed)
                    ++report.successesBeforeLogout;
                else
                    noteUnexpected(report, changed.error());
            }
            contentionDone.arrive_and_wait();

            // Phase 2: keep changing it while the test thread logs out.
            startRace.arrive_and_wait();
            int callsSinceFlag = 0;
            while (callsSinceFlag < kCallsAfterLogout) {
                const bool flagBefore = logoutReturned.load(std::memory_order_acquire);
                const auto changed = mine.setCurrentDeck(token, deckOf(t));
                const auto validated = mine.validate(token);
                if (!changed)
                    noteUnexpected(report, changed.error());
                if (!validated)
                    noteUnexpected(report, validated.error());
                if (flagBefore) {
                    // Began after logout() had returned: must not succeed.
                    ++callsSinceFlag;
                    ++report.callsAfterLogoutReturned;
                    if (changed || validated)
                        ++report.successesAfterLogoutReturned;
                }
            }
            logoutChecked.arrive_and_wait();

            // Phase 3: a fresh look from every thread once all are past the logout.
            const auto validated = mine.validate(token);
            report.validateAfterLatch = validated ? ErrorCode::Internal : validated.code();
            const auto changed = mine.setCurrentDeck(token, deckOf(t));
            report.setDeckAfterLatch = changed ? ErrorCode::Internal : changed.code();
            checkedAfterLogout.arrive_and_wait();
        });
    }

    contentionDone.arrive_and_wait();
    const auto beforeLogout = sessions.validate(token);
    QVERIFY(beforeLogout.ok());
    QVERIFY2(beforeLogout->currentDeckId >= deckOf(0) && beforeLogout->currentDeckId <= deckOf(kThreads - 1),
        qPrintable(QString::number(beforeLogout->currentDeckId)));

    startRace.arrive_and_wait();
    const auto loggedOut = sessions.logout(token);
    logoutReturned.store(true, std::memory_order_release);
    logoutChecked.arrive_and_wait();
    checkedAfterLogout.arrive_and_wait();
    workers.clear(); // join

    QVERIFY(loggedOut.ok());
    for (int t = 0; t < kThreads; ++t) {
        const WorkerReport &report = reports[size_t(t)];
        QVERIFY2(report.unexpectedErrors == 0, qPrintable(report.firstUnexpected));
        QCOMPARE(report.successesBeforeLogout, kChangesBeforeLogout);
        QCOMPARE(report.callsAfterLogoutReturned, kCallsAfterLogout);
        QCOMPARE(report.successesAfterLogoutReturned, 0);
        QCOMPARE(report.validateAfterLatch, std::optional(ErrorCode::NotAuthenticated));
        QCOMPARE(report.setDeckAfterLatch, std::optional(ErrorCode::NotAuthenticated));
    }
    QCOMPARE(sessions.validate(token).code(), ErrorCode::NotAuthenticated);
    QCOMPARE(sessions.activeCount().value(), 0);
}

QTEST_GUILESS_MAIN(TestConcurrentSessions)
#include "tst_concurrentsessions.moc"
