// checkJsonSyntax: RFC 8259 before QJsonDocument's lenient reader (issue 14).
#include "json/strictjson.h"

#include <QTest>

using namespace Qt::StringLiterals;
using javumbo::server::checkJsonSyntax;

class TestStrictJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void accepted_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("object") << QByteArray(" {\"a\": [1, -0.5e+3, true, false, null, {}], \"b\": \"\"} ");
        QTest::newRow("every escape")
            << QByteArray("[\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\uD83D\\uDE00\"]");
        QTest::newRow("raw UTF-8") << QByteArray(
            "[\"\xc3\xa9 \xe4\xb8\xad \xf0\x9f\x98\x80 \xf4\x8f\xbf\xbd\"]");
        QTest::newRow("a bare value") << QByteArray("42");
    }
    void accepted()
    {
        QFETCH(QByteArray, text);
        const auto error = checkJsonSyntax(text);
        QVERIFY2(!error, error ? qPrintable(error->message) : "");
    }

    void refused_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("offset");
        QTest::addColumn<QString>("problem");
        QTest::newRow("invalid escape") << QByteArray("[\"\\x41\"]") << 2 << u"invalid escape \\x"_s;
        QTest::newRow("raw tab") << QByteArray("[\"a\tb\"]") << 3 << u"unescaped control character U+0009"_s;
        QTest::newRow("lone high surrogate") << QByteArray("[\"\\ud800\"]") << 2 << u"lone high surrogate"_s;
        QTest::newRow("high then not low")
            << QByteArray("[\"\\ud800\\u0041\"]") << 2 << u"lone high surrogate"_s;
        QTest::newRow("lone low surrogate") << QByteArray("[\"\\udc00\"]") << 2 << u"lone low surrogate"_s;
        QTest::newRow("short \\u") << QByteArray("[\"\\u12\"]") << 2 << u"four hex digits"_s;
        QTest::newRow("overlong") << QByteArray("[\"\xc0\xaf\"]") << 2 << u"invalid UTF-8 byte 0xc0"_s;
        QTest::newRow("encoded surrogate")
            << QByteArray("[\"\xed\xa0\x80\"]") << 3 << u"invalid UTF-8 sequence"_s;
        QTest::newRow("above U+10FFFF")
            << QByteArray("[\"\xf4\x90\x80\x80\"]") << 3 << u"invalid UTF-8 sequence"_s;
        QTest::newRow("truncated sequence")
            << QByteArray("[\"\xe4\xb8\"]") << 4 << u"invalid UTF-8 sequence"_s;
        QTest::newRow("noncharacter") << QByteArray("[\"\\uFDD0\"]") << 2 << u"noncharacter U+FDD0"_s;
        QTest::newRow("leading zero") << QByteArray("[01]") << 2 << u"leading zero"_s;
        QTest::newRow("bare fraction") << QByteArray("[1.]") << 3 << u"expected a digit"_s;
        QTest::newRow("trailing comma") << QByteArray("[1,]") << 3 << u"expected a JSON value"_s;
        QTest::newRow("single quotes") << QByteArray("{'a':1}") << 1 << u"member name"_s;
        QTest::newRow("trailing data") << QByteArray("{} {}") << 3 << u"after the JSON value"_s;
        QTest::newRow("unterminated") << QByteArray("[\"abc") << 5 << u"unterminated string"_s;
        QTest::newRow("empty") << QByteArray() << 0 << u"unexpected end"_s;
        QTest::newRow("second line") << QByteArray("{\n  \"a\": tru\n}") << 9 << u"line 2, column 8"_s;
    }
    void refused()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, offset);
        QFETCH(QString, problem);
        const auto error = checkJsonSyntax(text);
        QVERIFY(error);
        QVERIFY2(error->message.contains(problem), qPrintable(error->message));
        QCOMPARE(error->offset, qsizetype(offset));
    }

    void nesting_isBounded()
    {
        const auto nested = [](int depth) { return QByteArray(depth, '[').append(QByteArray(depth, ']')); };
        QVERIFY(!checkJsonSyntax(nested(100), 100));
        const auto error = checkJsonSyntax(nested(101), 100);
        QVERIFY(error);
        QVERIFY(error->message.contains(u"nested deeper than 100"_s));
    }
};

QTEST_GUILESS_MAIN(TestStrictJson)
#include "tst_strictjson.moc"
