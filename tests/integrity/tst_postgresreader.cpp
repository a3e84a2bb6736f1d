// The checker's PostgreSQL reader sees exactly what the direct reader sees in
// the same data, once migrated (issue 18; docs/postgresql.md §8).
#include "integrity/directreader.h"
#include "integrity/postgresreader.h"
#include "integrityfixture.h"
#include "pgcluster.h"
#include "services/pgmigration.h"
#include "storage/database.h"

#include <QTest>

#include <set>

using namespace Qt::StringLiterals;
using namespace javumbo;
using namespace javumbo::integrity;
using testsupport::HistoryBuilder;
using testsupport::IntegrityDataDir;
using testsupport::IntegrityUser;

namespace {

// Every field the checker compares, one line per card.
QStringList describe(const CollectionRead &read)
{
    QStringList lines;
    for (const CardRow &row : read.cards)
        lines << u"%1 %2 %3 %4 [%5] [%6] [%7] %8 %9"_s.arg(row.cardId)
                     .arg(row.noteId)
                     .arg(row.deckId)
                     .arg(row.deckName, row.front, row.back, row.tag)
                     .arg(row.reps)
                     .arg(row.hasNote);
    QList<qint64> revlogCards = read.revlogRows.keys();
    std::sort(revlogCards.begin(), revlogCards.end());
    for (qint64 card : revlogCards)
        lines << u"revlog %1: %2"_s.arg(card).arg(read.revlogRows.value(card));
    lines << u"cursor %1 revlog %2"_s.arg(read.cursor).arg(read.hasRevlog);
    return lines;
}

} // namespace

class TestPostgresReader : public QObject
{
    Q_OBJECT
private:
    testsupport::PgCluster m_cluster;

private slots:
    void initTestCase() { QVERIFY2(m_cluster.start(), qPrintable(m_cluster.error())); }

    void bothReadersSeeTheSameCollections()
    {
        IntegrityDataDir data;
        const IntegrityUser alice = data.addUser(u"alice"_s);
        const IntegrityUser bob = data.addUser(u"bob"_s);
        QList<qint64> aliceCards;
        for (int i = 0; i < 3; ++i)
            aliceCards << data.addCard(alice, HistoryBuilder::front(alice, u"a%1"_s.arg(i)),
                                  HistoryBuilder::back(u"a%1"_s.arg(i)))
                              .cardId;
        const qint64 verbs = data.createDeck(alice, u"Verbs"_s);
        aliceCards << data.addCard(alice, HistoryBuilder::front(alice, u"v"_s), HistoryBuilder::back(u"v"_s),
                              verbs)
                          .cardId;
        data.answer(alice, aliceCards[0]);
        data.answer(alice, aliceCards[0]);
        data.answer(alice, aliceCards[3]);
        const qint64 bobCard = data.addCard(bob, u"plain"_s, u"no marker"_s).cardId;
        const qint64 orphan
            = data.addCard(bob, HistoryBuilder::front(bob, u"o"_s), HistoryBuilder::back(u"o"_s)).cardId;
        // Damage the checker must see on both paths: a card whose note is gone.
        testsupport::execSql(data.collectionPath(bob),
            {u"DELETE FROM notes WHERE id = (SELECT nid FROM cards WHERE id = %1)"_s.arg(orphan)});
        storage::Database::closeAllOnThisThread();

        const QString database = m_cluster.createDatabase();
        QVERIFY(!database.isEmpty());
        auto target = postgres::PgConnectionString::parse(m_cluster.connectionString(database));
        QVERIFY(target.ok());
        {
            postgres::PgDatabase pg(target.value());
            auto migrated = PgMigration::toPostgres(data.dataDir(), pg);
            QVERIFY2(migrated.ok(), qPrintable(migrated.ok() ? QString() : migrated.error().message));
        }

        DirectReader direct(data.dataDir());
        PostgresReader postgres(target.value());
        QCOMPARE(postgres.name(), u"postgres"_s);
        for (const IntegrityUser &user : {alice, bob}) {
            TestAccount account {user.username, user.password, user.email, 0, {}};
            QCOMPARE(postgres.resolveUserId(account).value(), user.id);
            QCOMPARE(direct.resolveUserId(account).value(), user.id);
            account.userId = user.id;
            for (bool full : {true, false}) {
                auto fromFiles = direct.read(account, 0, full);
                auto fromPostgres = postgres.read(account, 0, full);
                QVERIFY2(fromPostgres.ok(),
                    qPrintable(fromPostgres.ok() ? QString() : fromPostgres.error().message));
                QCOMPARE(describe(fromPostgres.value()), describe(fromFiles.value()));
            }
            // Incremental: only cards after the cursor.
            const qint64 cursor = user.id == alice.id ? aliceCards[1] : bobCard;
            QCOMPARE(describe(postgres.read(account, cursor, false).value()),
                describe(direct.read(account, cursor, false).value()));
        }
        // What the comparison rests on, stated once: alice's answers, bob's orphan, the deck name.
        TestAccount aliceAccount {alice.username, alice.password, alice.email, alice.id, {}};
        const CollectionRead aliceRead = postgres.read(aliceAccount, 0, true).value();
        QCOMPARE(aliceRead.cards.size(), 4);
        QCOMPARE(aliceRead.revlogRows.value(aliceCards[0]), 2);
        QCOMPARE(aliceRead.cards.last().deckName, u"Verbs"_s);
        QCOMPARE(aliceRead.cards.first().tag, u"a0"_s);
        TestAccount bobAccount {bob.username, bob.password, bob.email, bob.id, {}};
        const CollectionRead bobRead = postgres.read(bobAccount, 0, true).value();
        QCOMPARE(bobRead.cards.size(), 2);
        QVERIFY(!bobRead.cards.last().hasNote);
        std::set<qint64> bobIds;
        for (const CardRow &row : bobRead.cards)
            bobIds.insert(row.cardId);
        for (qint64 id : aliceCards)
            QVERIFY(!bobIds.count(id)); // only the user's own rows

        QCOMPARE(postgres.resolveUserId({u"nobody"_s, {}, {}, 0, {}}).code(), ErrorCode::UserNotFound);
    }

    void anUnreachableServerIsUnavailable()
    {
        auto target = postgres::PgConnectionString::parse(u"host=/nonexistent dbname=x connect_timeout=2"_s);
        QVERIFY(target.ok());
        PostgresReader reader(target.value());
        QCOMPARE(reader.read({u"alice"_s, {}, {}, 1, {}}, 0, true).code(), ErrorCode::StorageUnavailable);
        QCOMPARE(reader.resolveUserId({u"alice"_s, {}, {}, 0, {}}).code(), ErrorCode::StorageUnavailable);
    }
};

QTEST_GUILESS_MAIN(TestPostgresReader)
#include "tst_postgresreader.moc"
