#pragma once

#include "exchangedata.h"

#include <QMap>

namespace javumbo::interop {

// Javumbo's notes are Basic (front, back, one card). The stated policy for
// other note types (docs/scheduling.md §11): field 1 is the front, field 2 the
// back, further fields are joined into the back with a line break (<br>);
// only the first card (template 1) of a note is imported. NoteMapping turns
// source notes into front/back and collects what was simplified, once per
// note type, for the import log.
class NoteMapping
{
public:
    explicit NoteMapping(const QHash<qint64, SourceNotetype> &notetypes);

    struct Mapped
    {
        QString front;
        QString back;
    };
    Mapped map(const SourceNote &note);
    // Counts a card of a template after the first, which is not imported.
    void skipCard(const SourceNote &note, int ord);

    // One line per simplified note type: "note type 'Cloze' (3 notes): ...".
    QStringList simplifications() const;
    // One line per skipped template: "12 cards of note type ...".
    QStringList skippedCards() const;

private:
    struct Usage
    {
        qint64 notes = 0;
        QMap<int, qint64> skippedCardsByOrd;
    };
    const QHash<qint64, SourceNotetype> &m_notetypes;
    QMap<qint64, Usage> m_usage; // note types whose notes were mapped
};

} // namespace javumbo::interop
