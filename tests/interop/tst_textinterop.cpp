// CSV/TSV files as Anki reads and writes them (docs/scheduling.md §11): header
// lines, quoting, a BOM, #html:false escaping, and Javumbo's export read back
// as updates of the same notes.
#include "interopfixture.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace javumbo;
using namespace javumbo::testsupport;

class TestTextInterop : public QObject
{
    Q_OBJECT

private slots:
    void headersQuotingBomAndPlainText()
    {
        InteropFixture f;
        const QByteArray csv = "\xEF\xBB\xBF"
                               "#separator:Comma\n"
                               "#html:false\n"
                               "# a comment line\n"
                               "#tags:imported csv\n"
                               "#deck:Spanish::Verbs\n"
                               "\"<b>ser</b>, to be\",\"line one\nline \"\"two\"\"\"\n"
                               "estar,to be (state)\n"
                               "\n"
                               "tener,to have\n";
        auto summary = f.interop().importText(f.userId(), csv, {});
        QVERIFY2(summary.ok(), summary.ok() ? "" : qPrintable(summary.error().message));
        QCOMPARE(summary->notesAdded, 3);
        QCOMPARE(summary->cardsAdded, 3);
        QCOMPARE(summary->decksCreated, 2);
        QCOMPARE(f.column(u"SELECT flds FROM notes ORDER BY id"_s),
            (QStringList {u"&lt;b&gt;ser&lt;/b&gt;, to be\x1fline one<br>line &quot;two&quot;"_s,
                u"estar\x1fto be (state)"_s, u"tener\x1fto have"_s}));
        QCOMPARE(f.column(u"SELECT DISTINCT tags FROM notes"_s), QStringList {u" imported csv "_s});
        QCOMPARE(f.count(u"SELECT count(DISTINCT did) FROM cards"_s), 1);
        QCOMPARE(f.column(u"SELECT DISTINCT due FROM cards ORDER BY due"_s),
            (QStringList {u"1"_s, u"2"_s, u"3"_s}));
        // Line numbers only key the file's rows: notes get fresh ids from the clock (§9), as cards do.
        const qint64 now = f.clock.nowMs();
        QCOMPARE(f.column(u"SELECT id FROM notes ORDER BY id"_s),
            (QStringList {QString::number(now), QString::number(now + 1), QString::number(now + 2)}));
        QCOMPARE(f.count(u"SELECT min(id) FROM cards"_s), now);
    }

    // A large file stays linear: every id is fresh, none is taken twice.
    void manyRows_freshIdsWithoutCollisions()
    {
        InteropFixture f;
        QByteArray tsv = "#separator:tab\n";
        constexpr int kRows = 30000;
        for (int i = 0; i < kRows; ++i)
            tsv += "row " + QByteArray::number(i) + "\tback\n";
        auto summary = f.interop().importText(f.userId(), tsv, {});
        QVERIFY(summary.ok());
        QCOMPARE(summary->notesAdded, kRows);
        const qint64 now = f.clock.nowMs();
        QCOMPARE(f.count(u"SELECT max(id) - min(id) + 1 FROM notes"_s), kRows);
        QCOMPARE(f.count(u"SELECT min(id) FROM notes"_s), now);
        QCOMPARE(f.count(u"SELECT count(DISTINCT id) FROM cards"_s), kRows);
        // Again, all unchanged; then the same rows once more with a second file's new rows mixed in.
        auto again = f.interop().importText(f.userId(), tsv + "one more\tback\n", {});
        QVERIFY(again.ok());
        QCOMPARE(again->notesUnchanged, kRows);
        QCOMPARE(again->notesAdded, 1);
        QCOMPARE(f.count(u"SELECT max(id) FROM notes"_s), now + kRows);
    }

