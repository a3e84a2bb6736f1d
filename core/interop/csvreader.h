#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QList>
#include <QStringList>

#include <optional>

namespace javumbo::interop {

// The header lines Anki reads at the top of a text file (docs/scheduling.md §11):
// `#key:value`, keys trimmed and case-insensitive; other `#` lines are comments.
struct CsvHeader
{
    std::optional<QChar> separator;
    std::optional<bool> html;
    QStringList tags; // #tags: added to every note
    QStringList columns; // #columns:
    QString deck; // #deck: a name or an id
    QString notetype; // #notetype: a name or an id
    int deckColumn = 0; // 1-based; 0 = none
    int notetypeColumn = 0;
    int tagsColumn = 0;
    int guidColumn = 0;
};

struct CsvRecord
{
    qint64 line = 0; // where the record starts (1-based)
    QStringList fields;
};

struct CsvFile
{
    CsvHeader header;
    QChar separator; // the header's, else guessed from the data
    bool html = false; // the header's, else guessed from the data
    QList<CsvRecord> records;
};

// Reads a CSV/TSV file as Anki does: a UTF-8 BOM ignored, the header lines,
// then standard CSV (fields in double quotes may hold the separator, line
// breaks and doubled quotes). Without #separator the first of tab, pipe,
// semicolon, colon, comma found in the data is used (else space), as Anki
// guesses. Not UTF-8, or a quote never closed: invalid_csv with the line.
Result<CsvFile> readCsv(const QByteArray &bytes);

// One field as a CSV writer must write it for `separator` (quoted when needed).
QString csvField(const QString &text, QChar separator);

} // namespace javumbo::interop
