#include "runexit.h"

using namespace Qt::StringLiterals;

namespace javumbo::loadtest {

QString exitName(RunExit exit)
{
    switch (exit) {
    case RunExit::Pass:
        return u"pass"_s;
    case RunExit::ThresholdFailed:
        return u"threshold failed"_s;
    case RunExit::IntegrityViolation:
        return u"integrity violation"_s;
    case RunExit::CouldNotRun:
        return u"could not run"_s;
    }
    return {};
}

RunExit exitFor(integrity::Verdict verdict)
{
    switch (verdict) {
    case integrity::Verdict::Pass:
        return RunExit::Pass;
    case integrity::Verdict::Fail:
        return RunExit::IntegrityViolation;
    case integrity::Verdict::Unknown:
        return RunExit::CouldNotRun;
    }
    return RunExit::CouldNotRun;
}

} // namespace javumbo::loadtest
