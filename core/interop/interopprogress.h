#pragma once

#include <QString>

#include <functional>

namespace javumbo::interop {

// How far an import or export is: `done` of `total` units of the named stage
// (total 0 while unknown). Reported from the working thread; the desktop app
// turns it into a progress bar with an estimate of the time left.
struct InteropProgress
{
    QString stage;
    qint64 done = 0;
    qint64 total = 0;
};

using ProgressSink = std::function<void(const InteropProgress &)>;

// Calls `sink` when there is one; every caller may pass an empty sink.
inline void report(const ProgressSink &sink, const QString &stage, qint64 done, qint64 total)
{
    if (sink)
        sink(InteropProgress {stage, done, total});
}

} // namespace javumbo::interop
