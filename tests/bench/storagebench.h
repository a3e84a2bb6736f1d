#pragma once

#include <QTextStream>

namespace javumbo {
// Add-card commits per second: 1 thread on 1 collection, 4 threads on 4, 8 threads on 1 through the lock
// registry.
void benchStorage(QTextStream &out);
} // namespace javumbo
