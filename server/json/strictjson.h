#pragma once

#include <QByteArrayView>
#include <QString>

#include <optional>

namespace javumbo::server {

// Where and why a request body is not JSON.
struct JsonSyntaxError
{
    qsizetype offset = 0; // of the first byte that is wrong
    QString message; // "invalid escape \x at offset 12 (line 1, column 13)"
};

// Checks `text` against RFC 8259 strictly, before QJsonDocument::fromJson reads it: that reader
// is lenient (an invalid escape "\x41" becomes "x41", raw control characters pass inside
// strings) and keeps what is not Unicode (a lone surrogate escape, bytes that are not UTF-8),
// which storage then writes as something else than what the client was told. So: UTF-8 only
// (RFC 3629: no overlong forms, no encoded surrogates), escapes only of RFC 8259 §7 with
// surrogate escapes in pairs, no control character below U+0020 unescaped, numbers of the
// grammar, nothing after the value, nesting at most `maxDepth` deep.
std::optional<JsonSyntaxError> checkJsonSyntax(QByteArrayView text, int maxDepth = 1024);

} // namespace javumbo::server
