#pragma once

#include "runreport.h"

#include <QString>

namespace javumbo::loadtest {

// The end of a run as `javumbo loadtest` and `javumbo check` print it: the
// verdict and each check, the first violations, the thresholds, where the
// report is and the exit.
QString resultText(const RunRecord &record, const QString &reportDir);

} // namespace javumbo::loadtest
