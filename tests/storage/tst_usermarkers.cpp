// The user markers of collection statements (storage/usermarkers.h): dropped
// for a user's own SQLite file, expanded to the user filter on PostgreSQL,
// with the user's id slotted among the caller's own parameters.

#include "storage/usermarkers.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace javumbo::storage;

class TestUserMarkers : public QObject
{
    Q_OBJECT

private slots:
    void markers_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("sqlite");
        QTest::addColumn<QString>("postgres");
        QTest::addColumn<QList<bool>>("expectedSlots");

        QTest::newRow("no marker") << u"SELECT 1 WHERE a = ?"_s << u"SELECT 1 WHERE a = ?"_s
                                   << u"SELECT 1 WHERE a = ?"_s << QList<bool> {false};
        QTest::newRow("plain") << u"UPDATE cards SET due = ? WHERE $user() id = ?"_s
                               << u"UPDATE cards SET due = ? WHERE id = ?"_s
                               << u"UPDATE cards SET due = ? WHERE user_id = ? AND id = ?"_s
                               << QList<bool> {false, true, false};
        QTest::newRow("aliases in a join")
            << u"SELECT c.id FROM cards c JOIN notes n ON $user(n) n.id = c.nid WHERE $user(c) c.did = ?"_s
            << u"SELECT c.id FROM cards c JOIN notes n ON n.id = c.nid WHERE c.did = ?"_s
            << u"SELECT c.id FROM cards c JOIN notes n ON n.user_id = ? AND n.id = c.nid WHERE c.user_id = ? AND c.did = ?"_s
            << QList<bool> {true, true, false};
        QTest::newRow("insert") << u"INSERT INTO notes ($userColumn id, guid) VALUES ($userValue ?, ?)"_s
                                << u"INSERT INTO notes (id, guid) VALUES (?, ?)"_s
                                << u"INSERT INTO notes (user_id, id, guid) VALUES (?, ?, ?)"_s
                                << QList<bool> {true, false, false};
        QTest::newRow("no condition after the filter")
            << u"SELECT count(*) FROM cards WHERE $user() TRUE"_s
            << u"SELECT count(*) FROM cards WHERE TRUE"_s
            << u"SELECT count(*) FROM cards WHERE user_id = ? AND TRUE"_s << QList<bool> {true};
        QTest::newRow("quoted text is left alone")
            << u"SELECT '$user() ?' FROM col WHERE $user() \"left\" = ?"_s
            << u"SELECT '$user() ?' FROM col WHERE \"left\" = ?"_s
            << u"SELECT '$user() ?' FROM col WHERE user_id = ? AND \"left\" = ?"_s
            << QList<bool> {true, false};
        QTest::newRow("an unknown marker is kept for the parser to name")
            << u"SELECT $users FROM col"_s << u"SELECT $users FROM col"_s << u"SELECT $users FROM col"_s
            << QList<bool> {};
    }

    void markers()
    {
        QFETCH(QString, sql);
        QFETCH(QString, sqlite);
        QFETCH(QString, postgres);
        QFETCH(QList<bool>, expectedSlots);

        const MarkedSql dropped = applyUserMarkers(sql, UserFilter::Dropped);
        QCOMPARE(dropped.sql, sqlite);
        QCOMPARE(dropped.userSlots.count(true), 0);
        QCOMPARE(dropped.userSlots.size(), expectedSlots.count(false));

        const MarkedSql expanded = applyUserMarkers(sql, UserFilter::Expanded);
        QCOMPARE(expanded.sql, postgres);
        QCOMPARE(expanded.userSlots, expectedSlots);
    }
};

QTEST_GUILESS_MAIN(TestUserMarkers)
#include "tst_usermarkers.moc"
