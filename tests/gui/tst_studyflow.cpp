#include "dialogs/addcarddialog.h"
#include "dialogs/editcarddialog.h"
#include "dialogs/profiledialog.h"
#include "guifixture.h"
#include "hosting/serverpanel.h"
#include "idleserverhost.h"
#include "mainwindow.h"
#include "models/decktreemodel.h"
#include "models/intervalformat.h"
#include "profilemenu.h"
#include "render/cardview.h"
#include "testsupport.h"
#include "views/cardeditor.h"
#include "views/decklistview.h"
#include "views/reviewview.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTest>
#include <QTimer>
#include <QTreeView>

using namespace Qt::StringLiterals;
using namespace javumbo;
using namespace javumbo::gui;

class TestStudyFlow : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<testsupport::GuiFixture> m_fixture;
    testsupport::IdleServerHost m_host;
    std::unique_ptr<MainWindow> m_window;
    qint64 m_user = 0;

    qint64 number(const QString &sql) const { return m_fixture->number(m_user, sql); }
    QString cardRows() const
    {
        return testsupport::queryColumn(m_fixture->collectionPath(m_user),
            u"SELECT "
            u"id||'|'||type||'|'||queue||'|'||due||'|'||ivl||'|'||factor||'|'||reps||'|'||lapses||'|'||left"
            "||'|'||mod||'|'||flags FROM cards ORDER BY id"_s)
            .join(u'\n');
    }
    QString revlogRows() const
    {
        return testsupport::queryColumn(m_fixture->collectionPath(m_user),
            u"SELECT id||'|'||cid||'|'||ease||'|'||ivl||'|'||lastIvl||'|'||factor||'|'||type FROM revlog ORDER BY id"_s)
            .join(u'\n');
    }
    qint64 addCard(const QString &front, const QString &back = u"back"_s)
    {
        auto card = m_fixture->backend().cards().add(m_user, {front, back, 1, {}, {}});
        return card ? card->cardId : 0;
    }

    // Adds a card through the Add dialog, as a user types it.
    void addCardThroughDialog(const QString &front, const QString &back)
    {
        m_window->openAddCards();
        auto *dialog = m_window->findChild<AddCardDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->findChild<QComboBox *>(u"deck"_s)->count() > 0);
        const int before = dialog->addedCount();
        dialog->findChild<QWidget *>(u"front"_s)->setProperty("plainText", front);
        dialog->findChild<QWidget *>(u"back"_s)->setProperty("plainText", back);
        dialog->findChild<QLineEdit *>(u"tags"_s)->setText(u"gui test"_s);
        dialog->addCard();
        QTRY_COMPARE(dialog->addedCount(), before + 1);
        QVERIFY(dialog->isVisible()); // stays open for the next card
        QVERIFY(dialog->findChild<QWidget *>(u"front"_s)->property("plainText").toString().isEmpty());
        dialog->close();
        reactivateMainWindow();
    }

    // A window manager gives the activation back to the main window when a dialog closes; the offscreen
    // platform does not, and the review's shortcuts work only in the active window.
    void reactivateMainWindow()
    {
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
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
    QString shownCard(ReviewView *review) const { return review->cardView()->toPlainText(); }

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

    void firstStart_profileDialogCreatesAnAccountThatNoPasswordOpens()
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
        // The account exists with its collection, and no password logs in to it through the server.
        QVERIFY(QFile::exists(m_fixture->collectionPath(dialog.createdProfile()->userId)));
        QVERIFY(!m_fixture->backend().accounts().authenticate(u"alice"_s, QString()));
        QVERIFY(!dialog.createdProfile()->hasPassword);
    }

    void profileDialog_emptyName_saysWhyAndStaysOpen()
    {
        ProfileDialog dialog(&m_fixture->profiles(), &m_fixture->context().worker(), true);
        dialog.show();
        dialog.findChild<QLineEdit *>(u"profileName"_s)->setText(u"   "_s);
        dialog.accept();
        auto explains = [&dialog] {
            const QList<QLabel *> labels = dialog.findChildren<QLabel *>();
            return std::any_of(labels.cbegin(), labels.cend(),
                [](QLabel *label) { return label->text().contains(u"Give the profile a name"_s); });
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
        QCOMPARE(shownCard(review), u"hola"_s);

        QTest::keyClick(review, Qt::Key_Space);
        QCOMPARE(review->stage(), ReviewView::Stage::Answer);
        QVERIFY(shownCard(review).contains(u"hello"_s));
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

    void spaceOrEnterOnTheAnswerSide_answersGood_data()
    {
        QTest::addColumn<int>("key");
        QTest::newRow("space") << int(Qt::Key_Space);
        QTest::newRow("enter") << int(Qt::Key_Return);
    }
    void spaceOrEnterOnTheAnswerSide_answersGood()
    {
        QFETCH(int, key);
        m_user = m_fixture->openNewProfile(u"sam"_s).userId;
        addCard(u"uno"_s);
        ReviewView *review = startStudying();
        QVERIFY(review);
        QTRY_COMPARE(review->stage(), ReviewView::Stage::Question);
        QTest::keyClick(review, Qt::Key(key));
        QCOMPARE(review->stage(), ReviewView::Stage::Answer);
        QCOMPARE(
            number(u"SELECT count(*) FROM revlog"_s), qint64(0)); // the first press only shows the answer
        QTest::keyClick(review, Qt::Key(key));
        QTRY_COMPARE(number(u"SELECT count(*) FROM revlog"_s), qint64(1));
        QCOMPARE(number(u"SELECT ease FROM revlog"_s), qint64(3));
    }

    void undoSeveralSteps_restoresEachCardAndRevlogExactly_withANote()
    {
        m_user = m_fixture->openNewProfile(u"carol"_s).userId;
        for (const QString &front : {u"perro"_s, u"gato"_s, u"pez"_s})
            addCard(front);
        ReviewView *review = startStudying();
        QVERIFY(review);
        QStringList cards {cardRows()};
        QStringList revlogs {revlogRows()};
        for (int answer = 0; answer < 3; ++answer) {
            QTRY_COMPARE(review->stage(), ReviewView::Stage::Question);
            QTest::keyClick(review, Qt::Key_Space);
            QTest::keyClick(review, answer == 1 ? Qt::Key_1 : Qt::Key_4);
            QTRY_COMPARE(number(u"SELECT count(*) FROM revlog"_s), qint64(answer + 1));
            cards.append(cardRows());
            revlogs.append(revlogRows());
        }
        QTRY_VERIFY(review->stage() != ReviewView::Stage::Idle);
        QCOMPARE(review->undoDepth(), 3);
        for (int step = 2; step >= 0; --step) {
            QTest::keyClick(review, Qt::Key_Z, Qt::ControlModifier);
            QTRY_COMPARE(number(u"SELECT count(*) FROM revlog"_s), qint64(step));
            QCOMPARE(cardRows(), cards.at(step));
            QCOMPARE(revlogRows(), revlogs.at(step));
            QTRY_VERIFY(review->statusText().startsWith(u"Undid answer."_s));
            QTRY_COMPARE(review->stage(), ReviewView::Stage::Question);
        }
        QVERIFY(!review->canUndo());
    }

    void undo_isTenStepsDeep()
    {
        m_user = m_fixture->openNewProfile(u"tess"_s).userId;
        for (int i = 0; i < 12; ++i)
            addCard(u"card %1"_s.arg(i));
        ReviewView *review = startStudying();
        QVERIFY(review);
        for (int answer = 0; answer < 12; ++answer) {
            QTRY_COMPARE(review->stage(), ReviewView::Stage::Question);
            QTest::keyClick(review, Qt::Key_Space);
            QTest::keyClick(review, Qt::Key_4);
            QTRY_COMPARE(number(u"SELECT count(*) FROM revlog"_s), qint64(answer + 1));
        }
        QTRY_VERIFY(review->stage() != ReviewView::Stage::Idle);
        QCOMPARE(review->undoDepth(), ReviewView::kUndoDepth);
    }

    void whileReviewing_buryFlagSuspendAndEdit()
    {
        m_user = m_fixture->openNewProfile(u"dora"_s).userId;
        const qint64 first = addCard(u"first"_s);
        const qint64 second = addCard(u"second"_s);
        const qint64 third = addCard(u"third"_s);
        ReviewView *review = startStudying();
        QVERIFY(review);
        QTRY_COMPARE(review->currentCardId(), std::optional<qint64>(first));

        QTest::keyClick(review, Qt::Key_1, Qt::ControlModifier); // red flag
        QTRY_COMPARE(number(u"SELECT flags FROM cards WHERE id = %1"_s.arg(first)), qint64(1));
        QTRY_VERIFY(review->findChild<QLabel *>(u"cardFlag"_s)->text().contains(u"Red"_s));
        QTRY_COMPARE(review->stage(), ReviewView::Stage::Question);

        QTest::keyClick(review, Qt::Key_Minus); // bury
        QTRY_COMPARE(number(u"SELECT queue FROM cards WHERE id = %1"_s.arg(first)), qint64(-3));
        QTRY_COMPARE(review->currentCardId(), std::optional<qint64>(second));

        QTest::keyClick(review, Qt::Key_At); // suspend
        QTRY_COMPARE(number(u"SELECT queue FROM cards WHERE id = %1"_s.arg(second)), qint64(-1));
        QTRY_COMPARE(review->currentCardId(), std::optional<qint64>(third));

        QTest::keyClick(review, Qt::Key_E); // edit
        EditCardDialog *edit = nullptr;
        QTRY_VERIFY((edit = review->findChild<EditCardDialog *>()));
        QTRY_VERIFY(edit->editor()->cardId().has_value());
        edit->findChild<QWidget *>(u"editBack"_s)->setProperty("plainText", u"the third back"_s);
        QWidget *back = edit->findChild<QWidget *>(u"editBack"_s);
        QTest::keyClick(back, Qt::Key_End, Qt::ControlModifier);
        QTest::keyClick(back, Qt::Key_Exclam); // a typed change
        edit->close();
        QTRY_COMPARE(number(u"SELECT count(*) FROM notes WHERE flds LIKE '%the third back!'"_s), qint64(1));
        QTRY_VERIFY(!review->findChild<EditCardDialog *>());
        reactivateMainWindow();
        QCOMPARE(review->currentCardId(), std::optional<qint64>(third));

        // Ctrl+Z takes back the suspension, then the bury, then the flag.
        QTest::keyClick(review, Qt::Key_Z, Qt::ControlModifier);
        QTRY_COMPARE(number(u"SELECT queue FROM cards WHERE id = %1"_s.arg(second)), qint64(0));
        QTRY_VERIFY(review->statusText().startsWith(u"Undid suspension."_s));
        QTRY_VERIFY(review->stage() != ReviewView::Stage::Idle);
        QTest::keyClick(review, Qt::Key_Z, Qt::ControlModifier);
        QTRY_COMPARE(number(u"SELECT queue FROM cards WHERE id = %1"_s.arg(first)), qint64(0));
        QTRY_VERIFY(review->stage() != ReviewView::Stage::Idle);
        QTest::keyClick(review, Qt::Key_Z, Qt::ControlModifier);
        QTRY_COMPARE(number(u"SELECT flags FROM cards WHERE id = %1"_s.arg(first)), qint64(0));
    }

    void nothingDue_showsWhenTheNextCardIsDue_andLeadsBackToTheDecks()
    {
        m_user = m_fixture->openNewProfile(u"dave"_s).userId;
        const qint64 card = addCard(u"q"_s);
        QVERIFY(m_fixture->backend().reviews().answer(m_user, {card, 4, 1000, {}})); // due in days
        ReviewView *review = startStudying();
        QVERIFY(review);
        QTRY_COMPARE(review->stage(), ReviewView::Stage::Finished);
        auto *text = review->findChild<QLabel *>(u"finishedText"_s);
        QTRY_VERIFY2(text->text().contains(u"next card is due"_s), qPrintable(text->text()));
        auto *back = review->findChild<QPushButton *>(u"backToDecks"_s);
        QVERIFY(back->isVisible());
        QTest::mouseClick(back, Qt::LeftButton);
        QCOMPARE(m_window->currentPage(), m_window->deckList());
    }

    void defaultDeck_deleteIsDisabled_otherDecksCanBeDeleted()
    {
        m_user = m_fixture->openNewProfile(u"eve"_s).userId;
        const qint64 other = m_fixture->backend().decks().create(m_user, u"Other"_s)->id;
        DeckListView *decks = m_window->deckList();
        m_window->showPage(decks);
        decks->refresh();
        QTRY_VERIFY(!decks->isLoading());
        auto *tree = decks->findChild<QTreeView *>(u"deckTree"_s);
        auto *remove = decks->findChild<QPushButton *>(u"deckDelete"_s);
        QVERIFY(remove);
        tree->setCurrentIndex(decks->model()->indexOfDeck(1));
        QVERIFY(!remove->isEnabled());
        QTest::keyClick(tree, Qt::Key_Delete); // no question that would only end in a refusal
        QVERIFY(!QApplication::activeModalWidget());
        tree->setCurrentIndex(decks->model()->indexOfDeck(other));
        QVERIFY(remove->isEnabled());
    }

    void counts_useTheRightNumber()
    {
        m_user = m_fixture->openNewProfile(u"finn"_s).userId;
        addCard(u"only one"_s);
        DeckListView *decks = m_window->deckList();
        m_window->showPage(decks);
        decks->refresh();
        QTRY_VERIFY(!decks->isLoading());
        QCOMPARE(decks->findChild<QLabel *>(u"deckSummary"_s)->text(), u"1 card to study today"_s);
        addCard(u"and another"_s);
        decks->refresh();
        QTRY_COMPARE(decks->findChild<QLabel *>(u"deckSummary"_s)->text(), u"2 cards to study today"_s);
    }

    void quitWhileStudentsAreLoggedIn_asksFirst()
    {
        m_user = m_fixture->openNewProfile(u"gus"_s).userId;
        m_host.pretendToServe(2);
        m_window->serverPanel()->start();
        QTRY_COMPARE(m_window->serverPanel()->lastSnapshot().activeSessions, qint64(2));
        QString question;
        QTimer::singleShot(0, [&question] {
            QTRY_VERIFY(qobject_cast<QMessageBox *>(QApplication::activeModalWidget()));
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            question = box->text();
            box->button(QMessageBox::Cancel)->click();
        });
        m_window->close();
        QVERIFY2(question.contains(u"2 students"_s), qPrintable(question));
        QVERIFY(m_window->isVisible());
        QTimer::singleShot(0, [] {
            QTRY_VERIFY(qobject_cast<QMessageBox *>(QApplication::activeModalWidget()));
            qobject_cast<QMessageBox *>(QApplication::activeModalWidget())->button(QMessageBox::Yes)->click();
        });
        m_window->close();
        QTRY_VERIFY(!m_window->isVisible());
        m_window->serverPanel()->stop();
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