    void htmlTrue_keepsMarkup_tabSeparated_guessed()
    {
        InteropFixture f;
        auto summary
            = f.interop().importText(f.userId(), "#html:true\n<b>bold</b>\t<i>it</i>\ttag1 tag2\n", {});
        QVERIFY(summary.ok());
        QCOMPARE(f.column(u"SELECT flds FROM notes"_s), QStringList {u"<b>bold</b>\x1f<i>it</i>"_s});
        QCOMPARE(f.column(u"SELECT tags FROM notes"_s), QStringList {u" tag1 tag2 "_s});
    }

    void exportedText_hasAnkisHeader_andReimportsAsUpdates()
    {
        InteropFixture f;
        QVERIFY(f.collection()
                    .addCard(collection::NewCard {u"a\ttab \"q\""_s, u"<b>b</b>"_s, 1, {u"t1"_s}, {}})
                    .ok());
        QVERIFY(
            f.collection().addCard(collection::NewCard {u"#hash first"_s, u"line\nbreak"_s, 1, {}, {}}).ok());
        auto text = f.interop().exportText(f.userId(), std::nullopt);
        QVERIFY(text.ok());
        const QStringList lines = QString::fromUtf8(text.value()).split(u'\n');
        QCOMPARE(lines.mid(0, 6),
            (QStringList {u"#separator:tab"_s, u"#html:true"_s, u"#guid column:1"_s, u"#notetype column:2"_s,
                u"#deck column:3"_s, u"#tags column:6"_s}));
        auto again = f.interop().importText(f.userId(), text.value(), {});
        QVERIFY(again.ok());
        QCOMPARE(again->notesAdded, 0);
        QCOMPARE(again->notesUnchanged, 2);
        QCOMPARE(f.count(u"SELECT count(*) FROM notes"_s), 2);

        // An edit in the file is an update of the same note (matched by guid).
        QByteArray edited = text.value();
        edited.replace("<b>b</b>", "<b>changed</b>");
        auto updated = f.interop().importText(f.userId(), edited, {});
        QVERIFY(updated.ok());
        QCOMPARE(updated->notesUpdated, 1);
        QCOMPARE(f.count(u"SELECT count(*) FROM notes WHERE flds LIKE '%changed%'"_s), 1);
        QCOMPARE(f.count(u"SELECT count(*) FROM notes"_s), 2);
    }

    void withoutGuid_firstFieldMatches()
    {
        InteropFixture f;
        QVERIFY(f.collection().addCard(collection::NewCard {u"perro"_s, u"dog"_s, 1, {u"kept"_s}, {}}).ok());
        auto summary = f.interop().importText(f.userId(), "perro;hound\ngato;cat\n", {});
        QVERIFY(summary.ok());
        QCOMPARE(summary->notesUpdated, 1);
        QCOMPARE(summary->notesAdded, 1);
        QCOMPARE(f.column(u"SELECT flds || tags FROM notes WHERE flds LIKE 'perro%'"_s),
            QStringList {u"perro\x1fhound kept "_s});
    }

    void malformed_refused_nothingChanges_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("message");
        QTest::newRow("quote never closed") << QByteArray("a,b\n\"open,never closed\n") << u"line 2"_s;
        QTest::newRow("not UTF-8") << QByteArray("caf\xe9,coffee\n") << u"UTF-8"_s;
    }
    void malformed_refused_nothingChanges()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, message);
        InteropFixture f;
        QVERIFY(f.collection().addCard(collection::NewCard {u"x"_s, u"y"_s, 1, {}, {}}).ok());
        const QByteArray before = f.fileBytes();
        auto summary = f.interop().importText(f.userId(), bytes, {});
        QVERIFY(!summary.ok());
        QCOMPARE(summary.code(), ErrorCode::InvalidCsv);
        QVERIFY2(summary.error().message.contains(message), qPrintable(summary.error().message));
        QCOMPARE(f.fileBytes(), before);
    }
};

QTEST_GUILESS_MAIN(TestTextInterop)
#include "tst_textinterop.moc"
