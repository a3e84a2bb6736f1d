// Opens a collection written by Javumbo with the sqlite3 command-line shell:
// another SQLite implementation must find it intact and in Anki's schema 11.
#include "testsupport.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace javumbo;

class TestSqliteShell : public QObject
{
    Q_OBJECT
private:
    static QString shell(const QString &path, const QString &sql)
    {
        QProcess process;
        process.start(u"sqlite3"_s, {u"-batch"_s, path, sql});
        if (!process.waitForFinished(30000) || process.exitCode() != 0)
            return u"sqlite3 failed: "_s % QString::fromUtf8(process.readAllStandardError());
        return QString::fromUtf8(process.readAllStandardOutput()).trimmed();
    }

private slots:
    void initTestCase()
    {
        testsupport::enterTestMode();
        QVERIFY2(!QStandardPaths::findExecutable(u"sqlite3"_s).isEmpty(),
            "the sqlite3 shell (Debian package sqlite3) is required");
    }

    void collectionWrittenByJavumbo_passesIntegrityCheckInTheShell()
    {
        testsupport::CollectionFixture fixture;
        const qint64 deck = fixture.collection().createDeck(u"Shell::Check"_s)->id;
        for (int i = 0; i < 50; ++i) {
            const auto card = fixture.addCard(u"q%1 <b>ü</b>"_s.arg(i), u"a"_s, i % 2 ? deck : 1);
            QVERIFY(fixture.collection().answer({card.cardId, 1 + i % 4, 1000, {}}));
        }
        QVERIFY(fixture.collection().deleteCard(
            fixture.collection().findCards({std::nullopt, u"q7"_s, 1, 0})->cards.first().cardId));
        const QString path = fixture.path();
        QCOMPARE(shell(path, u"PRAGMA integrity_check;"_s), u"ok"_s);
        QCOMPARE(shell(path, u"PRAGMA journal_mode;"_s), u"wal"_s);
        QCOMPARE(shell(path, u"SELECT ver FROM col;"_s), u"11"_s);
        QCOMPARE(shell(path, u"SELECT count(*) FROM cards;"_s), u"49"_s);
        QCOMPARE(shell(path, u"SELECT count(*) FROM revlog;"_s), u"50"_s);
        QCOMPARE(shell(path, u"SELECT count(*) FROM graves;"_s), u"2"_s);
        QCOMPARE(shell(path,
                     u"SELECT count(*) FROM cards c LEFT JOIN notes n ON n.id = c.nid WHERE n.id IS NULL;"_s),
            u"0"_s);
        QCOMPARE(
            shell(path,
                u"SELECT json_valid(conf) AND json_valid(models) AND json_valid(decks) AND json_valid(dconf) FROM col;"_s),
            u"1"_s);
        const QString schema = shell(path, u".schema cards"_s);
        QVERIFY2(schema.contains(u"CREATE TABLE cards (id integer PRIMARY KEY, nid integer NOT NULL"_s),
            qPrintable(schema));
        QVERIFY(schema.contains(u"CREATE INDEX ix_cards_sched ON cards (did, queue, due)"_s));
        // Anki's five tables plus the server's undo log (docs/scheduling.md §9.6).
        QStringList tables = shell(path, u".tables"_s).simplified().split(u' ');
        tables.sort();
        QCOMPARE(tables.join(u' '), u"cards col graves javumbo_undo notes revlog"_s);
    }
};

QTEST_GUILESS_MAIN(TestSqliteShell)
#include "tst_sqliteshell.moc"
