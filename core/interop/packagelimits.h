#pragma once

#include "common/result.h"

#include <QList>
#include <QString>

namespace javumbo::interop {

// One entry of a zip's central directory, as the archive declares it.
struct ZipEntry
{
    qint64 index = 0;
    QString name;
    qint64 size = 0; // declared uncompressed size
    qint64 compressedSize = 0;
    bool stored = false; // compression method "store"
};

// What an imported package may expand to (zip bombs). Checked on the central
// directory before anything is written, and again while every entry streams
// (declared sizes are only a claim: a reader counts what really comes out).
struct PackageLimits
{
    qint64 maxTotalBytes = qint64(2) << 30; // all entries together, uncompressed (2 GiB)
    qint64 maxEntries = 100000;
    // Entries above kRatioFloorBytes may not expand more than this: real
    // collections and media compress far less, a bomb far more.
    double maxRatio = 200.0;
    qint64 ratioFloorBytes = qint64(1) << 20;
};

// Refuses an archive whose directory already breaks the limits: too many
// entries, too large a total, an entry that expands suspiciously.
Result<void> checkDirectory(const QList<ZipEntry> &entries, const PackageLimits &limits);

// A budget of uncompressed bytes, spent while entries stream (zstd included).
class ExpansionBudget
{
public:
    explicit ExpansionBudget(qint64 bytes) : m_left(bytes) { }
    // With the ratio of `limits` too, for streams whose size no directory declares (zstd).
    explicit ExpansionBudget(const PackageLimits &limits)
        : m_left(limits.maxTotalBytes), m_maxRatio(limits.maxRatio), m_ratioFloorBytes(limits.ratioFloorBytes)
    { }
    // Takes `bytes` from the budget; a package error once it is spent.
    Result<void> spend(qint64 bytes, const QString &entry);
    // A package error when `produced` bytes came out of `consumed` compressed ones at more than
    // the ratio allowed (checked as the stream goes, so a bomb stops within one input chunk).
    Result<void> checkRatio(qint64 produced, qint64 consumed, const QString &entry) const;

private:
    qint64 m_left;
    double m_maxRatio = 0; // 0: no ratio check
    qint64 m_ratioFloorBytes = 0;
};

} // namespace javumbo::interop
