#include "accountfixture.h"
#include "accounts/adminschema.h"
#include "sessions/sessionstore.h"
#include "storage/database.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QRegularExpression>
#include <QTest>

#include <chrono>
#include <optional>
#include <thread>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace javumbo;
using testsupport::AccountFixture;

namespace {

constexpr qint64 kDay = 24 * 3600;

// Accounts plus a SessionStore on the same admin.db and clock.
class SessionFixture : public AccountFixture
{
public:
    explicit SessionFixture(SessionPolicy policy = {})
        : m_sessions(store().adminDbPath(), clock(), policy) { }
    SessionStore &sessions() { return m_sessions; }
    void advanceSeconds(qint64 seconds) { clock().advanceMs(seconds * 1000); }

    // A new account and a session for it; the token is empty on failure.
    QString login(const QString &username)
    {
        const auto account = addUser(username);
        if (!account)
            return {};
        const auto issued = m_sessions.create(account->id);
        return issued ? issued->token : QString();
    }

    // Straight from the table, bypassing SessionStore.
    qint64 rowCount() { return scalar(u"SELECT COUNT(*) FROM sessions"_s).toLongLong(); }
    qint64 storedLastSeen(const QString &token)
    {
        return scalar(u"SELECT last_seen FROM sessions WHERE token_hash = ?"_s, tokenHash(token))
            .toLongLong();
    }
    static QByteArray tokenHash(const QString &token)
    {
        return QCryptographicHash::hash(token.toLatin1(), QCryptographicHash::Sha256);
    }
    QVariant scalar(const QString &sql, const QVariant &bound = {})
    {
        auto connection = openAdminDatabase(store().adminDbPath());
        if (!connection)
            return {};
        storage::Query query(*connection.value(), sql);
        if (bound.isValid())
            query.bind(bound);
        auto value = query.scalar();
        return value && value.value() ? *value.value() : QVariant();
    }

private:
    SessionStore m_sessions;
};

ErrorCode codeOf(const Result<Session> &result)
{
    return result.ok() ? ErrorCode::Internal : result.code();
}

} // namespace

class TestSessionStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { testsupport::enterTestMode(); }

    void create_issues256BitBase64UrlToken();
    void create_refusesUnknownAndDisabledAccounts();
    void database_holdsOnlyTheTokenHash();
    void validate_refusesMalformedAndUnknownTokens_data();
    void validate_refusesMalformedAndUnknownTokens();
    void validate_keepsSessionJustBeforeIdleTimeout();
    void validate_expiresAtIdleTimeoutAndDeletesRow();
    void validate_activityExtendsIdleButNotAbsoluteLifetime();
    void validate_writesLastSeenAtMostOncePerInterval();
    void restart_newStoreAcceptsOldTokens();
    void disabledAccount_sessionsAreInvalid();
    void logout_endsOnlyThatSessionAtOnce();
    void logoutAllForUser_endsOnlyThatUsersSessions();
    void setCurrentDeck_isPerSessionAndPersistent();
    void setCurrentDeck_refusesExpiredSession();
    void activeCount_andPurgeExpired_ignoreAndRemoveExpiredSessions();
};

void TestSessionStore::create_issues256BitBase64UrlToken()
{
    SessionFixture fixture;
    QVERIFY(fixture.isReady());
    const auto account = fixture.addUser(u"alice"_s);
    QVERIFY(account.ok());
    const auto issued = fixture.sessions().create(account->id);
    QVERIFY(issued.ok());
    QVERIFY2(QRegularExpression(u"^[A-Za-z0-9_-]{43}$"_s).match(issued->token).hasMatch(),
        qPrintable(issued->token));
    const QByteArray raw = QByteArray::fromBase64(issued->token.toLatin1(), QByteArray::Base64UrlEncoding);
    QCOMPARE(raw.size(), 32);

    QCOMPARE(issued->session.userId, account->id);
    QCOMPARE(issued->session.currentDeckId, kDefaultDeckId);
    QCOMPARE(issued->session.createdAt, fixture.clock().nowSeconds());
    QCOMPARE(issued->session.lastSeen, fixture.clock().nowSeconds());
    QCOMPARE(issued->session.sessionId,
        QString::fromLatin1(SessionFixture::tokenHash(issued->token).left(8).toHex()));

    const auto validated = fixture.sessions().validate(issued->token);
    QVERIFY(validated.ok());
    QCOMPARE(validated->userId, account->id);
    QCOMPARE(validated->currentDeckId, 1);
    QCOMPARE(validated->sessionId, issued->session.sessionId);

    const auto second = fixture.sessions().create(account->id);
    QVERIFY(second.ok());
    QVERIFY(second->token != issued->token);
    QVERIFY(second->session.sessionId != issued->session.sessionId);
}

