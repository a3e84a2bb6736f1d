#include "accountfixture.h"
#include "accounts/accountstore.h"
#include "testsupport.h"

#include <QSet>
#include <QTest>

#include <latch>
#include <optional>
#include <thread>
#include <vector>

using namespace Qt::StringLiterals;
using namespace javumbo;
using testsupport::AccountFixture;

class TestConcurrentRegistration : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { testsupport::enterTestMode(); }

    void duplicateNamesAndEmails_haveExactlyOneWinnerEach();
};

void TestConcurrentRegistration::duplicateNamesAndEmails_haveExactlyOneWinnerEach()
{
    AccountFixture fixture;
    QVERIFY(fixture.isReady());

    // 6 names x 3 attempts in varying case, each attempt with its own email:
    // only the username can collide. Then 4 emails x 3 attempts in varying
    // case, each attempt with its own username: only the email can collide.
    struct Attempt
    {
        Registration registration;
        QString group;
        ErrorCode loserCode;
    };
    std::vector<Attempt> attempts;
    for (int name = 0; name < 6; ++name) {
        const QString base = u"user%1"_s.arg(name);
        const QStringList spellings {base, base.toUpper(), base.left(2).toUpper() + base.mid(2)};
        for (int i = 0; i < 3; ++i) {
            attempts.push_back(
                {testsupport::registration(spellings[i], u"%1.%2@example.com"_s.arg(base).arg(i)),
                    u"name "_s % base, ErrorCode::UsernameTaken});
        }
    }
    for (int email = 0; email < 4; ++email) {
        const QString base = u"shared%1@example.com"_s.arg(email);
        const QStringList spellings {base, base.toUpper(), u"Shared%1@EXAMPLE.com"_s.arg(email)};
        for (int i = 0; i < 3; ++i) {
            attempts.push_back({testsupport::registration(u"mail%1x%2"_s.arg(email).arg(i), spellings[i]),
                u"email "_s % base, ErrorCode::EmailTaken});
        }
    }
    QCOMPARE(attempts.size(), size_t(30));

    std::vector<std::optional<Result<Account>>> results(attempts.size());
    std::latch start(std::ptrdiff_t(attempts.size()));
    {
        std::vector<std::jthread> threads;
        for (size_t i = 0; i < attempts.size(); ++i) {
            threads.emplace_back([&, i] {
                start.arrive_and_wait();
                results[i] = fixture.store().registerUser(attempts[i].registration);
            });
        }
    } // joined

    QHash<QString, int> winnersPerGroup;
    QSet<qint64> winnerIds;
    for (size_t i = 0; i < attempts.size(); ++i) {
        const Result<Account> &result = *results[i];
        winnersPerGroup[attempts[i].group] += result.ok() ? 1 : 0;
        if (result.ok()) {
            QVERIFY(!winnerIds.contains(result->id));
            winnerIds.insert(result->id);
        } else {
            // Never a storage error: the loser learns which field to change.
            QVERIFY2(result.code() == attempts[i].loserCode,
                qPrintable(attempts[i].registration.username % u": "_s % errorCodeName(result.code()) % u" "_s
                    % result.error().message));
        }
    }
    QCOMPARE(winnersPerGroup.size(), 10);
    for (auto it = winnersPerGroup.cbegin(); it != winnersPerGroup.cend(); ++it)
        QVERIFY2(it.value() == 1, qPrintable(it.key() % u" has %1 winners"_s.arg(it.value())));

    QCOMPARE(fixture.store().count().value(), 10);
    QStringList expectedFiles;
    for (const qint64 id : std::as_const(winnerIds))
        expectedFiles.append(u"user_%1.db"_s.arg(id));
    expectedFiles.sort();
    QCOMPARE(fixture.collectionFiles(), expectedFiles); // one per winner, no orphans

    const auto accounts = fixture.store().list();
    QVERIFY(accounts.ok());
    QSet<qint64> storedIds;
    for (const Account &account : accounts.value())
        storedIds.insert(account.id);
    QCOMPARE(storedIds, winnerIds);
}

QTEST_GUILESS_MAIN(TestConcurrentRegistration)
#include "tst_concurrentregistration.moc"
