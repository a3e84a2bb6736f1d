#pragma once

#include <QTextStream>

namespace javumbo {
// Add-card commits per second: 1 thread on 1 collection, 4 threads on 4, 8 threads on 1 through the lock
// registry (each taking the lock, and with the holder running the queue); then review_next on a large deck.
void benchStorage(QTextStream &out);
} // namespace javumbo
