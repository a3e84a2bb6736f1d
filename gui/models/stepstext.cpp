#include "stepstext.h"

#include <QRegularExpression>
#include <QStringList>

#include <cmath>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

QString formatSteps(const QList<float> &minutes)
{
    QStringList parts;
    for (float step : minutes) {
        const double seconds = double(step) * 60.0;
        if (std::abs(seconds - std::round(seconds)) > 1e-3) {
            parts.append(QString::number(double(step)) + u"m"_s); // not whole seconds: minutes as stored
            continue;
        }
        // The largest unit that divides the step evenly: 1440 minutes read "1d".
        const qint64 whole = qint64(std::round(seconds));
        const std::pair<qint64, QString> units[]
            = {{86400, u"d"_s}, {3600, u"h"_s}, {60, u"m"_s}, {1, u"s"_s}};
        for (const auto &[size, unit] : units) {
            if (whole >= size && whole % size == 0) {
                parts.append(QString::number(whole / size) + unit);
                break;
            }
        }
    }
    return parts.join(u' ');
}

std::optional<QList<float>> parseSteps(const QString &text)
{
    static const QRegularExpression step(
        u"^(\\d+(?:\\.\\d+)?)([smhd]?)$"_s, QRegularExpression::CaseInsensitiveOption);
    QList<float> minutes;
    for (const QString &part : text.split(QRegularExpression(u"[\\s,]+"_s), Qt::SkipEmptyParts)) {
        const auto match = step.match(part);
        if (!match.hasMatch())
            return std::nullopt;
        const double value = match.captured(1).toDouble();
        const QString unit = match.captured(2).toLower();
        const double factor = unit == u"s"_s ? 1.0 / 60 : unit == u"h"_s ? 60 : unit == u"d"_s ? 1440 : 1;
        minutes.append(float(value * factor));
    }
    return minutes;
}

} // namespace javumbo::gui
