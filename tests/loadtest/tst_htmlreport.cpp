#include "loadtest/htmlreport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace javumbo;
using namespace javumbo::loadtest;

namespace {

const QByteArray kDataOpen = R"(<script type="application/json" id="report-data">)";
const QString kAttack = u"</script><script>alert(1)</script>"_s;

// The text of the data block as a browser would cut it: from the opening tag
// to the first "</script" in any case (HTML's rule for script data).
QByteArray dataBlock(const QByteArray &page)
{
    const qsizetype open = page.indexOf(kDataOpen);
    if (open < 0)
        return {};
    const qsizetype begin = open + kDataOpen.size();
    const qsizetype end = page.toLower().indexOf("</script", begin);
    return end < 0 ? QByteArray() : page.mid(begin, end - begin);
}

QJsonObject parsedBlock(const QByteArray &page)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(dataBlock(page), &error);
    return error.error == QJsonParseError::NoError ? document.object() : QJsonObject();
}

QJsonObject violation(
    const QString &kind, const QString &user, qint64 userId, qint64 seq, double timeS, const QString &detail)
{
    return QJsonObject {{u"class"_s, kind}, {u"username"_s, user}, {u"user_id"_s, userId},
        {u"card_id"_s, 1704103200000LL + seq}, {u"tag"_s, u"u%1_%2"_s.arg(userId).arg(seq)}, {u"seq"_s, seq},
        {u"request_id"_s, u"lt-%1"_s.arg(seq)}, {u"time_s"_s, timeS}, {u"detail"_s, detail}};
}

