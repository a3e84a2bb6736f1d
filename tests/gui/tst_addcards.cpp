// Issue 15, bugs 4 and 5, and Anki's duplicate warning: Add cards opens on
// the deck chosen in the deck list (or being studied), not on the deck the
// dialog used last; the cursor starts in Front, so typing goes into it; a
// front another note of that deck already has is marked, and can be added.
#include "dialogs/addcarddialog.h"
#include "guifixture.h"
#include "idleserverhost.h"
#include "mainwindow.h"
#include "models/decktreemodel.h"
#include "views/decklistview.h"
#include "views/reviewview.h"

#include <QApplication>
#include <QComboBox>
#include <QTest>
#include <QTreeView>

using namespace Qt::StringLiterals;
using namespace javumbo;
using namespace javumbo::gui;

class TestAddCards : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<testsupport::GuiFixture> m_fixture;
    testsupport::IdleServerHost m_host;
    std::unique_ptr<MainWindow> m_window;
    qint64 m_user = 0;
    qint64 m_spanish = 0;
    qint64 m_geography = 0;

    qint64 number(const QString &sql) const { return m_fixture->number(m_user, sql); }

    void chooseInDeckList(qint64 deckId)
    {
        m_window->showPage(m_window->deckList());
        m_window->deckList()->refresh();
        QTRY_VERIFY(!m_window->deckList()->isLoading());
        auto *tree = m_window->deckList()->findChild<QTreeView *>(u"deckTree"_s);
        tree->setCurrentIndex(m_window->deckList()->model()->indexOfDeck(deckId));
        QCOMPARE(m_window->deckList()->currentDeckId(), deckId);
    }

    AddCardDialog *openDialog()
    {
        m_window->openAddCards();
        auto *dialog = m_window->findChild<AddCardDialog *>();
        if (dialog
            && !QTest::qWaitFor([dialog] { return dialog->findChild<QComboBox *>(u"deck"_s)->count() == 3; }))
            return nullptr;
        return dialog;
    }

    // Types a card as a user does: the keys go to whatever has the focus.
    void typeCard(AddCardDialog *dialog, const QString &front, const QString &back)
    {
        QVERIFY(QTest::qWaitForWindowActive(dialog));
        QTRY_COMPARE(QApplication::focusWidget(), dialog->findChild<QWidget *>(u"front"_s));
        QTest::keyClicks(QApplication::focusWidget(), front);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QTest::keyClicks(QApplication::focusWidget(), back);
        const int before = dialog->addedCount();
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return, Qt::ControlModifier);
        QTRY_COMPARE(dialog->addedCount(), before + 1);
    }

private slots:
    void init()
    {
        m_fixture = std::make_unique<testsupport::GuiFixture>();
        m_user = m_fixture->openNewProfile(u"ada"_s).userId;
        m_spanish = m_fixture->backend().decks().create(m_user, u"Spanish"_s)->id;
        m_geography = m_fixture->backend().decks().create(m_user, u"Geography"_s)->id;
        m_window = std::make_unique<MainWindow>(&m_fixture->context(), &m_fixture->profiles(), &m_host);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    }
    void cleanup()
    {
        m_window.reset();
        m_fixture.reset();
    }

    void addCards_followsTheDeckChosenInTheDeckList_notTheLastOneUsed()
    {
        chooseInDeckList(m_spanish);
        AddCardDialog *dialog = openDialog();
        QVERIFY(dialog);
        QCOMPARE(dialog->findChild<QComboBox *>(u"deck"_s)->currentData().toLongLong(), m_spanish);
        typeCard(dialog, u"hola"_s, u"hello"_s);
        dialog->close();
        QTRY_VERIFY(!m_window->findChild<AddCardDialog *>());

        chooseInDeckList(m_geography);
        dialog = openDialog();
        QVERIFY(dialog);
        QCOMPARE(dialog->findChild<QComboBox *>(u"deck"_s)->currentData().toLongLong(), m_geography);
        typeCard(dialog, u"Capital of Peru?"_s, u"Lima"_s);
        QCOMPARE(
            number(u"SELECT did FROM cards c JOIN notes n ON n.id = c.nid WHERE n.flds LIKE 'Capital%'"_s),
            m_geography);
        QCOMPARE(number(u"SELECT did FROM cards c JOIN notes n ON n.id = c.nid WHERE n.flds LIKE 'hola%'"_s),
            m_spanish);
    }

    void addCards_whileStudying_usesTheDeckBeingStudied()
    {
        QVERIFY(m_fixture->backend().cards().add(m_user, {u"perro"_s, u"dog"_s, m_spanish, {}, {}}));
        chooseInDeckList(m_geography);
        m_window->review()->startDeck(m_spanish, u"Spanish"_s);
        m_window->showPage(m_window->review());
        QTRY_COMPARE(m_window->review()->stage(), ReviewView::Stage::Question);
        AddCardDialog *dialog = openDialog();
        QVERIFY(dialog);
        QCOMPARE(dialog->findChild<QComboBox *>(u"deck"_s)->currentData().toLongLong(), m_spanish);
    }

    void addCards_opensWithTheCursorInFront_andSpaceTypesASpace()
    {
        AddCardDialog *dialog = openDialog();
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowActive(dialog));
        QWidget *front = dialog->findChild<QWidget *>(u"front"_s);
        QTRY_COMPARE(QApplication::focusWidget(), front);
        QTest::keyClicks(QApplication::focusWidget(), u"el gato"_s);
        QCOMPARE(front->property("plainText").toString(), u"el gato"_s);
        // Space went into the text: the deck chooser's list never opened.
        QVERIFY(!dialog->findChild<QComboBox *>(u"deck"_s)->view()->isVisible());
    }

    void duplicateFront_isMarkedAndCanStillBeAdded()
    {
        QVERIFY(m_fixture->backend().cards().add(m_user, {u"<b>hola</b>"_s, u"hello"_s, m_spanish, {}, {}}));
        QVERIFY(m_fixture->backend().cards().add(m_user, {u"adiós"_s, u"bye"_s, m_geography, {}, {}}));
        chooseInDeckList(m_spanish);
        AddCardDialog *dialog = openDialog();
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowActive(dialog));
        QTRY_COMPARE(QApplication::focusWidget(), dialog->findChild<QWidget *>(u"front"_s));
        QTest::keyClicks(QApplication::focusWidget(), u"hola"_s);
        QTRY_VERIFY(dialog->isDuplicateShown());
        QVERIFY(dialog->duplicateMessage().contains(u"Spanish"_s));
        // The same front is no duplicate in a deck that does not have it.
        auto *deck = dialog->findChild<QComboBox *>(u"deck"_s);
        deck->setCurrentIndex(deck->findData(m_geography));
        QTRY_VERIFY(!dialog->isDuplicateShown() && !dialog->isChecking());
        deck->setCurrentIndex(deck->findData(m_spanish));
        QTRY_VERIFY(dialog->isDuplicateShown());
        dialog->addCard();
        QTRY_COMPARE(dialog->addedCount(), 1);
        QCOMPARE(number(u"SELECT count(*) FROM cards WHERE did = %1"_s.arg(m_spanish)), qint64(2));
        QTRY_VERIFY(!dialog->isDuplicateShown()); // the fields are empty again
    }
};

QTEST_MAIN(TestAddCards)
#include "tst_addcards.moc"
