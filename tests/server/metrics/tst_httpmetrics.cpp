#include "expositionparser.h"
#include "metrics/histogram.h"
#include "metrics/httpmetrics.h"

#include <barrier>
#include <cmath>
#include <map>
#include <thread>
#include <tuple>
#include <vector>

#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using javumbo::server::Gauge;
using javumbo::server::Histogram;
using javumbo::server::HttpMetrics;
using javumbo::server::RouteSummary;
using javumbo::testsupport::Exposition;
using javumbo::testsupport::parseExposition;

namespace {

const QString RequestsTotal = u"javumbo_http_requests_total"_s;
const QString DurationCount = u"javumbo_http_request_duration_seconds_count"_s;
const QString DurationBucket = u"javumbo_http_request_duration_seconds_bucket"_s;

// The workload of the concurrency test, as a pure function of (thread, iteration) so the
// expected per-series counts can be computed without threads.
struct Request
{
    QString route;
    QString method;
    int status;
    double seconds;
};

Request requestFor(int thread, int iteration)
{
    static const QStringList routes = {u"/api/v1/cards/{id}"_s, u"/api/v1/decks"_s, u"/api/v1/review/next"_s};
    static const QStringList methods = {u"GET"_s, u"POST"_s};
    static const QList<int> statuses = {200, 404, 503};
    return {routes.at((iteration + thread) % 3), methods.at((iteration / 3) % 2),
        statuses.at((iteration / 7 + thread) % 3), 0.0001 * ((iteration % 50) + 1)};
}

QString lines(const QStringList &list)
{
    return list.join(u'\n') + u'\n';
}

} // namespace

class TestHttpMetrics : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void render_matchesGoldenText();
    void render_emptyMetricsStillDeclareEveryFamily();
    void render_usesDefaultBucketsInOrder();
    void render_passesStrictFormatParser();
    void strictParser_rejectsMalformedText_data();
    void strictParser_rejectsMalformedText();

    void recordRequest_normalisesMethodStatusAndEmptyRoute();
    void recordRequest_foldsRoutesBeyondTheCapIntoUnmatched();
    void gauges_withInvalidOrDuplicateNamesAreSkipped();
    void summaries_reportCountQuantilesAndErrorsPerRoute();

    void concurrentRecords_countEveryRequestExactly();
    void firstUse_racingThreadsShareOneSeries();
    void renderWhileRecording_isAlwaysValidAndMonotonic();
};

