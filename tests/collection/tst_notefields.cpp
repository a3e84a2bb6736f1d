#include "collection/notefields.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace javumbo::collection;

class TestNoteFields : public QObject
{
    Q_OBJECT
private slots:
    void checksum_matchesAnki_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("ascii") << u"test"_s << qint64(2840236005);
        QTest::newRow("cjk") << u"今日"_s << qint64(1464653051);
        QTest::newRow("html is stripped first") << u"<b>test</b>"_s << qint64(2840236005);
    }
    void checksum_matchesAnki()
    {
        QFETCH(QString, field);
        QFETCH(qint64, expected);
        QCOMPARE(notefields::checksum(field), expected);
    }

    void base91_matchesAnki_data()
    {
        QTest::addColumn<quint64>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("zero") << quint64(0) << u"a"_s;
        QTest::newRow("one") << quint64(1) << u"b"_s;
        QTest::newRow("1234567890") << quint64(1234567890) << u"saAKk"_s;
        QTest::newRow("max") << std::numeric_limits<quint64>::max() << u"Rj&Z5m[>Zp"_s;
    }
    void base91_matchesAnki()
    {
        QFETCH(quint64, value);
        QFETCH(QString, expected);
        QCOMPARE(notefields::base91(value), expected);
    }

    void newGuid_isRandom()
    {
        QSet<QString> guids;
        for (int i = 0; i < 1000; ++i)
            guids.insert(notefields::newGuid());
        QCOMPARE(guids.size(), 1000);
    }

    void stripHtml_data()
    {
        QTest::addColumn<QString>("html");
        QTest::addColumn<QString>("text");
        QTest::newRow("plain") << u"hello"_s << u"hello"_s;
        QTest::newRow("tags") << u"<div>a<br>b</div>"_s << u"ab"_s;
        QTest::newRow("image becomes file name") << u"x<img src=\"cat.jpg\">y"_s << u"x cat.jpg y"_s;
        QTest::newRow("single-quoted audio") << u"<audio src='a.mp3'></audio>"_s << u" a.mp3 "_s;
        QTest::newRow("object data") << u"<object data=\"f.svg\"></object>"_s << u" f.svg "_s;
        QTest::newRow("comment") << u"a<!-- hidden -->b"_s << u"ab"_s;
        QTest::newRow("style block") << u"<style>.x{color:red}</style>a"_s << u"a"_s;
        QTest::newRow("script block") << u"<SCRIPT>alert(1)</script>a"_s << u"a"_s;
        QTest::newRow("entities") << u"a &amp; b &lt;c&gt; &#65;&#x42;"_s << u"a & b <c> AB"_s;
        QTest::newRow("nbsp becomes space") << u"a&nbsp;b\u00a0c"_s << u"a b c"_s;
        QTest::newRow("no trimming") << u"  a  "_s << u"  a  "_s;
        QTest::newRow("unknown entity kept") << u"&bogus;"_s << u"&bogus;"_s;
    }
    void stripHtml()
    {
        QFETCH(QString, html);
        QFETCH(QString, text);
        QCOMPARE(notefields::stripHtml(html), text);
    }

    void tags_roundTripWithAnkiSpacing()
    {
        QCOMPARE(notefields::joinTags({u"a"_s, u"b"_s}), u" a b "_s);
        QCOMPARE(notefields::joinTags({}), QString());
        QCOMPARE(notefields::splitTags(u" a b "_s), (QStringList {u"a"_s, u"b"_s}));
        bool ok = true;
        QCOMPARE(notefields::normalizeTags({u"x"_s, u"X"_s, u" y "_s}, &ok), (QStringList {u"x"_s, u"y"_s}));
        QVERIFY(ok);
        notefields::normalizeTags({u"has space"_s}, &ok);
        QVERIFY(!ok);
    }

    void fields_splitOnFirstSeparator()
    {
        const QString flds = notefields::joinFields(u"front"_s, u"back"_s);
        QCOMPARE(flds, u"front\x1f"_s + u"back"_s);
        QCOMPARE(notefields::splitFields(flds), std::make_pair(u"front"_s, u"back"_s));
        QCOMPARE(notefields::splitFields(u"only"_s), std::make_pair(u"only"_s, QString()));
    }
};

QTEST_GUILESS_MAIN(TestNoteFields)
#include "tst_notefields.moc"
