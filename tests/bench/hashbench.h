#pragma once

class QTextStream;

namespace javumbo {

// Password hashes per second at the production PBKDF2 iteration count: the
// ceiling on logins and registrations one core can serve.
void benchPasswordHashing(QTextStream &out);

} // namespace javumbo
