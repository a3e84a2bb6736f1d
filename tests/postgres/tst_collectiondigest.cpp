#include "postgres/collectiondigest.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace javumbo::postgres;

namespace {

const CollectionTable &table(const QString &name)
{
    for (const CollectionTable &candidate : collectionTables()) {
        if (candidate.name == name)
            return candidate;
    }
    qFatal("no table %s", qPrintable(name));
}

QByteArray digestOf(const QString &tableName, const QList<QVariantList> &rows)
{
    CollectionDigest digest;
    digest.beginTable(table(tableName));
    for (const QVariantList &row : rows)
        digest.addRow(row);
    return digest.hex();
}

// A notes row with the given sort field and tags; the rest fixed.
QVariantList note(const QVariant &sortField, const QVariant &tags = u" t "_s)
{
    const QString fields = u"front"_s + QChar(0x1f) + u"back"_s;
    return {qlonglong(1), u"guid"_s, qlonglong(2), qlonglong(3), 0, tags, fields, sortField, qlonglong(4), 0,
        QString()};
}

} // namespace

class TestCollectionDigest : public QObject
{
    Q_OBJECT

private slots:
    // SQLite hands back digits stored in a text column as an integer;
    // PostgreSQL's text column holds the same digits as text: one digest.
    void digitsInATextColumnMatchTheirText()
    {
        QCOMPARE(digestOf(u"notes"_s, {note(qlonglong(42))}), digestOf(u"notes"_s, {note(u"42"_s)}));
        // int (PostgreSQL's integer) and qlonglong (bigint, SQLite) are the same number.
        QCOMPARE(digestOf(u"revlog"_s,
                     {{qlonglong(1), qlonglong(2), 0, 3, qlonglong(4), qlonglong(5), 2500, 6, 1}}),
            digestOf(
                u"revlog"_s, {{qlonglong(1), qlonglong(2), qlonglong(0), qlonglong(3), 4, 5, 2500, 6, 1}}));
    }

    void anyDifferenceChangesIt()
    {
        const QByteArray base = digestOf(u"notes"_s, {note(u"42"_s)});
        QVERIFY(digestOf(u"notes"_s, {note(u"43"_s)}) != base);
        QVERIFY(digestOf(u"notes"_s, {note(u"42"_s, u" u "_s)}) != base);
        QVERIFY(digestOf(u"notes"_s, {note(u"42"_s), note(u"42"_s)}) != base); // a duplicated row
        QVERIFY(digestOf(u"notes"_s, {}) != base);
        // Text in an integer column is not its number: the other backend could not hold it.
        QVERIFY(digestOf(u"revlog"_s, {{u"1"_s, qlonglong(2), 0, 3, qlonglong(4), qlonglong(5), 2500, 6, 1}})
            != digestOf(
                u"revlog"_s, {{qlonglong(1), qlonglong(2), 0, 3, qlonglong(4), qlonglong(5), 2500, 6, 1}}));
        // NULL is not the empty string.
        QVERIFY(digestOf(u"notes"_s, {note(u"42"_s, QVariant())})
            != digestOf(u"notes"_s, {note(u"42"_s, u""_s)}));
    }

    // Length prefixes: moving bytes from one value to the next is a difference.
    void valueBoundariesCount()
    {
        QVERIFY(
            digestOf(u"notes"_s, {note(u"42"_s, u"ab"_s)}) != digestOf(u"notes"_s, {note(u"42a"_s, u"b"_s)}));
    }

    void rowsAreCountedPerTable()
    {
        CollectionDigest digest;
        digest.beginTable(table(u"notes"_s));
        digest.addRow(note(u"x"_s));
        digest.addRow(note(u"y"_s));
        digest.beginTable(table(u"graves"_s));
        QCOMPARE(digest.rowCounts().value(u"notes"_s), 2);
        QCOMPARE(digest.rowCounts().value(u"graves"_s), 0);
    }

    // Every table is keyed by user first in PostgreSQL; "left" is quoted.
    void createStatementsKeyByUser()
    {
        for (const CollectionTable &each : collectionTables()) {
            const QString statement = pgCreateStatement(each);
            QVERIFY2(statement.contains(u"(user_id bigint NOT NULL, "_s), qPrintable(statement));
            if (each.keyIsUnique)
                QVERIFY2(statement.contains(u"PRIMARY KEY (user_id"_s), qPrintable(statement));
        }
        QVERIFY(pgCreateStatement(table(u"cards"_s)).contains(u"\"left\" integer NOT NULL"_s));
        QVERIFY(table(u"cards"_s).columnList().contains(u"\"left\""_s));
    }
};

QTEST_GUILESS_MAIN(TestCollectionDigest)
#include "tst_collectiondigest.moc"