// A five-minute run with a few violations, shaped like the load tester's
// report data; fixed seed, so the page is the same every time.
QJsonObject realisticReport()
{
    QRandomGenerator random(42);
    const double duration = 300.0;

    QJsonArray timeline;
    QJsonArray lockWaits;
    int acknowledged = 0;
    int verified = 0;
    for (int t = 1; t <= int(duration); ++t) {
        const bool rampUp = t < 20;
        const int writers = rampUp ? t / 2 : 10;
        const int reviewers = rampUp ? t : 20;
        const int created = writers + int(random.bounded(4));
        const int requests = 30 + writers * 2 + int(random.bounded(12)) + (t > 150 && t < 170 ? 25 : 0);
        const int errors = (t > 150 && t < 170) ? 3 + int(random.bounded(6)) : int(random.bounded(100) < 8);
        acknowledged += created;
        verified = std::max(0, acknowledged - 5 - int(random.bounded(8)));
        const double hot = (t > 150 && t < 170) ? 4.0 : 1.0;
        timeline.append(QJsonObject {{u"t_s"_s, t}, {u"requests"_s, requests}, {u"errors"_s, errors},
            {u"cards_created"_s, created}, {u"writers"_s, writers}, {u"reviewers"_s, reviewers},
            {u"acknowledged"_s, acknowledged}, {u"verified"_s, verified},
            {u"pending"_s, acknowledged - verified}, {u"violated"_s, t >= 212 ? 3 : (t >= 97 ? 1 : 0)},
            {u"p95_ms"_s,
                QJsonObject {{u"add_card"_s, std::round(hot * (18 + random.bounded(8.0)))},
                    {u"review_next"_s, std::round(hot * (6 + random.bounded(4.0)))},
                    {u"review_answer"_s, std::round(hot * (14 + random.bounded(6.0)))}}}});
        if (t % 5 == 0) {
            lockWaits.append(QJsonObject {{u"t_s"_s, t},
                {u"max_wait_ms"_s, std::round(hot * hot * (1 + random.bounded(6.0)) * 10) / 10},
                {u"waiters"_s, int(random.bounded(3))},
                {u"contended"_s, int(hot * (4 + random.bounded(10)))}});
        }
    }

    const QList<double> bounds {1, 2, 5, 10, 25, 50, 100, 250, 500, 1000};
    auto endpoint = [&](const QString &name, int count, int errors, double scale) {
        // The same shape for every endpoint, shifted by its scale.
        const QList<double> shape {0.02, 0.08, 0.22, 0.30, 0.20, 0.10, 0.05, 0.02, 0.008, 0.002};
        const qsizetype shift = qsizetype(std::round(std::log2(scale)));
        QJsonArray histogram;
        for (qsizetype i = 0; i <= bounds.size(); ++i) {
            const qsizetype from = i - shift;
            const double share = from >= 0 && from < shape.size() ? shape.at(from) : 0.0;
            histogram.append(
                QJsonObject {{u"le_ms"_s, i < bounds.size() ? QJsonValue(bounds.at(i)) : QJsonValue()},
                    {u"count"_s, int(std::round(share * count))}});
        }
        return QJsonObject {{u"name"_s, name}, {u"count"_s, count}, {u"errors"_s, errors},
            {u"avg_ms"_s, 9.4 * scale}, {u"p50_ms"_s, 8 * scale}, {u"p90_ms"_s, 21 * scale},
            {u"p95_ms"_s, 27 * scale}, {u"p99_ms"_s, 64 * scale}, {u"max_ms"_s, 410 * scale},
            {u"histogram"_s, histogram}};
    };

    QJsonObject summary {{u"verdict"_s, u"FAIL"_s}, {u"exit_code"_s, 1}, {u"exit"_s, u"violations"_s},
        {u"started_at"_s, u"2026-11-22T09:00:00Z"_s}, {u"duration_s"_s, duration}, {u"seed"_s, 42},
        {u"target"_s, u"embedded (http://127.0.0.1:41234)"_s}, {u"profile_name"_s, u"default"_s},
        {u"fault"_s, QJsonValue()}, {u"operations"_s, 12345}, {u"ok"_s, 12000}, {u"fail"_s, 300},
        {u"info"_s, 45}, {u"users"_s, 30}, {u"cards_acknowledged"_s, acknowledged},
        {u"cards_verified"_s, acknowledged - 3}, {u"requests_per_second"_s, 41.2},
        {u"thresholds"_s,
            QJsonArray {QJsonObject {{u"expression"_s, u"add_card.p95<500ms"_s}, {u"observed"_s, u"27 ms"_s},
                            {u"passed"_s, true}},
                QJsonObject {{u"expression"_s, u"errors.rate<1%"_s}, {u"observed"_s, u"2.8 %"_s},
                    {u"passed"_s, false}},
                QJsonObject {{u"expression"_s, u"review_answer.p99<250ms"_s}, {u"observed"_s, u"64 ms"_s},
                    {u"passed"_s, true}}}},
        {u"note"_s,
            u"One seed fixes users, payloads, schedule and think times; thread interleaving still varies "
            "between runs."_s}};

    const QJsonArray checks {
        QJsonObject {{u"name"_s, u"lost"_s}, {u"status"_s, u"pass"_s},
            {u"detail"_s, u"0 of %1 acknowledged cards missing"_s.arg(acknowledged)}},
        QJsonObject {{u"name"_s, u"misplaced"_s}, {u"status"_s, u"fail"_s},
            {u"detail"_s, u"2 cards found in another user's collection"_s}},
        QJsonObject {{u"name"_s, u"phantom"_s}, {u"status"_s, u"pass"_s}, {u"detail"_s, u"none"_s}},
        QJsonObject {
            {u"name"_s, u"duplicated"_s}, {u"status"_s, u"fail"_s}, {u"detail"_s, u"1 tag stored twice"_s}},
        QJsonObject {{u"name"_s, u"mismatched"_s}, {u"status"_s, u"pass"_s}, {u"detail"_s, u"none"_s}},
        QJsonObject {{u"name"_s, u"revlog"_s}, {u"status"_s, u"unknown"_s},
            {u"detail"_s, u"3 answers with unknown outcome could not be resolved"_s}},
    };

    const QJsonArray violations {
        violation(u"misplaced"_s, u"alice"_s, 3, 1704, 97.4,
            u"card \"Name the tense: 'They have just left.'\" found in bob's collection"_s),
        violation(u"misplaced"_s, u"carol"_s, 5, 2210, 153.9, u"detail with a script: "_s + kAttack),
        violation(u"duplicated"_s, u"dave"_s, 7, 3130, 211.2,
            u"tag u7_3130 stored twice (card ids 1704103203130 and 1704103203131)"_s),
    };

    const QJsonArray endpoints {
        endpoint(u"add_card"_s, 4200, 12, 1.0),
        endpoint(u"review_next"_s, 5100, 3, 0.4),
        endpoint(u"review_answer"_s, 2600, 30, 0.8),
        endpoint(u"login"_s, 300, 0, 6.0),
    };

    const QJsonArray errorsByCode {
        QJsonObject {{u"code"_s, u"user_busy"_s}, {u"status"_s, 503}, {u"count"_s, 41},
            {u"sample_request_ids"_s, QJsonArray {u"lt-1502"_s, u"lt-1533"_s, u"lt-1610"_s}}},
        QJsonObject {{u"code"_s, u"stale_card"_s}, {u"status"_s, 409}, {u"count"_s, 260},
            {u"sample_request_ids"_s, QJsonArray {u"lt-88"_s, u"lt-91"_s}}},
        QJsonObject {{u"code"_s, u"network_error"_s}, {u"status"_s, 0}, {u"count"_s, 4},
            {u"sample_request_ids"_s, QJsonArray {u"lt-1555"_s}}},
    };

    const QJsonArray scenarios {
        QJsonObject {{u"name"_s, u"registration"_s}, {u"ok"_s, 30}, {u"fail"_s, 0}, {u"info"_s, 0}},
        QJsonObject {{u"name"_s, u"writers"_s}, {u"ok"_s, 4188}, {u"fail"_s, 2}, {u"info"_s, 10}},
        QJsonObject {{u"name"_s, u"reviewers"_s}, {u"ok"_s, 7400}, {u"fail"_s, 260}, {u"info"_s, 30}},
        QJsonObject {{u"name"_s, u"hot_user"_s}, {u"ok"_s, 380}, {u"fail"_s, 38}, {u"info"_s, 5}},
    };

    return QJsonObject {{u"summary"_s, summary}, {u"checks"_s, checks}, {u"violations"_s, violations},
        {u"endpoints"_s, endpoints}, {u"errors_by_code"_s, errorsByCode}, {u"scenarios"_s, scenarios},
        {u"timeline"_s, timeline}, {u"lock_waits"_s, lockWaits},
        {u"latency_note"_s, u"latency counts from each operation's intended start"_s}};
}