void TestSessionStore::create_refusesUnknownAndDisabledAccounts()
{
    SessionFixture fixture;
    QVERIFY(fixture.isReady());
    QCOMPARE(fixture.sessions().create(42).code(), ErrorCode::UserNotFound);
    const auto account = fixture.addUser(u"alice"_s);
    QVERIFY(account.ok());
    QVERIFY(fixture.store().setDisabled(u"alice"_s, true).ok());
    QCOMPARE(fixture.sessions().create(account->id).code(), ErrorCode::UserNotFound);
    QCOMPARE(fixture.rowCount(), 0);
}

void TestSessionStore::database_holdsOnlyTheTokenHash()
{
    SessionFixture fixture;
    QVERIFY(fixture.isReady());
    const QString token = fixture.login(u"alice"_s);
    QVERIFY(!token.isEmpty());
    QVERIFY(fixture.sessions().setCurrentDeck(token, 7).ok());

    const QByteArray tokenText = token.toLatin1();
    const QByteArray tokenBytes = QByteArray::fromBase64(tokenText, QByteArray::Base64UrlEncoding);
    auto connection = openAdminDatabase(fixture.store().adminDbPath());
    QVERIFY(connection.ok());
    storage::Query query(*connection.value(), u"SELECT * FROM sessions"_s);
    QVERIFY(query.exec().ok());
    int rows = 0;
    while (query.next()) {
        ++rows;
        for (int column = 0; column < 5; ++column) {
            const QByteArray stored = query.value(column).toByteArray();
            QVERIFY(!stored.contains(tokenText));
            QVERIFY(!stored.contains(tokenBytes));
            QVERIFY(!stored.contains(tokenBytes.toHex()));
        }
        QCOMPARE(query.value(0).toByteArray(), SessionFixture::tokenHash(token));
    }
    QCOMPARE(rows, 1);
}

