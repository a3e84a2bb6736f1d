#pragma once

class QTextStream;

namespace javumbo {

// Times about a million answerCard calls over a realistic mix of card states
// and buttons and prints "SM-2 answers per second: N".
void benchSm2(QTextStream &out);

} // namespace javumbo
