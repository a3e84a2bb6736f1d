#include "statusline.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace javumbo::loadtest {

namespace {

// The endpoints the plan watches, in the order it lists them.
const QStringList WatchedEndpoints {u"add_card"_s, u"review_next"_s, u"review_answer"_s, u"login"_s};

} // namespace

QString formatDuration(double seconds)
{
    const qint64 total = qint64(std::max(0.0, std::round(seconds)));
    return u"%1:%2"_s.arg(total / 60, 2, 10, QChar(u'0')).arg(total % 60, 2, 10, QChar(u'0'));
}

QString statusLine(const RunSnapshot &snapshot)
{
    QStringList p95;
    for (const EndpointLive &endpoint : snapshot.endpoints) {
        if (WatchedEndpoints.contains(endpoint.op))
            p95.append(u"%1 %2ms"_s.arg(endpoint.op).arg(endpoint.p95Ms, 0, 'f', 0));
    }
    const integrity::Lane &lane = snapshot.lane;
    QString line = u"[%1] %2 | writers %3 reviewers %4 others %5 | cards %6 | errors %7 | %8 req/s"_s
                       .arg(formatDuration(snapshot.elapsedS), phaseName(snapshot.phase))
                       .arg(snapshot.activeWriters)
                       .arg(snapshot.activeReviewers)
                       .arg(snapshot.activeOthers)
                       .arg(snapshot.cardsCreated)
                       .arg(snapshot.errors)
                       .arg(snapshot.requestsPerSecond, 0, 'f', 1);
    if (!p95.isEmpty())
        line += u" | p95 "_s + p95.join(u", "_s);
    if (snapshot.dropped > 0)
        line += u" | dropped %1"_s.arg(snapshot.dropped);
    line += u" | integrity ack %1 verified %2 pending %3 violated %4"_s.arg(lane.acknowledged)
                .arg(lane.verified)
                .arg(lane.pending)
                .arg(lane.violated);
    if (!snapshot.violations.isEmpty())
        line += u" | VIOLATIONS %1"_s.arg(snapshot.violations.size());
    return line;
}

QString progressBar(const RunSnapshot &snapshot, int width)
{
    const int filled = int(std::lround(std::clamp(snapshot.progress, 0.0, 1.0) * width));
    const QString eta = snapshot.etaS < 0 ? u"--:--"_s : formatDuration(snapshot.etaS);
    return u"[%1%2] %3 %  ETA %4"_s.arg(QString(filled, u'#'), QString(width - filled, u'.'))
        .arg(int(std::lround(snapshot.progress * 100)), 3)
        .arg(eta);
}

} // namespace javumbo::loadtest
