#include "durationoption.h"

using namespace Qt::StringLiterals;

namespace javumbo::app {

std::optional<std::chrono::milliseconds> parseDuration(const QString &text)
{
    const QString trimmed = text.trimmed().toLower();
    if (trimmed.isEmpty())
        return std::nullopt;
    qint64 unitSeconds = 1;
    QString number = trimmed;
    const QChar last = trimmed.back();
    if (last.isLetter()) {
        number.chop(1);
        switch (last.unicode()) {
        case u's':
            unitSeconds = 1;
            break;
        case u'm':
            unitSeconds = 60;
            break;
        case u'h':
            unitSeconds = 3600;
            break;
        case u'd':
            unitSeconds = 86400;
            break;
        default:
            return std::nullopt;
        }
    }
    bool ok = false;
    const double value = number.toDouble(&ok);
    if (!ok || value <= 0 || value > 1e7)
        return std::nullopt;
    return std::chrono::milliseconds(qint64(value * double(unitSeconds) * 1000.0));
}

QString formatDuration(std::chrono::milliseconds duration)
{
    const qint64 seconds = duration.count() / 1000;
    if (seconds % 86400 == 0)
        return u"%1d"_s.arg(seconds / 86400);
    if (seconds % 3600 == 0)
        return u"%1h"_s.arg(seconds / 3600);
    if (seconds % 60 == 0)
        return u"%1m"_s.arg(seconds / 60);
    return u"%1s"_s.arg(seconds);
}

} // namespace javumbo::app
