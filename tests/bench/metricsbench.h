#pragma once

class QTextStream;

namespace javumbo {

// Prints HttpMetrics::recordRequest throughput, single-threaded and with 4 threads
// recording into the same series, plus the time to render a realistic /metrics body.
void benchMetrics(QTextStream &out);

} // namespace javumbo
