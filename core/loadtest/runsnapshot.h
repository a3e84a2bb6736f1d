#pragma once

#include "integrity/integrityreport.h"
#include "runmetrics.h"

#include <QList>
#include <QString>

namespace javumbo::loadtest {

// The live numbers of one endpoint in a snapshot.
struct EndpointLive
{
    QString op;
    quint64 count = 0;
    quint64 errors = 0;
    double p95Ms = 0; // over the whole run so far
    double windowP95Ms = 0; // over the last second
};

// One point of the run's time line, taken each second by the monitor.
struct TimelinePoint
{
    double tS = 0;
    quint64 requests = 0; // in the last interval
    quint64 errors = 0; // in the last interval
    quint64 cardsCreated = 0; // cumulative
    int writers = 0;
    int reviewers = 0;
    integrity::Lane lane;
    QList<std::pair<QString, double>> windowP95Ms; // per endpoint
};

// The server's per-user lock figures, polled from /admin/locks.
struct LockPoint
{
    double tS = 0;
    double maxWaitMs = 0; // the longest wait any user's lock has seen so far
    qint64 waiters = 0; // waiting right now, over all users
    qint64 contended = 0; // acquisitions that had to wait, over all users
};

// What the CLI prints and the GUI draws, once a second: a copy, safe to keep.
struct RunSnapshot
{
    enum class Phase
    {
        Starting,
        Registering,
        SettingUp,
        Running,
        Auditing,
        Finished
    };
    Phase phase = Phase::Starting;
    double elapsedS = 0;
    double progress = 0; // 0..1 of the planned operations
    double etaS = -1; // -1 while unknown
    int activeWriters = 0;
    int activeReviewers = 0;
    int activeOthers = 0; // session thrashing, hot user, retries
    quint64 operations = 0;
    quint64 cardsCreated = 0;
    quint64 errors = 0;
    quint64 dropped = 0;
    double requestsPerSecond = 0; // over the last interval
    QList<EndpointLive> endpoints;
    integrity::Lane lane;
    QList<integrity::Violation> violations; // found so far
    QList<integrity::CheckOutcome> checks; // the audit's, once it ran
    QList<TimelinePoint> timeline;
    QList<LockPoint> lockWaits;
};

QString phaseName(RunSnapshot::Phase phase);

} // namespace javumbo::loadtest
