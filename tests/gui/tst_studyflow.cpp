#include "dialogs/addcarddialog.h"
#include "dialogs/profiledialog.h"
#include "guifixture.h"
#include "hosting/serverhost.h"
#include "mainwindow.h"
#include "models/intervalformat.h"
#include "profilemenu.h"
#include "testsupport.h"
#include "views/decklistview.h"
#include "views/reviewview.h"

#include <QComboBox>

#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace javumbo;
using namespace javumbo::gui;

namespace {

// The study flow needs no server; the panel only needs something to show.
class IdleServerHost final : public ServerHost
{
public:
    Result<QUrl> start(const ServerSettings &) override { return makeError(ErrorCode::Internal, u"off"_s); }
    void stop() override { }
    bool isRunning() const override { return false; }
    ServerSnapshot snapshot() const override { return {}; }
    QString dataDirectory() const override { return {}; }
};

} // namespace

class TestStudyFlow : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<testsupport::GuiFixture> m_fixture;
    IdleServerHost m_host;
    std::unique_ptr<MainWindow> m_window;
    qint64 m_user = 0;

    qint64 number(const QString &sql) const { return m_fixture->number(m_user, sql); }

    // Adds a card through the Add dialog, as a user types it.
    void addCardThroughDialog(const QString &front, const QString &back)
    {
        m_window->openAddCards();
        auto *dialog = m_window->findChild<AddCardDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->findChild<QComboBox *>(u"deck"_s)->count() > 0);
        const int before = dialog->addedCount();
        dialog->findChild<QPlainTextEdit *>(u"front"_s)->setPlainText(front);
        dialog->findChild<QPlainTextEdit *>(u"back"_s)->setPlainText(back);
        dialog->findChild<QLineEdit *>(u"tags"_s)->setText(u"gui test"_s);
        dialog->addCard();
        QTRY_COMPARE(dialog->addedCount(), before + 1);
        QVERIFY(dialog->isVisible()); // stays open for the next card
        QVERIFY(dialog->findChild<QPlainTextEdit *>(u"front"_s)->toPlainText().isEmpty());
    }

    ReviewView *startStudying()
    {
        ReviewView *review = m_window->review();
        m_window->deckList()->refresh();
        if (!QTest::qWaitFor([this] { return !m_window->deckList()->isLoading(); }))
            return nullptr;
        Q_EMIT m_window->deckList()->studyRequested(1, u"Default"_s);
        if (m_window->currentPage() != review)
            return nullptr;
        return review;
    }