void TestHttpMetrics::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestHttpMetrics::render_matchesGoldenText()
{
    HttpMetrics metrics({1, 0.1}); // unsorted on purpose: bounds are sorted on construction
    metrics.recordRequest(u"/api/v1/cards/{id}"_s, u"GET"_s, 200, 0.05);
    metrics.recordRequest(u"/api/v1/cards/{id}"_s, u"GET"_s, 404, 2.0);
    metrics.recordRequest(u"/api/v1/cards/{id}"_s, u"GET"_s, 200, 0.5);
    metrics.recordRequest(u"/odd\"path\\with\nnewline"_s, u"POST"_s, 500, 0.1);
    metrics.recordLockWait(0.25);
    const QList<Gauge> gauges = {
        {u"javumbo_registered_users"_s, u"Registered accounts."_s, 3},
        {u"javumbo_active_sessions"_s, u"Sessions\\ with \"quotes\"\nand a newline"_s, 2},
        {u"javumbo_uptime_seconds"_s, QString(), 12.5},
    };

    const QString expected = lines({
        u"# HELP javumbo_http_requests_total HTTP requests answered, by route template, method and status."_s,
        u"# TYPE javumbo_http_requests_total counter"_s,
        uR"(javumbo_http_requests_total{route="/api/v1/cards/{id}",method="GET",status="200"} 2)"_s,
        uR"(javumbo_http_requests_total{route="/api/v1/cards/{id}",method="GET",status="404"} 1)"_s,
        uR"(javumbo_http_requests_total{route="/odd\"path\\with\nnewline",method="POST",status="500"} 1)"_s,
        u"# HELP javumbo_http_request_duration_seconds Time from request to response in seconds, by route template."_s,
        u"# TYPE javumbo_http_request_duration_seconds histogram"_s,
        uR"(javumbo_http_request_duration_seconds_bucket{route="/api/v1/cards/{id}",le="0.1"} 1)"_s,
        uR"(javumbo_http_request_duration_seconds_bucket{route="/api/v1/cards/{id}",le="1"} 2)"_s,
        uR"(javumbo_http_request_duration_seconds_bucket{route="/api/v1/cards/{id}",le="+Inf"} 3)"_s,
        uR"(javumbo_http_request_duration_seconds_sum{route="/api/v1/cards/{id}"} 2.55)"_s,
        uR"(javumbo_http_request_duration_seconds_count{route="/api/v1/cards/{id}"} 3)"_s,
        uR"(javumbo_http_request_duration_seconds_bucket{route="/odd\"path\\with\nnewline",le="0.1"} 1)"_s,
        uR"(javumbo_http_request_duration_seconds_bucket{route="/odd\"path\\with\nnewline",le="1"} 1)"_s,
        uR"(javumbo_http_request_duration_seconds_bucket{route="/odd\"path\\with\nnewline",le="+Inf"} 1)"_s,
        uR"(javumbo_http_request_duration_seconds_sum{route="/odd\"path\\with\nnewline"} 0.1)"_s,
        uR"(javumbo_http_request_duration_seconds_count{route="/odd\"path\\with\nnewline"} 1)"_s,
        u"# HELP javumbo_user_lock_wait_seconds Time spent waiting for a user's collection lock in seconds."_s,
        u"# TYPE javumbo_user_lock_wait_seconds histogram"_s,
        uR"(javumbo_user_lock_wait_seconds_bucket{le="0.1"} 0)"_s,
        uR"(javumbo_user_lock_wait_seconds_bucket{le="1"} 1)"_s,
        uR"(javumbo_user_lock_wait_seconds_bucket{le="+Inf"} 1)"_s,
        u"javumbo_user_lock_wait_seconds_sum 0.25"_s,
        u"javumbo_user_lock_wait_seconds_count 1"_s,
        uR"(# HELP javumbo_active_sessions Sessions\\ with "quotes"\nand a newline)"_s,
        u"# TYPE javumbo_active_sessions gauge"_s,
        u"javumbo_active_sessions 2"_s,
        u"# HELP javumbo_registered_users Registered accounts."_s,
        u"# TYPE javumbo_registered_users gauge"_s,
        u"javumbo_registered_users 3"_s,
        u"# TYPE javumbo_uptime_seconds gauge"_s,
        u"javumbo_uptime_seconds 12.5"_s,
    });
    const QString actual = metrics.renderPrometheus(gauges);
    QCOMPARE(actual, expected);

    // The escaped route must read back as the original, and the help likewise.
    const Exposition parsed = parseExposition(actual);
    QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
    QCOMPARE(parsed.value(DurationCount, {{u"route"_s, u"/odd\"path\\with\nnewline"_s}}), 1.0);
    QCOMPARE(parsed.help.value(u"javumbo_active_sessions"_s), u"Sessions\\ with \"quotes\"\nand a newline"_s);
}

void TestHttpMetrics::render_emptyMetricsStillDeclareEveryFamily()
{
    const HttpMetrics metrics;
    const Exposition parsed = parseExposition(metrics.renderPrometheus());
    QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
    QCOMPARE(parsed.types.value(RequestsTotal), u"counter"_s);
    QCOMPARE(parsed.types.value(u"javumbo_http_request_duration_seconds"_s), u"histogram"_s);
    QCOMPARE(parsed.types.value(u"javumbo_user_lock_wait_seconds"_s), u"histogram"_s);
    QVERIFY(parsed.samplesOf(RequestsTotal).isEmpty());
    QCOMPARE(parsed.value(u"javumbo_user_lock_wait_seconds_count"_s), 0.0);
}

