#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

// Session tokens: 256 random bits as 43 characters of unpadded base64url.
// The database only ever sees hash().
namespace javumbo::sessiontoken {

inline constexpr int kTokenBytes = 32;
inline constexpr int kTokenLength = 43;

QString generate();
// The SHA-256 of a well-formed token; nullopt for anything that generate()
// could not have produced, so garbage never reaches the database.
std::optional<QByteArray> hash(const QString &token);
// Hex of the first 8 bytes of a token hash (Session::sessionId).
QString sessionId(const QByteArray &tokenHash);

} // namespace javumbo::sessiontoken
