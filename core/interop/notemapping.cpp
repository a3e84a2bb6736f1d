#include "notemapping.h"

using namespace Qt::StringLiterals;

namespace javumbo::interop {

namespace {

bool isPlainBasic(const SourceNotetype &type)
{
    return !type.cloze && type.fieldNames.size() == 2 && type.templateNames.size() <= 1;
}

QString describe(const SourceNotetype *type, qint64 id)
{
    return type ? u"note type \"%1\""_s.arg(type->name) : u"unknown note type %1"_s.arg(id);
}

} // namespace

NoteMapping::NoteMapping(const QHash<qint64, SourceNotetype> &notetypes) : m_notetypes(notetypes) { }

NoteMapping::Mapped NoteMapping::map(const SourceNote &note)
{
    const auto type = m_notetypes.constFind(note.notetypeId);
    if (type == m_notetypes.constEnd() || !isPlainBasic(*type))
        ++m_usage[note.notetypeId].notes;
    Mapped mapped {note.fields.value(0), note.fields.value(1)};
    QStringList extra = note.fields.mid(2);
    extra.removeAll(QString());
    if (!extra.isEmpty()) {
        if (!mapped.back.isEmpty())
            extra.prepend(mapped.back);
        mapped.back = extra.join(u"<br>"_s);
    }
    return mapped;
}

void NoteMapping::skipCard(const SourceNote &note, int ord)
{
    ++m_usage[note.notetypeId].skippedCardsByOrd[ord];
}

QStringList NoteMapping::simplifications() const
{
    QStringList lines;
    for (auto it = m_usage.constBegin(); it != m_usage.constEnd(); ++it) {
        if (it->notes == 0)
            continue;
        const auto type = m_notetypes.constFind(it.key());
        const SourceNotetype *known = type == m_notetypes.constEnd() ? nullptr : &*type;
        QString how = u"field 1 became the front, field 2 the back"_s;
        if (known && known->fieldNames.size() > 2)
            how += u", fields 3 to %1 (%2) were added to the back with line breaks"_s
                       .arg(known->fieldNames.size())
                       .arg(known->fieldNames.mid(2).join(u", "_s));
        if (known && known->cloze)
            how += u"; cloze deletions stay as {{c1::...}} text in the front"_s;
        lines.append(
            u"%1 (%2 notes): imported as Basic: %3"_s.arg(describe(known, it.key())).arg(it->notes).arg(how));
    }
    return lines;
}

QStringList NoteMapping::skippedCards() const
{
    QStringList lines;
    for (auto it = m_usage.constBegin(); it != m_usage.constEnd(); ++it) {
        const auto type = m_notetypes.constFind(it.key());
        const SourceNotetype *known = type == m_notetypes.constEnd() ? nullptr : &*type;
        for (auto ord = it->skippedCardsByOrd.constBegin(); ord != it->skippedCardsByOrd.constEnd(); ++ord) {
            const QString templateName = known ? known->templateNames.value(ord.key()) : QString();
            lines.append(
                u"%1 cards of %2, template %3%4: not imported, a Javumbo note has one card"_s.arg(ord.value())
                    .arg(describe(known, it.key()))
                    .arg(ord.key() + 1)
                    .arg(templateName.isEmpty() ? QString() : u" (\"%1\")"_s.arg(templateName)));
        }
    }
    return lines;
}

} // namespace javumbo::interop
