#pragma once

#include "runsnapshot.h"

#include <QString>

namespace javumbo::loadtest {

// The plan's monitoring line, once a second: elapsed time, active writers and
// reviewers, cards created, errors, requests per second, p95 per endpoint,
// and the integrity lane.
QString statusLine(const RunSnapshot &snapshot);

// A progress bar with the ETA, for a terminal: "[#########.........]  45 %  ETA 02:10".
QString progressBar(const RunSnapshot &snapshot, int width = 24);

QString formatDuration(double seconds); // "mm:ss"

} // namespace javumbo::loadtest
