#include "requestid.h"

#include <QByteArray>
#include <QRandomGenerator>

#include <algorithm>
#include <array>

namespace javumbo::server {

QString generateRequestId()
{
    // An id only has to be unique, not secret: the global generator is enough and never blocks.
    std::array<quint32, 4> words {};
    QRandomGenerator::global()->fillRange(words.data(), words.size());
    const QByteArray bytes(reinterpret_cast<const char *>(words.data()), sizeof(words));
    return QString::fromLatin1(bytes.toHex());
}

bool isValidRequestId(QByteArrayView value)
{
    constexpr qsizetype maxLength = 64;
    if (value.isEmpty() || value.size() > maxLength)
        return false;
    return std::all_of(value.begin(), value.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
            || c == '_' || c == '-';
    });
}

} // namespace javumbo::server
