#include "counttext.h"

#include <QLocale>

namespace javumbo::gui {

QString counted(qint64 count, const QString &singular, const QString &plural)
{
    return QLocale().toString(count) + QLatin1Char(' ') + (count == 1 ? singular : plural);
}

} // namespace javumbo::gui
