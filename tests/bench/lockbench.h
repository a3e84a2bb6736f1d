#pragma once

class QTextStream;

namespace javumbo {

// Prints UserLockRegistry throughput: uncontended, and 8 threads on one user
// (every acquisition a FIFO hand-off), plus the longest wait seen.
void benchLocks(QTextStream &out);

} // namespace javumbo
