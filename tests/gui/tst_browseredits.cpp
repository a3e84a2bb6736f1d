// Issue 15, bug 1: an edit in Browse is never lost. It is saved when another
// row is chosen, when the page is left and when the app quits (Ctrl+Q), with
// the card's version, so a change made elsewhere meanwhile still gives the
// conflict message instead of being overwritten.
#include "guifixture.h"
#include "idleserverhost.h"
#include "mainwindow.h"
#include "models/cardtablemodel.h"
#include "views/browserview.h"
#include "views/cardeditor.h"
#include "views/decklistview.h"

#include <QLabel>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace javumbo;
using namespace javumbo::gui;

class TestBrowserEdits : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<testsupport::GuiFixture> m_fixture;
    testsupport::IdleServerHost m_host;
    std::unique_ptr<MainWindow> m_window;
    qint64 m_user = 0;
    qint64 m_hablar = 0;
    qint64 m_comer = 0;

    qint64 number(const QString &sql) const { return m_fixture->number(m_user, sql); }
    BrowserView *browser() const { return m_window->browser(); }

    // The row of a card as the user sees it, clicked with the mouse.
    void clickRow(qint64 cardId)
    {
        QTableView *table = browser()->table();
        const int row = browser()->model()->rowOf(cardId);
        QVERIFY(row >= 0);
        const QModelIndex index = table->model()->index(static_cast<QSortFilterProxyModel *>(table->model())
                                                            ->mapFromSource(browser()->model()->index(row, 0))
                                                            .row(),
            CardTableModel::FrontColumn);
        table->scrollTo(index);
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(index).center());
    }

    // Replaces the Back as a user does: click into it, select all, type.
    void typeBack(const QString &text)
    {
        auto *back = browser()->findChild<QWidget *>(u"editBack"_s);
        QVERIFY(back);
        QTRY_VERIFY(back->isEnabled());
        back->setFocus();
        QTest::keyClick(back, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(back, text);
        QVERIFY(browser()->editor()->isModified());
    }

    void openOn(qint64 cardId)
    {
        m_window->showPage(browser());
        browser()->search(QString());
        QTRY_VERIFY(!browser()->isLoading());
        QTRY_COMPARE(browser()->model()->rowCount(), 2);
        clickRow(cardId);
        QTRY_COMPARE(browser()->editor()->cardId(), std::optional<qint64>(cardId));
    }

private slots:
    void init()
    {
        m_fixture = std::make_unique<testsupport::GuiFixture>();
        m_user = m_fixture->openNewProfile(u"erin"_s).userId;
        m_hablar = m_fixture->backend().cards().add(m_user, {u"hablar"_s, u"to talk"_s, 1, {}, {}})->cardId;
        m_comer = m_fixture->backend().cards().add(m_user, {u"comer"_s, u"to ea"_s, 1, {}, {}})->cardId;
        m_window = std::make_unique<MainWindow>(&m_fixture->context(), &m_fixture->profiles(), &m_host);
        m_window->resize(1000, 700);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    }
    void cleanup()
    {
        m_window.reset();
        m_fixture.reset();
    }

    void editThenClickAnotherRow_savesTheEdit()
    {
        openOn(m_comer);
        typeBack(u"to eat"_s);
        clickRow(m_hablar);
        QTRY_COMPARE(
            number(u"SELECT count(*) FROM notes WHERE flds = 'comer' || char(31) || 'to eat'"_s), qint64(1));
        QTRY_COMPARE(browser()->editor()->cardId(), std::optional<qint64>(m_hablar));
        QVERIFY(!browser()->editor()->isModified());
    }

    void editThenSwitchTabs_savesTheEdit()
    {
        openOn(m_comer);
        typeBack(u"to eat"_s);
        m_window->showPage(m_window->deckList());
        QTRY_COMPARE(
            number(u"SELECT count(*) FROM notes WHERE flds = 'comer' || char(31) || 'to eat'"_s), qint64(1));
    }

    void editThenQuitWithCtrlQ_savesTheEditThenCloses()
    {
        openOn(m_comer);
        typeBack(u"to eat"_s);
        QTest::keyClick(browser()->findChild<QWidget *>(u"editBack"_s), Qt::Key_Q, Qt::ControlModifier);
        QTRY_COMPARE(
            number(u"SELECT count(*) FROM notes WHERE flds = 'comer' || char(31) || 'to eat'"_s), qint64(1));
        QTRY_VERIFY(!m_window->isVisible());
    }

    void editChangedElsewhere_rowChangeKeepsTheTextAndShowsTheConflict()
    {
        openOn(m_comer);
        typeBack(u"to eat (mine)"_s);
        QVERIFY(m_fixture->backend().cards().update(
            m_user, m_comer, {u"comer"_s, u"to eat (theirs)"_s, {}, {}, {}}));
        clickRow(m_hablar);
        // Not overwritten, not lost: the browser stays on the card with the user's text and says why.
        QTRY_VERIFY(browser()->editor()->hasConflict());
        QCOMPARE(browser()->editor()->cardId(), std::optional<qint64>(m_comer));
        QCOMPARE(browser()->selectedCardId(), std::optional<qint64>(m_comer));
        QCOMPARE(browser()->findChild<QWidget *>(u"editBack"_s)->property("plainText").toString(),
            u"to eat (mine)"_s);
        QCOMPARE(number(u"SELECT count(*) FROM notes WHERE flds LIKE '%(theirs)'"_s), qint64(1));
    }

    void editChangedElsewhere_quitStaysOpenWithTheConflict()
    {
        openOn(m_comer);
        typeBack(u"to eat (mine)"_s);
        QVERIFY(m_fixture->backend().cards().update(
            m_user, m_comer, {u"comer"_s, u"to eat (theirs)"_s, {}, {}, {}}));
        m_window->close();
        QTRY_VERIFY(browser()->editor()->hasConflict());
        QVERIFY(m_window->isVisible());
        QCOMPARE(m_window->currentPage(), browser());
    }
};

QTEST_MAIN(TestBrowserEdits)
#include "tst_browseredits.moc"