private slots:
    void init()
    {
        m_fixture = std::make_unique<testsupport::GuiFixture>();
        m_window = std::make_unique<MainWindow>(&m_fixture->context(), &m_fixture->profiles(), &m_host);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }
    void cleanup()
    {
        m_window.reset();
        m_fixture.reset();
    }

    void firstStart_profileDialogCreatesAnAccountWithARandomPassword()
    {
        ProfileDialog dialog(&m_fixture->profiles(), &m_fixture->context().worker(), true);
        dialog.findChild<QLineEdit *>(u"profileName"_s)->setText(u"alice"_s);
        dialog.accept();
        QTRY_VERIFY(dialog.createdProfile().has_value());
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        m_window->profileMenu()->openProfile(*dialog.createdProfile());
        QVERIFY(m_fixture->context().hasClient());
        QCOMPARE(m_fixture->context().client()->profileName(), u"alice"_s);
        QVERIFY(m_window->windowTitle().contains(u"alice"_s));
        // The account exists with its collection, and an empty password is not a usable one.
        QVERIFY(QFile::exists(m_fixture->collectionPath(dialog.createdProfile()->userId)));
        QVERIFY(!m_fixture->backend().accounts().authenticate(u"alice"_s, QString()));
        QVERIFY(LocalProfileStore::randomPassword() != LocalProfileStore::randomPassword());
        QCOMPARE(LocalProfileStore::randomPassword().size(), 32);
    }

    void profileDialog_invalidName_saysWhyAndStaysOpen()
    {
        ProfileDialog dialog(&m_fixture->profiles(), &m_fixture->context().worker(), true);
        dialog.show();
        dialog.findChild<QLineEdit *>(u"profileName"_s)->setText(u"no spaces allowed"_s);
        dialog.accept();
        auto explains = [&dialog] {
            const QList<QLabel *> labels = dialog.findChildren<QLabel *>();
            return std::any_of(labels.cbegin(), labels.cend(),
                [](QLabel *label) { return label->text().contains(u"username"_s, Qt::CaseInsensitive); });
        };
        QTRY_VERIFY(explains());
        QVERIFY(!dialog.createdProfile());
        QVERIFY(dialog.isVisible());
    }

    void addCard_thenReviewWithSpaceAnd3_writesOneRevlogRowAndCountsTheRep()
    {
        m_user = m_fixture->openNewProfile(u"bob"_s).userId;
        addCardThroughDialog(u"hola"_s, u"hello"_s);
        QCOMPARE(number(u"SELECT count(*) FROM notes"_s), qint64(1));
        QCOMPARE(number(u"SELECT count(*) FROM notes WHERE tags LIKE '% gui %'"_s), qint64(1));

        ReviewView *review = startStudying();
        QVERIFY(review);
        QTRY_COMPARE(review->stage(), ReviewView::Stage::Question);
        QCOMPARE(review->findChild<QLabel *>(u"cardFront"_s)->text(), u"hola"_s);
        QVERIFY(!review->findChild<QLabel *>(u"cardBack"_s)->isVisible());

        QTest::keyClick(review, Qt::Key_Space);
        QCOMPARE(review->stage(), ReviewView::Stage::Answer);
        QVERIFY(review->findChild<QLabel *>(u"cardBack"_s)->isVisible());
        // The buttons carry the scheduler's preview: Good on a new card is the second learning step.
        const QString good = review->findChild<QPushButton *>(u"ease3"_s)->text();
        QVERIFY2(good.startsWith(u"Good\n10m"_s), qPrintable(good));

        QTest::keyClick(review, Qt::Key_3);
        QTRY_COMPARE(number(u"SELECT count(*) FROM revlog"_s), qint64(1));
        QCOMPARE(number(u"SELECT reps FROM cards"_s), qint64(1));
        QCOMPARE(number(u"SELECT ease FROM revlog"_s), qint64(3));
        QTRY_VERIFY(review->stage() != ReviewView::Stage::Idle);
        QVERIFY(review->canUndo());
    }

    void undoWithCtrlZ_restoresTheCardAndRemovesTheRevlogRow()
    {
        m_user = m_fixture->openNewProfile(u"carol"_s).userId;
        addCardThroughDialog(u"perro"_s, u"dog"_s);
        const QString cardBefore = testsupport::queryColumn(m_fixture->collectionPath(m_user),
            u"SELECT type||'|'||queue||'|'||due||'|'||ivl||'|'||factor||'|'||reps||'|'||left||'|'||mod FROM cards"_s)
                                       .value(0);
        ReviewView *review = startStudying();
        QVERIFY(review);
        QTRY_COMPARE(review->stage(), ReviewView::Stage::Question);
        QTest::keyClick(review, Qt::Key_Return);
        QTest::keyClick(review, Qt::Key_4);
        QTRY_COMPARE(number(u"SELECT count(*) FROM revlog"_s), qint64(1));
        QTRY_COMPARE(review->stage(), ReviewView::Stage::Finished);

        QTest::keyClick(review, Qt::Key_Z, Qt::ControlModifier);
        QTRY_COMPARE(number(u"SELECT count(*) FROM revlog"_s), qint64(0));
        const QString cardAfter = testsupport::queryColumn(m_fixture->collectionPath(m_user),
            u"SELECT type||'|'||queue||'|'||due||'|'||ivl||'|'||factor||'|'||reps||'|'||left||'|'||mod FROM cards"_s)
                                      .value(0);
        QCOMPARE(cardAfter, cardBefore);
        // The card is back in front of the student, and there is nothing more to undo.
        QTRY_COMPARE(review->stage(), ReviewView::Stage::Question);
        QVERIFY(!review->canUndo());
    }

    void nothingDue_showsCongratulationsWithTheNextDueTime()
    {
        m_user = m_fixture->openNewProfile(u"dave"_s).userId;
        auto card = m_fixture->backend().cards().add(m_user, {u"q"_s, u"a"_s, 1, {}, {}});
        QVERIFY(card);
        QVERIFY(m_fixture->backend().reviews().answer(m_user, {card->cardId, 4, 1000, {}})); // due in days
        ReviewView *review = startStudying();
        QVERIFY(review);
        QTRY_COMPARE(review->stage(), ReviewView::Stage::Finished);
        auto *text = review->findChild<QLabel *>(u"finishedText"_s);
        QTRY_VERIFY2(text->text().contains(u"next card is due"_s), qPrintable(text->text()));
    }

    void intervalLabels_readLikeAnkis()
    {
        QCOMPARE(formatInterval(30), u"<1m"_s);
        QCOMPARE(formatInterval(600), u"10m"_s);
        QCOMPARE(formatInterval(3 * 3600), u"3h"_s);
        QCOMPARE(formatInterval(86400), u"1d"_s);
        QCOMPARE(formatInterval(45 * 86400), u"1.5mo"_s);
        QCOMPARE(formatInterval(2 * 365 * 86400), u"2y"_s);
    }

    // Automatic profile backups, as Anki keeps them: every 30 minutes of use
    // and when the app closes (issue 14).
    void profileBackups_takenOnScheduleAndWhenTheWindowCloses()
    {
        const Profile profile = m_fixture->openNewProfile(u"erin"_s);
        m_window->profileMenu()->openProfile(profile);
        QTimer *timer = m_window->profileMenu()->backupTimer();
        QCOMPARE(timer->interval(), 30 * 60 * 1000);
        QVERIFY(timer->isActive());
        const auto count = [&] { return m_fixture->profiles().backups(profile).value().size(); };
        QCOMPARE(count(), 0);
        timer->setInterval(10); // the schedule, not its length, is under test
        QTRY_VERIFY(count() >= 1);
        timer->stop();
        QTRY_COMPARE(m_fixture->context().worker().pendingCount(), 0);

        const auto before = count();
        QVERIFY(m_fixture->backend().cards().add(profile.userId, {u"at close"_s, u"b"_s, 1, {}, {}}));
        m_window.reset(); // the app closes
        QCOMPARE(count(), before + 1);
        const QString newest = m_fixture->profiles().backups(profile).value().first().path;
        QCOMPARE(testsupport::queryNumber(newest, u"SELECT count(*) FROM cards"_s), qint64(1));
    }
};

QTEST_MAIN(TestStudyFlow)
#include "tst_studyflow.moc"
