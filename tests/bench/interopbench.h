#pragma once

#include <QTextStream>

namespace javumbo {
// Import and export speed (notes per second) for a 100,000-note deck: a CSV
// import, a version-1 .apkg export, the .apkg imported into an empty
// collection and a re-import that changes nothing; with the process's peak
// memory (VmHWM) after each step.
void benchInterop(QTextStream &out);
} // namespace javumbo
