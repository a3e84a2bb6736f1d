#include "importsummary.h"

using namespace Qt::StringLiterals;

namespace javumbo::interop {

void ImportSummary::skip(qint64 line, const QString &reason)
{
    if (skipped.size() < kMaxSkippedListed)
        skipped.append(SkippedItem {line, reason});
    else
        ++skippedNotListed;
}

void ImportSummary::absorb(const ImportSummary &other)
{
    notesAdded += other.notesAdded;
    notesUpdated += other.notesUpdated;
    notesUnchanged += other.notesUnchanged;
    cardsAdded += other.cardsAdded;
    decksCreated += other.decksCreated;
    mediaAdded += other.mediaAdded;
    for (const SkippedItem &item : other.skipped)
        skip(item.line, item.reason);
    skippedNotListed += other.skippedNotListed;
    simplified += other.simplified;
}

QString ImportSummary::text() const
{
    QString out
        = u"%1 notes added, %2 updated, %3 unchanged; %4 cards added; %5 decks created; %6 media files added;"
          " %7 skipped\n"_s.arg(notesAdded)
              .arg(notesUpdated)
              .arg(notesUnchanged)
              .arg(cardsAdded)
              .arg(decksCreated)
              .arg(mediaAdded)
              .arg(skippedCount());
    for (const QString &line : simplified)
        out += u"simplified: "_s % line % u'\n';
    for (const SkippedItem &item : skipped)
        out += (item.line > 0 ? u"skipped line %1: "_s.arg(item.line) : u"skipped: "_s) % item.reason % u'\n';
    if (skippedNotListed > 0)
        out += u"... and %1 more skipped\n"_s.arg(skippedNotListed);
    return out;
}

} // namespace javumbo::interop
