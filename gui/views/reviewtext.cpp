#include "reviewtext.h"

#include "models/counttext.h"
#include "models/intervalformat.h"

#include <QDateTime>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace javumbo::gui::reviewtext {

QString counts(const collection::ReviewCounts &counts)
{
    return u"New %1 · Learning %2 · Due %3"_s.arg(counts.newCount).arg(counts.learning).arg(counts.review);
}

QString flagName(int flag)
{
    static const QString names[] = {QString(), u"Red"_s, u"Orange"_s, u"Green"_s, u"Blue"_s};
    return flag >= 1 && flag <= 4 ? names[flag] : QString();
}

QString flagBadge(int flag)
{
    return flag >= 1 && flag <= 4 ? u"⚑ %1"_s.arg(flagName(flag)) : QString();
}

QString undoneNote(const QString &step, int remaining)
{
    const QString note = u"Undid %1."_s.arg(step);
    if (remaining == 0)
        return note;
    return note + u" Ctrl+Z again takes back %1 more."_s.arg(counted(remaining, u"step"_s, u"steps"_s));
}

QString describeDue(qint64 dueSeconds, qint64 nowSeconds)
{
    const qint64 wait = dueSeconds - nowSeconds;
    if (wait <= 0)
        return u"More cards are due, but today's limit is reached. Come back tomorrow."_s;
    const QDateTime due = QDateTime::fromSecsSinceEpoch(dueSeconds);
    const QDate today = QDateTime::fromSecsSinceEpoch(nowSeconds).date();
    if (wait < 3600)
        return u"The next card is due in %1 (at %2)."_s.arg(
            formatInterval(wait), due.time().toString(u"HH:mm"_s));
    if (due.date() == today)
        return u"The next card is due today at %1."_s.arg(due.time().toString(u"HH:mm"_s));
    if (due.date() == today.addDays(1))
        return u"The next card is due tomorrow."_s;
    return u"The next card is due on %1 (in %2)."_s.arg(
        QLocale().toString(due.date(), QLocale::LongFormat), formatInterval(wait));
}

} // namespace javumbo::gui::reviewtext
