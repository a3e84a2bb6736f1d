#pragma once

#include <QString>
#include <QStringList>

namespace javumbo::collection {

// Anki's derived note columns (docs/scheduling.md §9).
namespace notefields {

inline constexpr QChar kFieldSeparator = QChar(0x1f);

// Media tags become their file names, comments/style/script and all other
// tags go, entities are decoded, non-breaking spaces become spaces.
QString stripHtml(const QString &html);
// First 8 hex digits of SHA-1 of strip(field), as an unsigned integer.
qint64 checksum(const QString &firstField);
// The same for a field already passed through stripHtml (saves stripping twice).
qint64 checksumOfStripped(const QString &strippedField);
// Anki's base-91 form of a 64-bit number, most significant digit first.
QString base91(quint64 value);
// A random note guid (QRandomGenerator::system).
QString newGuid();
// " tag1 tag2 " as Anki stores tags, "" for none.
QString joinTags(const QStringList &tags);
QStringList splitTags(const QString &stored);
// Tags must be non-empty and contain no whitespace; duplicates (case-insensitive) dropped.
QStringList normalizeTags(const QStringList &tags, bool *ok = nullptr);

QString joinFields(const QString &front, const QString &back);
// Splits flds into exactly two fields (missing ones are empty).
std::pair<QString, QString> splitFields(const QString &flds);

} // namespace notefields
} // namespace javumbo::collection
