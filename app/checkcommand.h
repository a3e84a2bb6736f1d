#pragma once

#include <QStringList>

namespace javumbo::app {

// `javumbo check --run DIR [--data-dir DIR | --target URL]`: the integrity
// checker, offline, on a saved load-test run. Exit codes: 0 PASS, 2 FAIL,
// 3 UNKNOWN or could not run (loadtest::exitFor).
int runCheck(const QStringList &arguments);

} // namespace javumbo::app