void TestSessionStore::validate_refusesMalformedAndUnknownTokens_data()
{
    QTest::addColumn<QString>("token");
    // A well-formed token that was never issued.
    const QString unknown = QString::fromLatin1(
        QByteArray(32, 'z').toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    QTest::newRow("empty") << QString();
    QTest::newRow("short") << u"abc"_s;
    QTest::newRow("42 chars") << unknown.left(42);
    QTest::newRow("44 chars") << QString(unknown + u"A"_s);
    QTest::newRow("padded") << QString(unknown + u"="_s);
    QTest::newRow("standard alphabet") << QString(unknown.left(42) + u"+"_s);
    QTest::newRow("slash") << QString(u"/"_s + unknown.mid(1));
    QTest::newRow("space") << QString(u" "_s + unknown.mid(1));
    QTest::newRow("non-latin") << QString(u"\u00e9"_s + unknown.mid(1));
    QTest::newRow("non-zero trailing bits") << QString(unknown.left(42) + u"r"_s);
    QTest::newRow("never issued") << unknown;
}

void TestSessionStore::validate_refusesMalformedAndUnknownTokens()
{
    QFETCH(QString, token);
    SessionFixture fixture;
    QVERIFY(fixture.isReady());
    QVERIFY(!fixture.login(u"alice"_s).isEmpty());
    QCOMPARE(codeOf(fixture.sessions().validate(token)), ErrorCode::NotAuthenticated);
    QCOMPARE(fixture.sessions().setCurrentDeck(token, 5).code(), ErrorCode::NotAuthenticated);
    QCOMPARE(fixture.sessions().logout(token).code(), ErrorCode::NotAuthenticated);
    QCOMPARE(fixture.rowCount(), 1);
}

void TestSessionStore::validate_keepsSessionJustBeforeIdleTimeout()
{
    SessionFixture fixture;
    QVERIFY(fixture.isReady());
    const QString token = fixture.login(u"alice"_s);
    QVERIFY(!token.isEmpty());
    fixture.advanceSeconds(14 * kDay - 1);
    QVERIFY(fixture.sessions().validate(token).ok());
}

void TestSessionStore::validate_expiresAtIdleTimeoutAndDeletesRow()
{
    SessionFixture fixture;
    QVERIFY(fixture.isReady());
    const QString token = fixture.login(u"alice"_s);
    QVERIFY(!token.isEmpty());
    fixture.advanceSeconds(14 * kDay);
    QCOMPARE(codeOf(fixture.sessions().validate(token)), ErrorCode::NotAuthenticated);
    QCOMPARE(fixture.rowCount(), 0);
    // Turning the clock back does not revive it.
    fixture.advanceSeconds(-14 * kDay);
    QCOMPARE(codeOf(fixture.sessions().validate(token)), ErrorCode::NotAuthenticated);
}

void TestSessionStore::validate_activityExtendsIdleButNotAbsoluteLifetime()
{
    SessionFixture fixture;
    QVERIFY(fixture.isReady());
    const QString token = fixture.login(u"alice"_s);
    QVERIFY(!token.isEmpty());
    fixture.advanceSeconds(13 * kDay);
    QVERIFY(fixture.sessions().validate(token).ok());
    fixture.advanceSeconds(13 * kDay); // 26 days old, idle 13 days
    QVERIFY(fixture.sessions().validate(token).ok());
    fixture.advanceSeconds(4 * kDay - 1); // one second short of 30 days
    QVERIFY(fixture.sessions().validate(token).ok());
    fixture.advanceSeconds(1);
    QCOMPARE(codeOf(fixture.sessions().validate(token)), ErrorCode::NotAuthenticated);
    QCOMPARE(fixture.rowCount(), 0);
}

void TestSessionStore::validate_writesLastSeenAtMostOncePerInterval()
{
    SessionFixture fixture;
    QVERIFY(fixture.isReady());
    const QString token = fixture.login(u"alice"_s);
    QVERIFY(!token.isEmpty());
    const qint64 start = fixture.clock().nowSeconds();

    fixture.advanceSeconds(59);
    auto session = fixture.sessions().validate(token);
    QVERIFY(session.ok());
    QCOMPARE(session->lastSeen, start);
    QCOMPARE(fixture.storedLastSeen(token), start);

    fixture.advanceSeconds(1);
    session = fixture.sessions().validate(token);
    QVERIFY(session.ok());
    QCOMPARE(session->lastSeen, start + 60);
    QCOMPARE(fixture.storedLastSeen(token), start + 60);

    fixture.advanceSeconds(30);
    session = fixture.sessions().validate(token);
    QVERIFY(session.ok());
    QCOMPARE(session->lastSeen, start + 60);
    QCOMPARE(fixture.storedLastSeen(token), start + 60);
}

void TestSessionStore::restart_newStoreAcceptsOldTokens()
{
    SessionFixture fixture;
    QVERIFY(fixture.isReady());
    const QString token = fixture.login(u"alice"_s);
    QVERIFY(!token.isEmpty());
    QVERIFY(fixture.sessions().setCurrentDeck(token, 1234).ok());

    // A new process: new store, no connection left open on any thread.
    storage::Database::closeAllOnThisThread();
    std::optional<Result<Session>> validated;
    std::thread([&] {
        SessionStore restarted(fixture.store().adminDbPath(), fixture.clock());
        validated = restarted.validate(token);
    }).join();
    QVERIFY(validated->ok());
    QCOMPARE(validated->value().currentDeckId, 1234);
    QCOMPARE(validated->value().userId, 1);
}

void TestSessionStore::disabledAccount_sessionsAreInvalid()
{
    SessionFixture fixture;
    QVERIFY(fixture.isReady());
    const QString token = fixture.login(u"alice"_s);
    QVERIFY(!token.isEmpty());
    QCOMPARE(fixture.sessions().activeCount().value(), 1);

    QVERIFY(fixture.store().setDisabled(u"alice"_s, true).ok());
    QCOMPARE(codeOf(fixture.sessions().validate(token)), ErrorCode::NotAuthenticated);
    QCOMPARE(fixture.sessions().setCurrentDeck(token, 5).code(), ErrorCode::NotAuthenticated);
    QCOMPARE(fixture.sessions().activeCount().value(), 0);
}

void TestSessionStore::logout_endsOnlyThatSessionAtOnce()
{
    SessionFixture fixture;
    QVERIFY(fixture.isReady());
    const QString token = fixture.login(u"alice"_s);
    QVERIFY(!token.isEmpty());
    const auto other = fixture.sessions().create(1);
    QVERIFY(other.ok());

    QVERIFY(fixture.sessions().logout(token).ok());
    QCOMPARE(codeOf(fixture.sessions().validate(token)), ErrorCode::NotAuthenticated);
    QCOMPARE(fixture.sessions().setCurrentDeck(token, 5).code(), ErrorCode::NotAuthenticated);
    QCOMPARE(fixture.sessions().logout(token).code(), ErrorCode::NotAuthenticated);
    QVERIFY(fixture.sessions().validate(other->token).ok());
    QCOMPARE(fixture.rowCount(), 1);
}

void TestSessionStore::logoutAllForUser_endsOnlyThatUsersSessions()
{
    SessionFixture fixture;
    QVERIFY(fixture.isReady());
    const QString alice = fixture.login(u"alice"_s);
    const QString bob = fixture.login(u"bob"_s);
    QVERIFY(!alice.isEmpty() && !bob.isEmpty());
    const auto alice2 = fixture.sessions().create(1);
    const auto alice3 = fixture.sessions().create(1);
    QVERIFY(alice2.ok() && alice3.ok());

    QCOMPARE(fixture.sessions().logoutAllForUser(1).value(), 3);
    for (const QString &token : {alice, alice2->token, alice3->token})
        QCOMPARE(codeOf(fixture.sessions().validate(token)), ErrorCode::NotAuthenticated);
    QVERIFY(fixture.sessions().validate(bob).ok());
    QCOMPARE(fixture.sessions().activeCount().value(), 1);
    QCOMPARE(fixture.sessions().logoutAllForUser(1).value(), 0);
}

void TestSessionStore::setCurrentDeck_isPerSessionAndPersistent()
{
    SessionFixture fixture;
    QVERIFY(fixture.isReady());
    const QString first = fixture.login(u"alice"_s);
    QVERIFY(!first.isEmpty());
    const auto second = fixture.sessions().create(1);
    QVERIFY(second.ok());

    const auto changed = fixture.sessions().setCurrentDeck(first, 1700000000123);
    QVERIFY(changed.ok());
    QCOMPARE(changed.value(), 1700000000123);
    QCOMPARE(fixture.sessions().validate(first)->currentDeckId, 1700000000123);
    QCOMPARE(fixture.sessions().validate(second->token)->currentDeckId, kDefaultDeckId);
}

void TestSessionStore::setCurrentDeck_refusesExpiredSession()
{
    SessionFixture fixture;
    QVERIFY(fixture.isReady());
    const QString token = fixture.login(u"alice"_s);
    QVERIFY(!token.isEmpty());
    fixture.advanceSeconds(14 * kDay);
    QCOMPARE(fixture.sessions().setCurrentDeck(token, 5).code(), ErrorCode::NotAuthenticated);
    fixture.advanceSeconds(-1);
    // Still alive one second earlier, and the refused change left it untouched.
    QCOMPARE(fixture.sessions().validate(token)->currentDeckId, kDefaultDeckId);
}

void TestSessionStore::activeCount_andPurgeExpired_ignoreAndRemoveExpiredSessions()
{
    SessionFixture fixture(
        SessionPolicy {.idleTimeout = 1h, .absoluteLifetime = 24h, .lastSeenWriteInterval = 60s});
    QVERIFY(fixture.isReady());
    QVERIFY(!fixture.login(u"alice"_s).isEmpty());
    QVERIFY(fixture.sessions().create(1).ok());
    QVERIFY(fixture.sessions().create(1).ok());
    fixture.advanceSeconds(1800);
    const QString bob = fixture.login(u"bob"_s);
    QVERIFY(!bob.isEmpty());
    fixture.advanceSeconds(1800); // alice's three are idle for an hour now

    QCOMPARE(fixture.sessions().activeCount().value(), 1);
    QCOMPARE(fixture.rowCount(), 4);
    QCOMPARE(fixture.sessions().purgeExpired().value(), 3);
    QCOMPARE(fixture.rowCount(), 1);
    QVERIFY(fixture.sessions().validate(bob).ok());
    QCOMPARE(fixture.sessions().purgeExpired().value(), 0);
}

QTEST_GUILESS_MAIN(TestSessionStore)
#include "tst_sessionstore.moc"
