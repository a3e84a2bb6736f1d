#include "pacer.h"

#include "payloads.h"

#include <cmath>

namespace javumbo::loadtest {

Pacer::Pacer(RunContext &context, QRandomGenerator &random, IntRange thinkMs, double openRatePerUser)
    : m_context(context), m_random(random), m_thinkMs(thinkMs), m_ratePerUser(openRatePerUser)
{ }

qint64 Pacer::nextTurn(const QString &op)
{
    if (m_context.stopRequested())
        return -1;
    const qint64 nowUs = m_context.history().nowUs();
    if (m_context.profile().model == LoadProfile::Model::Closed || m_ratePerUser <= 0) {
        if (!m_context.sleepFor(qint64(payloads::draw(m_random, m_thinkMs)) * 1000))
            return -1;
        return m_context.history().nowUs();
    }
    const qint64 dropAfterUs = qint64(m_context.profile().dropAfterMs) * 1000;
    if (m_nextUs < 0)
        m_nextUs = nowUs;
    for (;;) {
        // Exponential gaps: arrivals do not wait for the server, which is the point of an open model.
        const double gapS = -std::log(1.0 - m_random.generateDouble()) / m_ratePerUser;
        m_nextUs += qint64(gapS * 1e6);
        if (m_context.history().nowUs() <= m_nextUs + dropAfterUs)
            break;
        m_context.metrics().recordDropped(op);
    }
    if (!m_context.sleepUntil(m_nextUs))
        return -1;
    return m_nextUs;
}

} // namespace javumbo::loadtest
