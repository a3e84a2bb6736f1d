#include "fault.h"

using namespace Qt::StringLiterals;

namespace javumbo {

namespace {

constexpr Fault kAllFaults[]
    = {Fault::NoUserLock, Fault::SharedSessionSlot, Fault::ClockIds, Fault::LostAck, Fault::DoubleRevlog,
        Fault::NoIdempotency, Fault::StaleSession, Fault::UndoKeepsRevlog, Fault::UnfilteredCardRead};

} // namespace

QString faultName(Fault fault)
{
    switch (fault) {
    case Fault::None:
        return {};
    case Fault::NoUserLock:
        return u"no-user-lock"_s;
    case Fault::SharedSessionSlot:
        return u"shared-session-slot"_s;
    case Fault::ClockIds:
        return u"clock-ids"_s;
    case Fault::LostAck:
        return u"lost-ack"_s;
    case Fault::DoubleRevlog:
        return u"double-revlog"_s;
    case Fault::NoIdempotency:
        return u"no-idempotency"_s;
    case Fault::StaleSession:
        return u"stale-session"_s;
    case Fault::UndoKeepsRevlog:
        return u"undo-keeps-revlog"_s;
    case Fault::UnfilteredCardRead:
        return u"unfiltered-card-read"_s;
    }
    return {};
}

std::optional<Fault> faultFromName(const QString &name)
{
    for (Fault fault : kAllFaults) {
        if (faultName(fault) == name)
            return fault;
    }
    return std::nullopt;
}

QStringList faultNames(FaultScope scope)
{
    QStringList names;
    for (Fault fault : kAllFaults) {
        if (scope == FaultScope::Any || !faultNeedsPostgres(fault))
            names.append(faultName(fault));
    }
    return names;
}

bool faultNeedsPostgres(Fault fault)
{
    return fault == Fault::UnfilteredCardRead;
}

QString faultWarning(Fault fault)
{
    return u"WARNING: planted fault '%1' is active: this server is deliberately broken for testing the checker"_s
        .arg(faultName(fault));
}

} // namespace javumbo
