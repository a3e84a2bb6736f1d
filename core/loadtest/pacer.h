#pragma once

#include "runcontext.h"

#include <QRandomGenerator>

namespace javumbo::loadtest {

// When a virtual user's next operation starts. Closed model: after a think
// time drawn from the profile. Open model: on the user's share of the target
// rate (Poisson arrivals); an operation that could not start within
// dropAfterMs of its intended time is dropped and counted, and the next one's
// latency still counts from its intended start.
class Pacer
{
public:
    Pacer(RunContext &context, QRandomGenerator &random, IntRange thinkMs, double openRatePerUser);

    // Waits for the next operation's turn and returns its intended start (run
    // time, µs); -1 when the run is stopping.
    qint64 nextTurn(const QString &op);

private:
    RunContext &m_context;
    QRandomGenerator &m_random;
    IntRange m_thinkMs;
    double m_ratePerUser;
    qint64 m_nextUs = -1;
};

} // namespace javumbo::loadtest
