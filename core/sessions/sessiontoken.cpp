#include "sessiontoken.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

#include <array>

namespace javumbo::sessiontoken {

namespace {

constexpr auto kEncoding = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

} // namespace

QString generate()
{
    std::array<quint32, kTokenBytes / sizeof(quint32)> words;
    QRandomGenerator::system()->fillRange(words.data(), qsizetype(words.size()));
    const QByteArray raw(reinterpret_cast<const char *>(words.data()), kTokenBytes);
    return QString::fromLatin1(raw.toBase64(kEncoding));
}

std::optional<QByteArray> hash(const QString &token)
{
    if (token.size() != kTokenLength)
        return std::nullopt;
    const QByteArray encoded = token.toLatin1();
    const auto decoded
        = QByteArray::fromBase64Encoding(encoded, kEncoding | QByteArray::AbortOnBase64DecodingErrors);
    // Re-encoding rejects the variants a lenient decoder accepts (other
    // alphabets, non-zero trailing bits, non-Latin-1 characters).
    if (!decoded || decoded.decoded.size() != kTokenBytes || decoded.decoded.toBase64(kEncoding) != encoded)
        return std::nullopt;
    return QCryptographicHash::hash(encoded, QCryptographicHash::Sha256);
}

QString sessionId(const QByteArray &tokenHash)
{
    return QString::fromLatin1(tokenHash.left(8).toHex());
}

} // namespace javumbo::sessiontoken
