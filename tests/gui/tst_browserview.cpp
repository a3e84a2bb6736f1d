#include "guifixture.h"
#include "models/cardtablemodel.h"
#include "testsupport.h"
#include "views/browserview.h"
#include "views/cardeditor.h"

#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QTest>

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
        auto *suspend = m_browser->findChild<QPushButton *>(u"suspendCard"_s);
        QCOMPARE(suspend->text(), u"Suspend"_s);
        QTest::mouseClick(suspend, Qt::LeftButton);
        QTRY_COMPARE(
            number(u"SELECT queue FROM cards c JOIN notes n ON n.id = c.nid WHERE n.flds LIKE 'la casa%'"_s),
            qint64(-1));
        QTRY_COMPARE(suspend->text(), u"Unsuspend"_s);
        searchFor(u"is:suspended"_s, 1);

        QTRY_VERIFY(m_browser->selectedCardId().has_value());
        QTest::mouseClick(suspend, Qt::LeftButton);
        QTRY_COMPARE(
            number(u"SELECT queue FROM cards c JOIN notes n ON n.id = c.nid WHERE n.flds LIKE 'la casa%'"_s),
            qint64(0));
    }

    void editAndSave_writesTheCard()
    {
        searchFor(u"comer"_s, 1);
        QTRY_VERIFY(m_browser->editor()->cardId().has_value());
        m_browser->findChild<QPlainTextEdit *>(u"editBack"_s)->setPlainText(u"to eat"_s);
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
        auto *front = m_browser->findChild<QPlainTextEdit *>(u"editFront"_s);
        front->setPlainText(u"hablar (my edit)"_s);
        // Meanwhile the same card changes elsewhere (the server, another window).
        QVERIFY(m_fixture->backend().cards().update(
            m_user, cardId, {u"hablar (their edit)"_s, u"to talk"_s, {}, {}, {}}));

        QTest::mouseClick(m_browser->findChild<QPushButton *>(u"saveCard"_s), Qt::LeftButton);
        QTRY_VERIFY(m_browser->editor()->hasConflict());
        QVERIFY(m_browser->editor()->conflictMessage().contains(u"changed elsewhere"_s));
        QVERIFY(m_browser->findChild<QWidget *>(u"conflictBanner"_s)->isVisible());
        QCOMPARE(front->toPlainText(), u"hablar (my edit)"_s); // nothing lost
        QCOMPARE(number(u"SELECT count(*) FROM notes WHERE flds LIKE 'hablar (their edit)%'"_s), qint64(1));

        QTest::mouseClick(m_browser->findChild<QPushButton *>(u"reloadCard"_s), Qt::LeftButton);
        QTRY_COMPARE(front->toPlainText(), u"hablar (their edit)"_s);
        QVERIFY(!m_browser->editor()->hasConflict());
    }

    void staleEdit_saveMineAnyway_writesTheUsersText()
    {
        searchFor(u"hablar"_s, 1);
        QTRY_VERIFY(m_browser->editor()->cardId().has_value());
        const qint64 cardId = *m_browser->editor()->cardId();
        m_browser->findChild<QPlainTextEdit *>(u"editFront"_s)->setPlainText(u"hablar (mine)"_s);
        QVERIFY(
            m_fixture->backend().cards().update(m_user, cardId, {u"hablar (theirs)"_s, u"x"_s, {}, {}, {}}));
        QTest::mouseClick(m_browser->findChild<QPushButton *>(u"saveCard"_s), Qt::LeftButton);
        QTRY_VERIFY(m_browser->editor()->hasConflict());
        QTest::mouseClick(m_browser->findChild<QPushButton *>(u"overwriteCard"_s), Qt::LeftButton);
        QTRY_COMPARE(number(u"SELECT count(*) FROM notes WHERE flds LIKE 'hablar (mine)%'"_s), qint64(1));
        QVERIFY(!m_browser->editor()->hasConflict());
    }
};

QTEST_MAIN(TestBrowserView)
#include "tst_browserview.moc"
