#include "packagelimits.h"

#include "interoperrors.h"

using namespace Qt::StringLiterals;

namespace javumbo::interop {

namespace {

QString mebibytes(qint64 bytes)
{
    return QString::number(double(bytes) / double(1 << 20), 'f', 0) % u" MiB"_s;
}

} // namespace

Result<void> checkDirectory(const QList<ZipEntry> &entries, const PackageLimits &limits)
{
    if (entries.size() > limits.maxEntries)
        return invalidPackage(u"the package holds %1 files, more than the %2 allowed"_s.arg(entries.size())
                                  .arg(limits.maxEntries));
    qint64 total = 0;
    for (const ZipEntry &entry : entries) {
        if (entry.size < 0 || entry.compressedSize < 0)
            return invalidPackage(u"the zip directory gives no size for \"%1\""_s.arg(entry.name));
        total += entry.size;
        if (total > limits.maxTotalBytes)
            return invalidPackage(u"the package would expand to more than %1 (zip bomb?)"_s.arg(
                mebibytes(limits.maxTotalBytes)));
        if (entry.size > limits.ratioFloorBytes
            && double(entry.size) > limits.maxRatio * double(std::max<qint64>(entry.compressedSize, 1)))
            return invalidPackage(
                u"\"%1\" would expand from %2 to %3 bytes, more than %4 times (zip bomb?)"_s.arg(entry.name)
                    .arg(entry.compressedSize)
                    .arg(entry.size)
                    .arg(limits.maxRatio));
    }
    return {};
}

Result<void> ExpansionBudget::spend(qint64 bytes, const QString &entry)
{
    m_left -= bytes;
    if (m_left < 0)
        return invalidPackage(
            u"\"%1\" expands beyond the size the package may have (zip bomb?)"_s.arg(entry));
    return {};
}

Result<void> ExpansionBudget::checkRatio(qint64 produced, qint64 consumed, const QString &entry) const
{
    if (m_maxRatio <= 0 || produced <= m_ratioFloorBytes
        || double(produced) <= m_maxRatio * double(std::max<qint64>(consumed, 1)))
        return {};
    return invalidPackage(
        u"\"%1\" expands from %2 to more than %3 bytes, more than %4 times (zip bomb?)"_s.arg(entry)
            .arg(consumed)
            .arg(produced)
            .arg(m_maxRatio));
}

} // namespace javumbo::interop