void TestHttpMetrics::render_usesDefaultBucketsInOrder()
{
    HttpMetrics metrics;
    metrics.recordRequest(u"/api/v1/decks"_s, u"GET"_s, 200, 0.003);
    const Exposition parsed = parseExposition(metrics.renderPrometheus());
    QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
    QStringList bounds;
    QList<double> counts;
    for (const auto &sample : parsed.samplesOf(DurationBucket)) {
        bounds.append(sample.labels.value(u"le"_s));
        counts.append(sample.value);
    }
    QCOMPARE(bounds,
        QStringList({u"0.0005"_s, u"0.001"_s, u"0.0025"_s, u"0.005"_s, u"0.01"_s, u"0.025"_s, u"0.05"_s,
            u"0.1"_s, u"0.25"_s, u"0.5"_s, u"1"_s, u"2.5"_s, u"5"_s, u"10"_s, u"+Inf"_s}));
    QCOMPARE(counts, QList<double>({0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}));
    QCOMPARE(parsed.value(u"javumbo_http_request_duration_seconds_sum"_s, {{u"route"_s, u"/api/v1/decks"_s}}),
        0.003);
}

void TestHttpMetrics::render_passesStrictFormatParser()
{
    HttpMetrics metrics;
    const QStringList routes = {u"/api/v1/cards/{id}"_s, u"/api/v1/decks/{id}/cards"_s, u"/metrics"_s,
        u"quote\" back\\slash\nnewline \u00e9\u4e2d"_s, QString()};
    const QStringList methods = {u"GET"_s, u"POST"_s, u"DELETE"_s, u"BREW"_s};
    int i = 0;
    for (const QString &route : routes) {
        for (const QString &method : methods) {
            for (const int status : {200, 201, 304, 400, 409, 503})
                metrics.recordRequest(route, method, status, 0.0003 * ++i);
        }
    }
    metrics.recordLockWait(0.02);
    metrics.recordLockWait(7);
    const QString text
        = metrics.renderPrometheus({{u"javumbo_open_connections"_s, u"Open TCP connections."_s, 4},
            {u"javumbo_ratio"_s, u"A fraction."_s, 1.0 / 3.0},
            {u"javumbo_unknown"_s, u"Not yet known."_s, qQNaN()}});

    const Exposition parsed = parseExposition(text);
    QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
    QCOMPARE(parsed.samplesOf(RequestsTotal).size(), routes.size() * methods.size() * 6);
    double total = 0;
    for (const auto &sample : parsed.samplesOf(RequestsTotal))
        total += sample.value;
    QCOMPARE(total, double(i));
    QCOMPARE(parsed.value(u"javumbo_ratio"_s), 1.0 / 3.0);
    QVERIFY(std::isnan(parsed.value(u"javumbo_unknown"_s)));
    QCOMPARE(parsed.value(u"javumbo_user_lock_wait_seconds_count"_s), 2.0);
    // The routes' samples appear sorted, whatever order they were first seen in.
    QStringList seen;
    for (const auto &sample : parsed.samplesOf(DurationCount))
        seen.append(sample.labels.value(u"route"_s));
    QStringList sorted = seen;
    std::sort(sorted.begin(), sorted.end());
    QCOMPARE(seen, sorted);
    QVERIFY(seen.contains(HttpMetrics::unmatchedRoute()));
}

