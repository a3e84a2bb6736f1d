#include "hashbench.h"

#include "accounts/passwordhasher.h"

#include <QElapsedTimer>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace javumbo {

void benchPasswordHashing(QTextStream &out)
{
    constexpr int kHashes = 5;
    const PasswordHasher hasher; // production settings, on purpose
    // One untimed hash first, so lazy initialisation is not measured.
    const QString warmUp = hasher.hash(u"warm up the digest code"_s);

    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < kHashes; ++i) {
        // A different password each time, as real registrations would be.
        const QString hashed = hasher.hash(u"benchmark password %1"_s.arg(i));
        Q_UNUSED(hashed);
    }
    const qint64 elapsedNs = qMax<qint64>(1, timer.nsecsElapsed());
    const double perHashMs = double(elapsedNs) / kHashes / 1e6;
    out << u"password hashing (PBKDF2-HMAC-SHA256, %1 iterations): %2 hashes/s, %3 ms per hash (%4 timed)"_s
               .arg(hasher.iterations())
               .arg(kHashes * 1e9 / double(elapsedNs), 0, 'f', 2)
               .arg(perHashMs, 0, 'f', 1)
               .arg(kHashes)
        << Qt::endl;
    Q_UNUSED(warmUp);
}

} // namespace javumbo
