#include "metrics/prometheustext.h"

#include <cmath>
#include <limits>

#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
namespace prometheus = javumbo::server::prometheus;

class TestPrometheusText : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void escapeLabelValue_escapesOnlyReservedCharacters_data();
    void escapeLabelValue_escapesOnlyReservedCharacters();
    void escapeHelp_leavesQuotesAlone();
    void formatValue_readsBackAsTheSameNumber_data();
    void formatValue_readsBackAsTheSameNumber();
    void isValidMetricName_followsTheGrammar_data();
    void isValidMetricName_followsTheGrammar();
};

void TestPrometheusText::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestPrometheusText::escapeLabelValue_escapesOnlyReservedCharacters_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("escaped");
    QTest::newRow("plain") << u"/api/v1/cards/{id}"_s << u"/api/v1/cards/{id}"_s;
    QTest::newRow("quote") << u"a\"b"_s << u"a\\\"b"_s;
    QTest::newRow("backslash") << u"a\\b"_s << u"a\\\\b"_s;
    QTest::newRow("newline") << u"a\nb"_s << u"a\\nb"_s;
    QTest::newRow("escape-looking text") << u"\\n"_s << u"\\\\n"_s;
    QTest::newRow("tab and unicode kept") << u"\t\u00e9"_s << u"\t\u00e9"_s;
    QTest::newRow("empty") << QString() << QString();
}

void TestPrometheusText::escapeLabelValue_escapesOnlyReservedCharacters()
{
    QFETCH(QString, value);
    QFETCH(QString, escaped);
    QCOMPARE(prometheus::escapeLabelValue(value), escaped);
}

void TestPrometheusText::formatValue_readsBackAsTheSameNumber_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("text");
    QTest::newRow("zero") << 0.0 << u"0"_s;
    QTest::newRow("integer") << 42.0 << u"42"_s;
    QTest::newRow("large integer") << 1e6 << u"1000000"_s;
    QTest::newRow("negative") << -3.0 << u"-3"_s;
    QTest::newRow("bound") << 0.0005 << u"0.0005"_s;
    QTest::newRow("half") << 2.5 << u"2.5"_s;
    QTest::newRow("tiny") << 1e-05 << u"1e-05"_s;
    QTest::newRow("shortest round trip") << 0.1 + 0.2 << u"0.30000000000000004"_s;
    QTest::newRow("huge") << 1e300 << u"1e+300"_s;
    QTest::newRow("just below 1e-4 switches to exponent") << 0.00009 << u"9e-05"_s;
    QTest::newRow("1e-4 stays fixed") << 0.0001 << u"0.0001"_s;
    QTest::newRow("fraction below 1e6 stays fixed") << 123456.5 << u"123456.5"_s;
    QTest::newRow("fraction from 1e6 uses exponent") << 1234567.5 << u"1.2345675e+06"_s;
    QTest::newRow("integer beyond 2^53 uses exponent") << 1e17 << u"1e+17"_s;
    QTest::newRow("+Inf") << std::numeric_limits<double>::infinity() << u"+Inf"_s;
    QTest::newRow("-Inf") << -std::numeric_limits<double>::infinity() << u"-Inf"_s;
    QTest::newRow("NaN") << std::numeric_limits<double>::quiet_NaN() << u"NaN"_s;
}

void TestPrometheusText::formatValue_readsBackAsTheSameNumber()
{
    QFETCH(double, value);
    QFETCH(QString, text);
    QCOMPARE(prometheus::formatValue(value), text);
    if (std::isfinite(value))
        QCOMPARE(text.toDouble(), value);
}

void TestPrometheusText::escapeHelp_leavesQuotesAlone()
{
    QCOMPARE(prometheus::escapeHelp(u"a \"b\" c\\d\ne"_s), u"a \"b\" c\\\\d\\ne"_s);
}

void TestPrometheusText::isValidMetricName_followsTheGrammar_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");
    QTest::newRow("plain") << u"javumbo_active_sessions"_s << true;
    QTest::newRow("colon and digits") << u"job:rate5m"_s << true;
    QTest::newRow("leading underscore") << u"_x"_s << true;
    QTest::newRow("leading digit") << u"5xx"_s << false;
    QTest::newRow("dash") << u"a-b"_s << false;
    QTest::newRow("space") << u"a b"_s << false;
    QTest::newRow("non-ASCII letter") << u"caf\u00e9"_s << false;
    QTest::newRow("empty") << QString() << false;
}

void TestPrometheusText::isValidMetricName_followsTheGrammar()
{
    QFETCH(QString, name);
    QFETCH(bool, valid);
    QCOMPARE(prometheus::isValidMetricName(name), valid);
}

QTEST_GUILESS_MAIN(TestPrometheusText)
#include "tst_prometheustext.moc"