void TestHttpMetrics::strictParser_rejectsMalformedText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("reason");

    const QString type = u"# TYPE a_total counter\n"_s;
    const QString histogramType = u"# TYPE h histogram\n"_s;
    QTest::newRow("no TYPE") << u"a_total 1\n"_s << u"no TYPE"_s;
    QTest::newRow("TYPE twice") << type + type + u"a_total 1\n"_s << u"second TYPE"_s;
    QTest::newRow("TYPE after samples")
        << type + u"a_total 1\n"_s + u"# TYPE b gauge\nb 1\n"_s + type << u"second TYPE"_s;
    QTest::newRow("no final newline") << type + u"a_total 1"_s << u"newline"_s;
    QTest::newRow("two spaces") << type + u"a_total  1\n"_s << u"invalid value"_s;
    QTest::newRow("timestamp") << type + u"a_total 1 1700000000\n"_s << u"invalid value"_s;
    QTest::newRow("bad escape") << type + u"a_total{l=\"\\t\"} 1\n"_s << u"escape"_s;
    QTest::newRow("unquoted label") << type + u"a_total{l=x} 1\n"_s << u"malformed label"_s;
    QTest::newRow("unterminated") << type + u"a_total{l=\"x} 1\n"_s << u"unterminated"_s;
    QTest::newRow("repeated series") << type + u"a_total{l=\"x\"} 1\na_total{l=\"x\"} 2\n"_s
                                     << u"repeated series"_s;
    QTest::newRow("split family") << type + u"# TYPE b gauge\na_total 1\nb 1\na_total{l=\"y\"} 1\n"_s
                                  << u"not grouped"_s;
    QTest::newRow("negative counter") << type + u"a_total -1\n"_s << u"negative"_s;
    QTest::newRow("free comment") << u"# hello\n"_s << u"neither HELP nor TYPE"_s;
    QTest::newRow("no +Inf bucket") << histogramType + u"h_bucket{le=\"1\"} 1\nh_sum 1\nh_count 1\n"_s
                                    << u"+Inf"_s;
    QTest::newRow("+Inf differs from count")
        << histogramType + u"h_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 3\n"_s
        << u"differs from _count"_s;
    QTest::newRow("buckets not cumulative")
        << histogramType + u"h_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n"_s
        << u"not cumulative"_s;
}

void TestHttpMetrics::strictParser_rejectsMalformedText()
{
    QFETCH(QString, text);
    QFETCH(QString, reason);
    // Without these rows a parser that accepts everything would pass every render test.
    const Exposition parsed = parseExposition(text);
    QVERIFY2(parsed.error.contains(reason),
        qPrintable(u"expected \""_s + reason + u"\", got \""_s + parsed.error + u'"'));
}

void TestHttpMetrics::recordRequest_normalisesMethodStatusAndEmptyRoute()
{
    HttpMetrics metrics;
    metrics.recordRequest(u"/a"_s, u"get"_s, 200, 0.001);
    metrics.recordRequest(u"/a"_s, u"BREW"_s, 418, 0.001);
    metrics.recordRequest(u"/a"_s, u"\"\n"_s, 1234, 0.001);
    metrics.recordRequest(QString(), u"GET"_s, 404, 0.001);
    metrics.recordRequest(HttpMetrics::unmatchedRoute(), u"GET"_s, 404, 0.001);

    QCOMPARE(metrics.requestCount(u"/a"_s, u"GET"_s, 200), quint64(1));
    QCOMPARE(metrics.requestCount(u"/a"_s, u"OTHER"_s, 418), quint64(1));
    QCOMPARE(metrics.requestCount(u"/a"_s, u"OTHER"_s, 0), quint64(1));
    QCOMPARE(metrics.requestCount(HttpMetrics::unmatchedRoute(), u"GET"_s, 404), quint64(2));

    const Exposition parsed = parseExposition(metrics.renderPrometheus());
    QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
    QSet<QString> methodLabels;
    for (const auto &sample : parsed.samplesOf(RequestsTotal))
        methodLabels.insert(sample.labels.value(u"method"_s));
    QCOMPARE(methodLabels, QSet<QString>({u"GET"_s, u"OTHER"_s}));
}

void TestHttpMetrics::recordRequest_foldsRoutesBeyondTheCapIntoUnmatched()
{
    HttpMetrics metrics(Histogram::defaultBounds(), 2);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"more than 2 route templates"_s));
    for (const QString &route : {u"/a"_s, u"/b"_s, u"/c"_s, u"/d"_s, u"/a"_s, u"/d"_s})
        metrics.recordRequest(route, u"GET"_s, 200, 0.001); // one warning, not one per request

    QCOMPARE(metrics.requestCount(u"/a"_s, u"GET"_s, 200), quint64(2));
    QCOMPARE(metrics.requestCount(u"/b"_s, u"GET"_s, 200), quint64(1));
    QCOMPARE(metrics.requestCount(u"/c"_s, u"GET"_s, 200), quint64(0));
    QCOMPARE(metrics.requestCount(HttpMetrics::unmatchedRoute(), u"GET"_s, 200), quint64(3));
    QCOMPARE(metrics.latency(HttpMetrics::unmatchedRoute()).count, quint64(3));
    QCOMPARE(metrics.summaries().size(), 3);
}

