#include "passwordhasher.h"

#include <QCryptographicHash>
#include <QList>
#include <QLoggingCategory>
#include <QPasswordDigestor>
#include <QRandomGenerator>

#include <array>
#include <optional>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcPasswordHasher, "javumbo.accounts.password")

namespace javumbo {

namespace {

const QString kScheme = u"pbkdf2-sha256"_s;
// A stored count above this is treated as tampering: verifying it would let
// whoever wrote it stall a server thread for minutes.
constexpr int kMaxStoredIterations = 10'000'000;

struct ParsedHash
{
    int iterations = 0;
    QByteArray salt;
    QByteArray key;
};

QByteArray passwordBytes(const QString &password)
{
    // The same password typed on different systems may arrive composed or
    // decomposed; hash one canonical form.
    return password.normalized(QString::NormalizationForm_C).toUtf8();
}

QByteArray deriveKey(const QByteArray &password, const QByteArray &salt, int iterations)
{
    return QPasswordDigestor::deriveKeyPbkdf2(
        QCryptographicHash::Sha256, password, salt, iterations, PasswordHasher::kKeyBytes);
}

std::optional<QByteArray> decodeBase64(QStringView text)
{
    auto decoded = QByteArray::fromBase64Encoding(text.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    return *decoded;
}

std::optional<ParsedHash> parse(const QString &stored)
{
    const QList<QStringView> parts = QStringView(stored).split(u'$');
    if (parts.size() != 4 || parts[0] != kScheme)
        return std::nullopt;
    ParsedHash parsed;
    bool ok = false;
    parsed.iterations = parts[1].toInt(&ok);
    if (!ok || parsed.iterations < 1 || parsed.iterations > kMaxStoredIterations)
        return std::nullopt;
    const auto salt = decodeBase64(parts[2]);
    const auto key = decodeBase64(parts[3]);
    if (!salt || !key || salt->size() < PasswordHasher::kSaltBytes
        || key->size() != PasswordHasher::kKeyBytes)
        return std::nullopt;
    parsed.salt = *salt;
    parsed.key = *key;
    return parsed;
}

QString format(int iterations, const QByteArray &salt, const QByteArray &key)
{
    return kScheme % u'$' % QString::number(iterations) % u'$' % QString::fromLatin1(salt.toBase64()) % u'$'
        % QString::fromLatin1(key.toBase64());
}

QByteArray randomSalt()
{
    std::array<quint32, PasswordHasher::kSaltBytes / sizeof(quint32)> words;
    QRandomGenerator::system()->fillRange(words.data(), qsizetype(words.size()));
    return QByteArray(reinterpret_cast<const char *>(words.data()), PasswordHasher::kSaltBytes);
}

int effectiveIterations(const PasswordHasher::Options &options)
{
    if (options.allowWeakForTests)
        return qMax(1, options.iterations);
    if (options.iterations < PasswordHasher::kMinimumIterations) {
        qCWarning(lcPasswordHasher) << "PBKDF2 iteration count" << options.iterations
                                    << "raised to the minimum" << PasswordHasher::kMinimumIterations;
        return PasswordHasher::kMinimumIterations;
    }
    return qMin(options.iterations, kMaxStoredIterations);
}

} // namespace

PasswordHasher::PasswordHasher() : PasswordHasher(Options {}) { }

PasswordHasher::PasswordHasher(Options options)
    : m_iterations(effectiveIterations(options))
    // Same shape and count as a real hash, so dummyVerify() runs verify()'s
    // exact path; the all-zero key is never the output of PBKDF2 in practice.
    , m_dummyHash(format(m_iterations, QByteArray(kSaltBytes, 'j'), QByteArray(kKeyBytes, '\0')))
{ }

QString PasswordHasher::hash(const QString &password) const
{
    const QByteArray salt = randomSalt();
    return format(m_iterations, salt, deriveKey(passwordBytes(password), salt, m_iterations));
}

bool PasswordHasher::verify(const QString &password, const QString &storedHash) const
{
    const std::optional<ParsedHash> parsed = parse(storedHash);
    if (!parsed)
        return false;
    return constantTimeEquals(
        deriveKey(passwordBytes(password), parsed->salt, parsed->iterations), parsed->key);
}

void PasswordHasher::dummyVerify(const QString &password) const
{
    // The result is meaningless; what matters is having spent the time.
    [[maybe_unused]] const bool ignored = verify(password, m_dummyHash);
}

bool PasswordHasher::constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    // Lengths are public (always kKeyBytes here), so returning early on them
    // leaks nothing.
    if (a.size() != b.size())
        return false;
    volatile unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference = difference | (static_cast<unsigned char>(a[i]) ^ static_cast<unsigned char>(b[i]));
    return difference == 0;
}

} // namespace javumbo
