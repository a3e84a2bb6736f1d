#include "services/backend.h"
#include "storage/database.h"
#include "testsupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace javumbo;

namespace {
QByteArray render(const collection::CardRecord &card)
{
    return QByteArray::number(card.cardId);
}
} // namespace

class TestCardService : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> m_dir;
    ManualClock m_clock {testsupport::kDay0TenAmMs};
    UserLockRegistry m_locks;
    BackendOptions m_options;
    std::unique_ptr<Backend> m_backend;
    qint64 m_user = 0;

    qint64 cardsWithFront(const QString &front)
    {
        return testsupport::queryNumber(m_backend->context().collectionPath(m_user),
            u"SELECT count(*) FROM notes WHERE flds LIKE '%1%'"_s.arg(front));
    }

private slots:
    void init()
    {
        testsupport::enterTestMode();
        m_dir = std::make_unique<QTemporaryDir>();
        m_options = testsupport::backendOptions(m_dir->path());
        m_backend = std::make_unique<Backend>(m_options, m_clock, m_locks);
        QVERIFY(m_backend->initialize());
        static int n = 0;
        auto account = m_backend->accounts().registerUser(
            {u"user%1"_s.arg(++n), u"long enough"_s, {}, u"u%1@example.org"_s.arg(n), {}});
        QVERIFY(account);
        m_user = account->id;
    }
    void cleanup()
    {
        storage::Database::closeAllOnThisThread();
        m_backend.reset();
        m_dir.reset();
    }

    void addOnce_retryReplaysTheFirstAnswer()
    {
        const CardService &cards = m_backend->cards();
        const collection::NewCard card {u"once"_s, u"b"_s, 1, {}, {}};
        const auto first = cards.addOnce(m_user, card, u"k1"_s, "hash", render);
        QVERIFY(first);
        QVERIFY(!first->replayed);
        QCOMPARE(first->status, 201);
        const auto second = cards.addOnce(m_user, card, u"k1"_s, "hash", render);
        QVERIFY(second);
        QVERIFY(second->replayed);
        QCOMPARE(second->body, first->body);
        QCOMPARE(cardsWithFront(u"once"_s), qint64(1));
    }

    void addOnce_crashAfterTheCardCommitted_recoversTheCardInsteadOfAddingItAgain()
    {
        // The state a crash leaves between the card's commit and the record's completion:
        // a pending record, and a note with the guid derived from it.
        const CardService &cards = m_backend->cards();
        const qint64 begunAt = m_clock.nowMs();
        QVERIFY(cards.idempotencyStore().begin(m_user, u"k2"_s, begunAt, "hash"));
        auto written = collection::UserCollection(m_backend->context().collectionPath(m_user), m_clock)
                           .addCard({u"crashed"_s, u"b"_s, 1, {},
                               CardService::idempotentGuid(m_user, u"k2"_s, begunAt)});
        QVERIFY(written);
        m_clock.advanceMs(5000); // the retry comes later
        const auto retry = cards.addOnce(m_user, {u"crashed"_s, u"b"_s, 1, {}, {}}, u"k2"_s, "hash", render);
        QVERIFY(retry);
        QVERIFY(retry->replayed);
        QCOMPARE(retry->body, QByteArray::number(written->cardId));
        QCOMPARE(cardsWithFront(u"crashed"_s), qint64(1));
        const auto record = cards.idempotencyStore().find(m_user, u"k2"_s);
        QVERIFY(record && record.value() && record.value()->completed);
    }

    void addOnce_crashBeforeTheCardCommitted_addsItExactlyOnce()
    {
        const CardService &cards = m_backend->cards();
        QVERIFY(cards.idempotencyStore().begin(m_user, u"k3"_s, m_clock.nowMs(), "hash"));
        const auto retry = cards.addOnce(m_user, {u"lost"_s, u"b"_s, 1, {}, {}}, u"k3"_s, "hash", render);
        QVERIFY(retry);
        QVERIFY(!retry->replayed);
        QCOMPARE(cardsWithFront(u"lost"_s), qint64(1));
        QVERIFY(cards.addOnce(m_user, {u"lost"_s, u"b"_s, 1, {}, {}}, u"k3"_s, "hash", render)->replayed);
        QCOMPARE(cardsWithFront(u"lost"_s), qint64(1));
    }

    void addOnce_otherContentUnderTheSameKey_isAConflict()
    {
        const CardService &cards = m_backend->cards();
        QVERIFY(cards.addOnce(m_user, {u"a"_s, u"b"_s, 1, {}, {}}, u"k4"_s, "hash-a", render));
        const auto other = cards.addOnce(m_user, {u"c"_s, u"d"_s, 1, {}, {}}, u"k4"_s, "hash-c", render);
        QVERIFY(!other);
        QCOMPARE(other.code(), ErrorCode::IdempotencyConflict);
    }

    void addOnce_keysExpireAfter24Hours()
    {
        const CardService &cards = m_backend->cards();
        QVERIFY(cards.addOnce(m_user, {u"daily"_s, u"b"_s, 1, {}, {}}, u"k5"_s, "hash", render));
        m_clock.advanceMs(IdempotencyStore::kRetentionMs - 1000);
        QVERIFY(cards.addOnce(m_user, {u"daily"_s, u"b"_s, 1, {}, {}}, u"k5"_s, "hash", render)->replayed);
        m_clock.advanceMs(2000);
        QVERIFY(!cards.addOnce(m_user, {u"daily"_s, u"b"_s, 1, {}, {}}, u"k5"_s, "hash", render)->replayed);
        QCOMPARE(cardsWithFront(u"daily"_s), qint64(2));
        QCOMPARE(cards.idempotencyStore().purgeExpired().value(), 0); // the new record replaced the old one
    }

    void definiteRefusal_leavesNoPendingRecord()
    {
        const CardService &cards = m_backend->cards();
        const auto refused = cards.addOnce(m_user, {u"x"_s, u"y"_s, 4242, {}, {}}, u"k6"_s, "hash", render);
        QCOMPARE(refused.code(), ErrorCode::DeckNotFound);
        QVERIFY(!cards.idempotencyStore().find(m_user, u"k6"_s).value());
    }

    void writes_areRefusedWithUserBusyWhenTheLockIsHeld()
    {
        UserLockGuard held = m_locks.acquire(m_user, std::chrono::seconds(1));
        QVERIFY(held.isLocked());
        BackendOptions options = m_options; // the same installation
        options.lockTimeout = std::chrono::milliseconds(20);
        Backend impatient(options, m_clock, m_locks);
        const auto added = impatient.cards().add(m_user, {u"blocked"_s, u"b"_s, 1, {}, {}});
        QCOMPARE(added.code(), ErrorCode::UserBusy);
        QVERIFY(impatient.cards().get(m_user, 1).code() == ErrorCode::CardNotFound); // reads need no lock
        QCOMPARE(cardsWithFront(u"blocked"_s), qint64(0));
    }
};

QTEST_GUILESS_MAIN(TestCardService)
#include "tst_cardservice.moc"