void TestHttpMetrics::gauges_withInvalidOrDuplicateNamesAreSkipped()
{
    const HttpMetrics metrics;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"skipping gauge.*1bad"_s));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"skipping gauge.*with space"_s));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"skipping gauge.*javumbo_twice"_s));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"skipping gauge.*javumbo_http_requests_total"_s));
    const QString text = metrics.renderPrometheus(
        {{u"javumbo_twice"_s, u"first"_s, 1}, {u"1bad"_s, QString(), 1}, {u"with space"_s, QString(), 1},
            {u"javumbo_twice"_s, u"second"_s, 2}, {RequestsTotal, QString(), 9}});
    const Exposition parsed = parseExposition(text);
    QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
    QCOMPARE(parsed.value(u"javumbo_twice"_s), 1.0);
    QCOMPARE(parsed.help.value(u"javumbo_twice"_s), u"first"_s);
}

void TestHttpMetrics::summaries_reportCountQuantilesAndErrorsPerRoute()
{
    HttpMetrics metrics;
    for (int i = 0; i < 100; ++i)
        metrics.recordRequest(u"/b"_s, u"GET"_s, i < 90 ? 200 : (i < 97 ? 404 : 503), 0.003);
    metrics.recordRequest(u"/a"_s, u"POST"_s, 500, 0.2);
    metrics.recordRequest(u"/a"_s, u"POST"_s, 429, 0.2);

    const QList<RouteSummary> summaries = metrics.summaries();
    QCOMPARE(summaries.size(), 2);
    QCOMPARE(summaries.at(0).route, u"/a"_s);
    QCOMPARE(summaries.at(0).count, quint64(2));
    QCOMPARE(summaries.at(0).errors, quint64(1));
    QCOMPARE(summaries.at(0).clientErrors, quint64(1));
    QCOMPARE(summaries.at(1).route, u"/b"_s);
    QCOMPARE(summaries.at(1).count, quint64(100));
    QCOMPARE(summaries.at(1).errors, quint64(3));
    QCOMPARE(summaries.at(1).clientErrors, quint64(7));
    QCOMPARE(summaries.at(1).p50, 0.00375);
    QCOMPARE(summaries.at(1).p95, 0.004875);
    QCOMPARE(summaries.at(1).p99, 0.004975);
}

void TestHttpMetrics::concurrentRecords_countEveryRequestExactly()
{
    constexpr int threadCount = 8;
    constexpr int perThread = 10'000;
    // A lost update needs two threads inside one increment at once, which on a machine
    // with few cores is rare in any single run: repeat the run, and re-align the threads
    // every few thousand requests so they keep colliding instead of drifting apart.
    constexpr int rounds = 10;
    constexpr int resyncEvery = 2'000;

    std::map<std::tuple<QString, QString, int>, quint64> expected;
    std::map<QString, quint64> expectedNanoseconds;
    for (int t = 0; t < threadCount; ++t) {
        for (int i = 0; i < perThread; ++i) {
            const Request request = requestFor(t, i);
            ++expected[{request.route, request.method, request.status}];
            expectedNanoseconds[request.route] += quint64(std::llround(request.seconds * 1e9));
        }
    }
    QCOMPARE(expected.size(), size_t(3 * 2 * 3)); // the workload really does overlap every key

    for (int round = 0; round < rounds; ++round) {
        HttpMetrics metrics;
        metrics.recordRequest(u"/warm"_s, u"GET"_s, 200, 0); // an unrelated series, to check isolation
        std::barrier sync(threadCount);
        {
            std::vector<std::jthread> threads;
            for (int t = 0; t < threadCount; ++t) {
                threads.emplace_back([&metrics, &sync, t] {
                    for (int i = 0; i < perThread; ++i) {
                        if (i % resyncEvery == 0)
                            sync.arrive_and_wait(); // the first time, all race to create the series
                        const Request request = requestFor(t, i);
                        metrics.recordRequest(request.route, request.method, request.status, request.seconds);
                        if (i % 100 == 0)
                            metrics.recordLockWait(0.001);
                    }
                });
            }
        }

        for (const auto &[key, count] : expected) {
            const auto &[route, method, status] = key;
            QCOMPARE(metrics.requestCount(route, method, status), count);
        }
        for (const auto &[route, nanoseconds] : expectedNanoseconds)
            QCOMPARE(metrics.latency(route).sum, double(nanoseconds) / 1e9);

        const Exposition parsed = parseExposition(metrics.renderPrometheus());
        QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
        double total = 0;
        for (const auto &sample : parsed.samplesOf(RequestsTotal)) {
            if (sample.labels.value(u"route"_s) != u"/warm"_s)
                total += sample.value;
        }
        QCOMPARE(total, double(threadCount * perThread));
        double histogramTotal = 0;
        for (const auto &sample : parsed.samplesOf(DurationCount))
            histogramTotal += sample.value;
        QCOMPARE(histogramTotal, double(threadCount * perThread + 1));
        QCOMPARE(metrics.requestCount(u"/warm"_s, u"GET"_s, 200), quint64(1));
        QCOMPARE(metrics.lockWait().count, quint64(threadCount * perThread / 100));
    }
}

