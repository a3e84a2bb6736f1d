#include "services/backend.h"
#include "services/reviewundo.h"
#include "storage/database.h"
#include "testsupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace javumbo;

class TestReviewUndo : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> m_dir;
    ManualClock m_clock {testsupport::kDay0TenAmMs};
    UserLockRegistry m_locks;
    std::unique_ptr<Backend> m_backend;
    qint64 m_user = 0;

    QString path() const { return m_backend->context().collectionPath(m_user); }
    // Every column of the card and its note, and the col row's decks, as text: "restored exactly".
    QStringList cardRow(qint64 cardId) const
    {
        return testsupport::queryColumn(path(),
            u"SELECT c.id||'|'||c.nid||'|'||c.did||'|'||c.ord||'|'||c.mod||'|'||c.usn||'|'||c.type||'|'||"
            "c.queue||'|'||c.due||'|'||c.ivl||'|'||c.factor||'|'||c.reps||'|'||c.lapses||'|'||c.left||'|'||"
            "c.odue||'|'||c.odid||'|'||c.flags||'|'||c.data||'|'||n.tags||'|'||n.mod||'|'||n.usn"
            " FROM cards c JOIN notes n ON n.id = c.nid WHERE c.id = %1"_s.arg(cardId));
    }
    QString decksJson() const
    {
        return testsupport::queryColumn(path(), u"SELECT decks FROM col"_s).value(0);
    }
    qint64 revlogRows() const { return testsupport::queryNumber(path(), u"SELECT count(*) FROM revlog"_s); }

private slots:
    void init()
    {
        testsupport::enterTestMode();
        m_dir = std::make_unique<QTemporaryDir>();
        BackendOptions options;
        options.dataDir = m_dir->path();
        options.hashing = PasswordHasher::Options {1000, true};
        m_backend = std::make_unique<Backend>(options, m_clock, m_locks);
        QVERIFY(m_backend->initialize());
        auto account = m_backend->accounts().registerUser(
            {u"student"_s, u"long enough"_s, {}, u"s@example.org"_s, {}});
        QVERIFY(account);
        m_user = account->id;
    }
    void cleanup()
    {
        storage::Database::closeAllOnThisThread();
        m_backend.reset();
        m_dir.reset();
    }

    void undo_restoresTheCardRowAndDeletesTheRevlogRow_data()
    {
        QTest::addColumn<int>("ease");
        QTest::addColumn<int>("earlierAnswers");
        QTest::newRow("new card, again") << 1 << 0;
        QTest::newRow("new card, good") << 3 << 0;
        QTest::newRow("new card, easy") << 4 << 0;
        QTest::newRow("learning card, good") << 3 << 1;
        QTest::newRow("review card, hard") << 2 << 3;
    }
    void undo_restoresTheCardRowAndDeletesTheRevlogRow()
    {
        QFETCH(int, ease);
        QFETCH(int, earlierAnswers);
        auto card = m_backend->cards().add(m_user, {u"front"_s, u"back"_s, 1, {u"t1"_s}, {}});
        QVERIFY(card);
        for (int i = 0; i < earlierAnswers; ++i) {
            QVERIFY(m_backend->reviews().answer(m_user, {card->cardId, 3, 1000, {}}));
            m_clock.advanceMs(3 * 86400 * 1000LL);
        }
        const QStringList rowBefore = cardRow(card->cardId);
        const QString decksBefore = decksJson();
        const qint64 revlogBefore = revlogRows();
        m_clock.advanceMs(1000);

        const ReviewUndo undo(m_backend->context());
        auto answered = undo.answer(m_user, {card->cardId, ease, 2500, {}});
        QVERIFY2(answered, qPrintable(answered ? QString() : answered.error().message));
        QCOMPARE(revlogRows(), revlogBefore + 1);
        QCOMPARE(testsupport::queryNumber(
                     path(), u"SELECT cid FROM revlog WHERE id = %1"_s.arg(answered->undo.revlogId)),
            card->cardId);
        QVERIFY(cardRow(card->cardId) != rowBefore);

        m_clock.advanceMs(1000);
        auto restored = undo.undo(m_user, answered->undo);
        QVERIFY2(restored, qPrintable(restored ? QString() : restored.error().message));
        QCOMPARE(cardRow(card->cardId), rowBefore);
        QCOMPARE(revlogRows(), revlogBefore);
        QCOMPARE(decksJson(), decksBefore);
        QCOMPARE(restored->state.reps, earlierAnswers);
    }

    void undo_afterTheCardChangedAgain_isRefusedAndChangesNothing()
    {
        auto card = m_backend->cards().add(m_user, {u"front"_s, u"back"_s, 1, {}, {}});
        QVERIFY(card);
        const ReviewUndo undo(m_backend->context());
        auto answered = undo.answer(m_user, {card->cardId, 3, 1000, {}});
        QVERIFY(answered);
        m_clock.advanceMs(1000);
        QVERIFY(m_backend->cards().setSuspended(m_user, card->cardId, true));
        const QStringList rowAfterEdit = cardRow(card->cardId);

        auto refused = undo.undo(m_user, answered->undo);
        QVERIFY(!refused);
        QCOMPARE(refused.code(), ErrorCode::StaleCard);
        QCOMPARE(cardRow(card->cardId), rowAfterEdit);
        QCOMPARE(revlogRows(), qint64(1));
    }

    void undo_twice_secondIsRefused()
    {
        auto card = m_backend->cards().add(m_user, {u"front"_s, u"back"_s, 1, {}, {}});
        QVERIFY(card);
        const ReviewUndo undo(m_backend->context());
        auto answered = undo.answer(m_user, {card->cardId, 3, 1000, {}});
        QVERIFY(answered);
        QVERIFY(undo.undo(m_user, answered->undo));
        QCOMPARE(undo.undo(m_user, answered->undo).code(), ErrorCode::StaleCard);
        QCOMPARE(revlogRows(), qint64(0));
    }

    void answer_unknownCard_isCardNotFound()
    {
        const ReviewUndo undo(m_backend->context());
        QCOMPARE(undo.answer(m_user, {424242, 3, 1000, {}}).code(), ErrorCode::CardNotFound);
    }
};

QTEST_GUILESS_MAIN(TestReviewUndo)
#include "tst_reviewundo.moc"
