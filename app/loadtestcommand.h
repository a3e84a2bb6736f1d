#pragma once

#include <QStringList>

namespace javumbo::app {

// `javumbo loadtest`: runs the load-testing plan against an embedded scratch
// server or --target, validates integrity and writes the reports.
// Exit codes: 0 pass, 1 a threshold failed, 2 an integrity violation, 3 could not run.
int runLoadTest(const QStringList &arguments);

} // namespace javumbo::app