void TestHttpMetrics::firstUse_racingThreadsShareOneSeries()
{
    // Each round races all threads onto a route nobody has used yet; many rounds,
    // because a single race rarely hits the window between the two locks.
    constexpr int threadCount = 16;
    constexpr int rounds = 200;
    HttpMetrics metrics(Histogram::defaultBounds(), rounds);
    std::barrier sync(threadCount);
    {
        std::vector<std::jthread> threads;
        for (int t = 0; t < threadCount; ++t) {
            threads.emplace_back([&metrics, &sync] {
                for (int round = 0; round < rounds; ++round) {
                    sync.arrive_and_wait();
                    metrics.recordRequest(u"/race/%1"_s.arg(round), u"PUT"_s, 200, 0.001);
                }
            });
        }
    }
    const QList<RouteSummary> summaries = metrics.summaries();
    QCOMPARE(summaries.size(), rounds);
    for (const RouteSummary &summary : summaries) {
        // A series replaced by a racing creator would have lost counts.
        QCOMPARE(summary.count, quint64(threadCount));
        QCOMPARE(metrics.requestCount(summary.route, u"PUT"_s, 200), quint64(threadCount));
    }
}

void TestHttpMetrics::renderWhileRecording_isAlwaysValidAndMonotonic()
{
    constexpr int writerCount = 4;
    constexpr int perWriter = 20'000;
    HttpMetrics metrics;
    std::atomic<bool> done {false};
    QString failure;
    {
        std::vector<std::jthread> threads;
        // The scraper checks each exposition on its own and against the previous one.
        threads.emplace_back([&] {
            QMap<QString, double> previous;
            int scrapes = 0;
            while ((!done.load() || scrapes < 3) && failure.isEmpty()) {
                ++scrapes;
                const Exposition parsed = parseExposition(metrics.renderPrometheus());
                if (!parsed.error.isEmpty()) {
                    failure = parsed.error;
                    break;
                }
                for (const auto &sample : parsed.samplesOf(RequestsTotal)) {
                    const QString key = sample.labels.value(u"route"_s) + sample.labels.value(u"method"_s)
                        + sample.labels.value(u"status"_s);
                    if (sample.value < previous.value(key))
                        failure = u"counter went backwards: "_s + key;
                    previous.insert(key, sample.value);
                }
            }
        });
        std::vector<std::jthread> writers;
        for (int t = 0; t < writerCount; ++t) {
            writers.emplace_back([&metrics, t] {
                for (int i = 0; i < perWriter; ++i) {
                    const Request request = requestFor(t, i);
                    metrics.recordRequest(request.route, request.method, request.status, request.seconds);
                    metrics.recordLockWait(request.seconds);
                }
            });
        }
        writers.clear(); // joins the writers
        done = true;
    }
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QCOMPARE(metrics.lockWait().count, quint64(writerCount * perWriter));
}

QTEST_GUILESS_MAIN(TestHttpMetrics)
#include "tst_httpmetrics.moc"
