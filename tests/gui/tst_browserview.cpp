#include "dialogs/cardinfodialog.h"
#include "guifixture.h"
#include "models/cardtablemodel.h"
#include "searchcases.h"
#include "testsupport.h"
#include "views/browseractions.h"
#include "views/browsersidebar.h"
#include "views/browserview.h"
#include "views/cardeditor.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace javumbo;
using namespace javumbo::gui;

class TestBrowserView : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<testsupport::GuiFixture> m_fixture;
    std::unique_ptr<BrowserView> m_browser;
    qint64 m_user = 0;
    qint64 m_geography = 0;

    qint64 number(const QString &sql) const { return m_fixture->number(m_user, sql); }
    qint64 addCard(const QString &front, qint64 deckId, const QStringList &tags)
    {
        auto card
            = m_fixture->backend().cards().add(m_user, {front, u"back of "_s + front, deckId, tags, {}});
        return card ? card->cardId : 0;
    }
    void searchFor(const QString &query, int expectedRows)
    {
        m_browser->search(query);
        QTRY_VERIFY(!m_browser->isLoading());
        QTRY_COMPARE(m_browser->model()->rowCount(), expectedRows);
    }

private slots:
    void init()
    {
        m_fixture = std::make_unique<testsupport::GuiFixture>();
        m_user = m_fixture->openNewProfile(u"erin"_s).userId;
        auto deck = m_fixture->backend().decks().create(m_user, u"Geography"_s);
        QVERIFY(deck);
        m_geography = deck->id;
        addCard(u"hablar"_s, 1, {u"verbs"_s});
        addCard(u"comer"_s, 1, {u"verbs"_s});
        addCard(u"la casa"_s, 1, {u"nouns"_s});
        addCard(u"Capital of Peru?"_s, m_geography, {});
        m_browser = std::make_unique<BrowserView>(&m_fixture->context());
        m_browser->resize(900, 600);
        m_browser->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_browser.get()));
    }
    void cleanup()
    {
        m_browser.reset();
        m_fixture.reset();
    }

    void search_filtersByTextDeckTagAndState_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<int>("rows");
        QTest::newRow("everything") << QString() << 4;
        QTest::newRow("text") << u"casa"_s << 1;
        QTest::newRow("deck") << u"deck:Geography"_s << 1;
        QTest::newRow("tag") << u"tag:verbs"_s << 2;
        QTest::newRow("negated tag") << u"-tag:verbs"_s << 2;
        QTest::newRow("new") << u"is:new"_s << 4;
        QTest::newRow("due") << u"is:due"_s << 0;
    }
    void search_filtersByTextDeckTagAndState()
    {
        QFETCH(QString, query);
        QFETCH(int, rows);
        searchFor(query, rows);
    }

    void table_sortsByColumn()
    {
        searchFor(u"tag:verbs"_s, 2);
        QTableView *table = m_browser->table();
        table->sortByColumn(CardTableModel::FrontColumn, Qt::AscendingOrder);
        QCOMPARE(table->model()->index(0, CardTableModel::FrontColumn).data().toString(), u"comer"_s);
        table->sortByColumn(CardTableModel::FrontColumn, Qt::DescendingOrder);
        QCOMPARE(table->model()->index(0, CardTableModel::FrontColumn).data().toString(), u"hablar"_s);
    }

    void suspendAndUnsuspend_changeTheQueueAndTheSearchSeesIt()
    {
        searchFor(u"casa"_s, 1);
        QTRY_VERIFY(m_browser->selectedCardId().has_value());
        QAction *suspend = m_browser->cardActions()->suspendAction();
        QCOMPARE(suspend->text(), u"Suspend"_s);
        suspend->trigger();
        QTRY_COMPARE(
            number(u"SELECT queue FROM cards c JOIN notes n ON n.id = c.nid WHERE n.flds LIKE 'la casa%'"_s),
            qint64(-1));
        QTRY_COMPARE(suspend->text(), u"Unsuspend"_s);
        searchFor(u"is:suspended"_s, 1);

        QTRY_VERIFY(m_browser->selectedCardId().has_value());
        QTRY_VERIFY(suspend->isEnabled());
        suspend->trigger();
        QTRY_COMPARE(
            number(u"SELECT queue FROM cards c JOIN notes n ON n.id = c.nid WHERE n.flds LIKE 'la casa%'"_s),
            qint64(0));
    }

    void editAndSave_writesTheCard()
    {
        searchFor(u"comer"_s, 1);
        QTRY_VERIFY(m_browser->editor()->cardId().has_value());
        m_browser->findChild<QWidget *>(u"editBack"_s)->setProperty("plainText", u"to eat"_s);
        QTest::mouseClick(m_browser->findChild<QPushButton *>(u"saveCard"_s), Qt::LeftButton);
        QTRY_COMPARE(
            number(u"SELECT count(*) FROM notes WHERE flds = 'comer' || char(31) || 'to eat'"_s), qint64(1));
        QVERIFY(!m_browser->editor()->hasConflict());
    }

    void staleEdit_saysSoKeepsTheTextAndOffersReload()
    {
        searchFor(u"hablar"_s, 1);
        QTRY_VERIFY(m_browser->editor()->cardId().has_value());
        const qint64 cardId = *m_browser->editor()->cardId();
        auto *front = m_browser->findChild<QWidget *>(u"editFront"_s);
        front->setProperty("plainText", u"hablar (my edit)"_s);
        // Meanwhile the same card changes elsewhere (the server, another window).
        QVERIFY(m_fixture->backend().cards().update(
            m_user, cardId, {u"hablar (their edit)"_s, u"to talk"_s, {}, {}, {}}));

        QTest::mouseClick(m_browser->findChild<QPushButton *>(u"saveCard"_s), Qt::LeftButton);
        QTRY_VERIFY(m_browser->editor()->hasConflict());
        QVERIFY(m_browser->editor()->conflictMessage().contains(u"changed elsewhere"_s));
        QVERIFY(m_browser->findChild<QWidget *>(u"conflictBanner"_s)->isVisible());
        QCOMPARE(front->property("plainText").toString(), u"hablar (my edit)"_s); // nothing lost
        QCOMPARE(number(u"SELECT count(*) FROM notes WHERE flds LIKE 'hablar (their edit)%'"_s), qint64(1));

        QTest::mouseClick(m_browser->findChild<QPushButton *>(u"reloadCard"_s), Qt::LeftButton);
        QTRY_COMPARE(front->property("plainText").toString(), u"hablar (their edit)"_s);
        QVERIFY(!m_browser->editor()->hasConflict());
    }

    void staleEdit_saveMineAnyway_writesTheUsersText()
    {
        searchFor(u"hablar"_s, 1);
        QTRY_VERIFY(m_browser->editor()->cardId().has_value());
        const qint64 cardId = *m_browser->editor()->cardId();
        m_browser->findChild<QWidget *>(u"editFront"_s)->setProperty("plainText", u"hablar (mine)"_s);
        QVERIFY(
            m_fixture->backend().cards().update(m_user, cardId, {u"hablar (theirs)"_s, u"x"_s, {}, {}, {}}));
        QTest::mouseClick(m_browser->findChild<QPushButton *>(u"saveCard"_s), Qt::LeftButton);
        QTRY_VERIFY(m_browser->editor()->hasConflict());
        QTest::mouseClick(m_browser->findChild<QPushButton *>(u"overwriteCard"_s), Qt::LeftButton);
        QTRY_COMPARE(number(u"SELECT count(*) FROM notes WHERE flds LIKE 'hablar (mine)%'"_s), qint64(1));
        QVERIFY(!m_browser->editor()->hasConflict());
    }

    // Issue 15, bug 7: a search the collection cannot run is an error under the search box, not "0 cards".
    // The rows are the search syntax's own invalid cases (tests/support/searchcases), as the core and the API
    // test them.
    void unreadableSearch_saysWhyUnderTheSearchBox_data() { testsupport::searchcases::addInvalidRows(); }
    void unreadableSearch_saysWhyUnderTheSearchBox()
    {
        QFETCH(QString, query);
        QFETCH(QString, invalidTerm);
        m_browser->search(query);
        QTRY_VERIFY(!m_browser->isLoading());
        QTRY_VERIFY(!m_browser->searchError().isEmpty());
        QVERIFY2(m_browser->searchError().contains(invalidTerm), qPrintable(m_browser->searchError()));
        auto *error = m_browser->findChild<QLabel *>(u"searchError"_s);
        QVERIFY(error->isVisible());
        // Right under the search box, where the eye is.
        const QWidget *field = m_browser->searchField();
        QVERIFY(error->mapTo(m_browser.get(), QPoint(0, 0)).y()
            >= field->mapTo(m_browser.get(), QPoint(0, field->height())).y());
        QVERIFY(error->mapTo(m_browser.get(), QPoint(0, 0)).y()
                - field->mapTo(m_browser.get(), QPoint(0, field->height())).y()
            < 20);
        QCOMPARE(m_browser->model()->rowCount(), 0);
        for (const QLabel *label : m_browser->findChildren<QLabel *>())
            QVERIFY2(!label->text().contains(u"0 cards"_s), qPrintable(label->text()));
        // A search that works clears it.
        searchFor(u"casa"_s, 1);
        QVERIFY(m_browser->searchError().isEmpty());
        QVERIFY(!error->isVisible());
    }

    void severalCards_changeDeckTagsSuspendAndDelete_eachUndoneInOneStep()
    {
        searchFor(u"tag:verbs"_s, 2); // hablar, comer
        m_browser->table()->selectAll();
        QCOMPARE(m_browser->selectedCardIds().size(), 2);
        BrowserActions *actions = m_browser->cardActions();
        const QString before = testsupport::queryColumn(m_fixture->collectionPath(m_user),
            u"SELECT group_concat(row, ',') FROM (SELECT id||did||queue||mod||flags AS row FROM cards ORDER BY id)"_s)
                                   .value(0);

        actions->changeDeckTo(m_geography);
        QTRY_COMPARE(number(u"SELECT count(*) FROM cards WHERE did = %1"_s.arg(m_geography)), qint64(3));
        QTRY_VERIFY(!actions->isBusy());
        QVERIFY(actions->undoAction()->text().contains(u"Change Deck"_s));
        searchFor(u"tag:verbs"_s, 2);
        m_browser->table()->selectAll();
        actions->addTags({u"chapter1"_s});
        QTRY_COMPARE(number(u"SELECT count(*) FROM notes WHERE tags LIKE '% chapter1 %'"_s), qint64(2));
        QTRY_VERIFY(!actions->isBusy());
        searchFor(u"tag:verbs"_s, 2);
        m_browser->table()->selectAll();
        actions->toggleSuspended();
        QTRY_COMPARE(number(u"SELECT count(*) FROM cards WHERE queue = -1"_s), qint64(2));
        QTRY_VERIFY(!actions->isBusy());
        searchFor(u"tag:verbs"_s, 2);
        m_browser->table()->selectAll();
        actions->deleteCards();
        QTRY_COMPARE(number(u"SELECT count(*) FROM cards"_s), qint64(2));
        QTRY_VERIFY(!actions->isBusy());
        QCOMPARE(actions->undoDepth(), 4);

        // Ctrl+Z in the browser: each step comes back whole, newest first.
        m_browser->table()->setFocus();
        QTest::keyClick(m_browser->table(), Qt::Key_Z, Qt::ControlModifier);
        QTRY_COMPARE(number(u"SELECT count(*) FROM cards"_s), qint64(4));
        QTRY_VERIFY(!actions->isBusy());
        QCOMPARE(number(u"SELECT count(*) FROM graves"_s), qint64(0));
        actions->undo();
        QTRY_COMPARE(number(u"SELECT count(*) FROM cards WHERE queue = -1"_s), qint64(0));
        QTRY_VERIFY(!actions->isBusy());
        actions->undo();
        QTRY_COMPARE(number(u"SELECT count(*) FROM notes WHERE tags LIKE '% chapter1 %'"_s), qint64(0));
        QTRY_VERIFY(!actions->isBusy());
        actions->undo();
        QTRY_COMPARE(number(u"SELECT count(*) FROM cards WHERE did = %1"_s.arg(m_geography)), qint64(1));
        QTRY_VERIFY(!actions->isBusy());
        QCOMPARE(
            testsupport::queryColumn(m_fixture->collectionPath(m_user),
                u"SELECT group_concat(row, ',') FROM (SELECT id||did||queue||mod||flags AS row FROM cards ORDER BY id)"_s)
                .value(0),
            before);
        QVERIFY(!actions->undoAction()->isEnabled());
    }

    void sidebar_decksAndTagsSearch()
    {
        searchFor(QString(), 4);
        BrowserSidebar *sidebar = m_browser->sidebar();
        QTRY_VERIFY(sidebar->itemForSearch(u"deck:Geography"_s));
        QVERIFY(sidebar->itemForSearch(u"tag:nouns"_s));
        emit sidebar->itemClicked(sidebar->itemForSearch(u"tag:verbs"_s), 0);
        QCOMPARE(m_browser->searchField()->text(), u"tag:verbs"_s);
        QTRY_COMPARE(m_browser->model()->rowCount(), 2);
        emit sidebar->itemClicked(sidebar->itemForSearch(u"deck:Geography"_s), 0);
        QTRY_COMPARE(m_browser->model()->rowCount(), 1);
    }

    void cardInfo_listsTheRevlogRows()
    {
        searchFor(u"casa"_s, 1);
        const qint64 cardId = *m_browser->selectedCardId();
        QVERIFY(m_fixture->backend().reviews().answer(m_user, {cardId, 3, 4200, {}}));
        m_fixture->clock().advanceMs(60000);
        QVERIFY(m_fixture->backend().reviews().answer(m_user, {cardId, 1, 2100, {}}));
        m_browser->cardActions()->infoAction()->trigger();
        CardInfoDialog *info = nullptr;
        QTRY_VERIFY((info = m_browser->findChild<CardInfoDialog *>()) && info->isLoaded());
        QCOMPARE(info->reviewTable()->rowCount(), 2);
        QCOMPARE(info->reviewTable()->item(0, 2)->text(), u"Again"_s); // newest first
        QCOMPARE(info->reviewTable()->item(1, 2)->text(), u"Good"_s);
        QCOMPARE(info->reviewTable()->item(1, 5)->text(), u"4.2 s"_s);
        info->close();
    }
};

QTEST_MAIN(TestBrowserView)
#include "tst_browserview.moc"
