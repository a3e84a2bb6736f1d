#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace javumbo::interop {

// A note or line that was not imported, and why (docs/api.md: skipped[]).
struct SkippedItem
{
    qint64 line = 0; // 1-based line of a text file; 0 for packages
    QString reason;
};

// What an import did, like Anki's import log: notes added, updated (newer
// in the file), unchanged (the same or newer here), cards added, decks
// created, media files added; what was skipped and why; and which note types
// were simplified to Basic.
struct ImportSummary
{
    qint64 notesAdded = 0;
    qint64 notesUpdated = 0;
    qint64 notesUnchanged = 0;
    qint64 cardsAdded = 0;
    qint64 decksCreated = 0;
    qint64 mediaAdded = 0;
    QList<SkippedItem> skipped;
    qint64 skippedNotListed = 0; // beyond kMaxSkippedListed
    QStringList simplified;

    // At most this many skipped items are listed; the rest are counted.
    static constexpr int kMaxSkippedListed = 1000;
    void skip(qint64 line, const QString &reason);
    // Adds another summary's counts and lists (a text file's skipped lines to the merge's).
    void absorb(const ImportSummary &other);
    qint64 skippedCount() const { return skipped.size() + skippedNotListed; }
    // "12 notes added, 3 updated, ..." for the command line and the desktop app.
    QString text() const;
};

} // namespace javumbo::interop
