#include "textimporter.h"

#include <QHash>

using namespace Qt::StringLiterals;

namespace javumbo::interop {

namespace {

// Anki's plain-text fields: htmlescape's minimal set (& < > " ') and line breaks as <br>.
QString escaped(const QString &plain)
{
    return plain.toHtmlEscaped().replace(u'\'', u"&#x27;"_s).replace(u'\n', u"<br>"_s);
}

} // namespace

ExchangeData textToExchange(const CsvFile &file, ImportSummary &summary)
{
    const CsvHeader &header = file.header;
    ExchangeData data;
    const QList<int> metaColumns {
        header.guidColumn, header.deckColumn, header.notetypeColumn, header.tagsColumn};
    const bool basic = header.notetypeColumn == 0
        && (header.notetype.isEmpty() || header.notetype.compare(u"Basic"_s, Qt::CaseInsensitive) == 0);
    data.decks.insert(1, SourceDeck {1, u"Default"_s, 1, false});
    QHash<QString, qint64> deckIds;
    auto deckFor = [&](const QString &name) -> qint64 {
        if (name.isEmpty())
            return 1; // the chosen deck, else Default
        auto found = deckIds.constFind(name);
        if (found != deckIds.constEnd())
            return *found;
        const qint64 id = -1 - deckIds.size();
        deckIds.insert(name, id);
        data.decks.insert(id, SourceDeck {id, name, 1, false});
        return id;
    };
    const qint64 headerDeck = deckFor(header.deck);
    QSet<QString> notetypes;

    for (const CsvRecord &record : file.records) {
        auto column = [&](int number) { return number > 0 ? record.fields.value(number - 1) : QString(); };
        QStringList fields;
        for (int i = 1; i <= record.fields.size(); ++i) {
            if (!metaColumns.contains(i))
                fields.append(file.html ? record.fields.at(i - 1) : escaped(record.fields.at(i - 1)));
        }
        QStringList tags = header.tags;
        bool tagsGiven = !header.tags.isEmpty() || header.tagsColumn > 0;
        if (header.tagsColumn > 0) {
            tags += column(header.tagsColumn).split(u' ', Qt::SkipEmptyParts);
        } else if (basic && fields.size() == 3) {
            tags += record.fields.value(record.fields.size() - 1).split(u' ', Qt::SkipEmptyParts);
            fields.removeLast();
            tagsGiven = true;
        }
        if (fields.isEmpty() || (fields.size() == 1 && fields.first().isEmpty())) {
            summary.skip(record.line, u"the line has no fields"_s);
            continue;
        }
        const QString notetype = header.notetypeColumn > 0 ? column(header.notetypeColumn) : header.notetype;
        if (!notetype.isEmpty())
            notetypes.insert(notetype);
        const qint64 noteId = record.line;
        SourceNote note {
            noteId, column(header.guidColumn).trimmed(), 0, 0, tags, fields, record.line, tagsGiven};
        data.notes.append(note);
        const qint64 deck = header.deckColumn > 0 ? deckFor(column(header.deckColumn).trimmed()) : headerDeck;
        SourceCard card;
        card.noteId = noteId;
        card.deckId = deck;
        data.cards.append(card);
    }
    // Field names are unknown in a text file: a note type other than Basic is only reported.
    SourceNotetype basicType {0, u"Basic"_s, false, {u"Front"_s, u"Back"_s}, {u"Card 1"_s}};
    data.notetypes.insert(0, basicType);
    for (const QString &name : std::as_const(notetypes)) {
        if (name.compare(u"Basic"_s, Qt::CaseInsensitive) != 0)
            summary.simplified.append(
                u"note type \"%1\": imported as Basic (field 1 the front, field 2 the back,"
                " further fields added to the back with line breaks)"_s.arg(name));
    }
    return data;
}

} // namespace javumbo::interop