// The page without its data block: what the template itself contributes.
QByteArray withoutData(const QByteArray &page)
{
    const QByteArray data = dataBlock(page);
    QByteArray rest = page;
    return rest.replace(data, QByteArray());
}

} // namespace

class TestHtmlReport : public QObject
{
    Q_OBJECT
private:
    QByteArray m_template;

private slots:
    void initTestCase()
    {
        const Result<QByteArray> loaded = loadReportTemplate();
        QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().message));
        m_template = *loaded;
    }

    void embedsDataThatParsesBack()
    {
        const QJsonObject data = realisticReport();
        const QByteArray page = renderHtmlReport(data, m_template);
        QCOMPARE(page.count(kDataOpen), 1);
        QCOMPARE(parsedBlock(page), data);
        // The default overload uses the compiled-in template.
        QCOMPARE(renderHtmlReport(data), page);
    }

    void hasNoExternalReferences()
    {
        const QByteArray page = withoutData(renderHtmlReport(realisticReport(), m_template));
        const QString html = QString::fromUtf8(page);
        static const QRegularExpression externalUrl(
            uR"((?:src|href|action|xlink:href)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:|//))"_s,
            QRegularExpression::CaseInsensitiveOption);
        QVERIFY2(!externalUrl.match(html).hasMatch(), qPrintable(externalUrl.match(html).captured()));
        for (const QString &forbidden : {u"<link"_s, u"@import"_s, u"url("_s, u"<iframe"_s, u"<img"_s,
                 u"fetch("_s, u"XMLHttpRequest"_s, u"<script src"_s}) {
            QVERIFY2(!html.contains(forbidden, Qt::CaseInsensitive), qPrintable(forbidden));
        }
        // The only absolute URL in the template is the SVG namespace name.
        static const QRegularExpression anyUrl(uR"(https?://[^\s'"<>]*)"_s);
        for (const QRegularExpressionMatch &match : anyUrl.globalMatch(html))
            QCOMPARE(match.captured(), u"http://www.w3.org/2000/svg"_s);
    }

    void scriptNeverInjectsHtml()
    {
        const QString html = QString::fromUtf8(m_template);
        for (const QString &sink : {u"innerHTML"_s, u"outerHTML"_s, u"insertAdjacentHTML"_s,
                 u"document.write"_s, u"eval("_s, u"new Function"_s}) {
            QVERIFY2(!html.contains(sink), qPrintable(sink));
        }
    }

    void cardTextCannotEndTheDataBlock_data()
    {
        QTest::addColumn<QString>("detail");
        QTest::newRow("script end") << kAttack;
        QTest::newRow("upper case") << u"</SCRIPT><script>alert(1)</script>"_s;
        QTest::newRow("comment opener") << u"<!--<script>"_s;
        QTest::newRow("ampersand and quotes") << u"&lt;b&gt; \"x\" 'y' \\ </"_s;
        QTest::newRow("unicode") << u"вербы — 動詞 \u2028 \u2029 \U0001F600"_s;
    }

    void cardTextCannotEndTheDataBlock()
    {
        QFETCH(QString, detail);
        QJsonObject data = realisticReport();
        QJsonArray violations = data.value(u"violations"_s).toArray();
        violations.append(violation(u"phantom"_s, u"eve"_s, 9, 9999, 42.0, detail));
        data.insert(u"violations"_s, violations);
        data.insert(u"summary"_s, QJsonObject {{u"verdict"_s, u"FAIL"_s}, {u"note"_s, detail}});

        const QByteArray page = renderHtmlReport(data, m_template);
        const QByteArray block = dataBlock(page);
        QVERIFY(!block.contains('<'));
        QVERIFY(!block.contains('>'));
        QCOMPARE(parsedBlock(page), data);
        // The page has exactly the template's tags: nothing was added.
        QCOMPARE(page.toLower().count("<script"), m_template.toLower().count("<script"));
        QCOMPARE(page.toLower().count("</script"), m_template.toLower().count("</script"));
        QCOMPARE(page.count("<!--"), m_template.count("<!--"));
    }

    void rendersEmptyData()
    {
        const QByteArray page = renderHtmlReport(QJsonObject(), m_template);
        QCOMPARE(dataBlock(page), QByteArray("{}"));
        QVERIFY(page.startsWith("<!DOCTYPE html>"));
    }

    void fallsBackWhenTheTemplateHasNoDataBlock()
    {
        const QJsonObject data = realisticReport();
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"no report-data block"_s));
        const QByteArray page = renderHtmlReport(data, QByteArray("<html><body>no block</body></html>"));
        QCOMPARE(parsedBlock(page), data);
        QVERIFY(page.contains("raw data"));
    }

    void rejectsBadTemplates()
    {
        const Result<QByteArray> missing = loadReportTemplate(u"/nonexistent/report.html"_s);
        QVERIFY(!missing.ok());
        QCOMPARE(missing.code(), ErrorCode::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestHtmlReport)
#include "tst_htmlreport.moc"
