#include "marker.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace javumbo::integrity {

QString markerOf(const QString &back)
{
    // QRegularExpression is thread-safe for matching, so one shared instance serves every reader.
    static const QRegularExpression marker(u"\\[MARKER:([^\\]]+)\\]"_s);
    const QRegularExpressionMatch match = marker.match(back);
    return match.hasMatch() ? match.captured(1) : QString();
}

} // namespace javumbo::integrity
