#pragma once

#include "integrity/integrityreport.h"

#include <QString>

namespace javumbo::loadtest {

// How a run ended: the exit codes of `javumbo loadtest` and `javumbo check`,
// and what the dashboard reports.
enum class RunExit
{
    Pass = 0,
    ThresholdFailed = 1,
    IntegrityViolation = 2,
    CouldNotRun = 3
};

QString exitName(RunExit exit); // pass, threshold failed, integrity violation, could not run

// The exit a verdict alone decides: PASS passes, FAIL is an integrity
// violation, UNKNOWN could not prove anything. Thresholds can only turn a Pass
// into ThresholdFailed (LoadTestRunner::run).
RunExit exitFor(integrity::Verdict verdict);

} // namespace javumbo::loadtest
