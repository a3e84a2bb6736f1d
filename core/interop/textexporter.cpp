#include "textexporter.h"

#include "collection/decktree.h"
#include "collection/notefields.h"
#include "csvreader.h"

using namespace Qt::StringLiterals;

namespace javumbo::interop {

namespace notefields = collection::notefields;

Result<QByteArray> exportText(
    const collection::ReadView &view, std::optional<qint64> deckId, const ProgressSink &progress)
{
    const collection::DeckTree tree(view.meta.decks());
    if (deckId && !tree.contains(*deckId))
        return makeError(ErrorCode::DeckNotFound, u"deck %1 not found"_s.arg(*deckId));
    QStringList ids;
    for (const auto &[id, name] : tree.all()) {
        if (!deckId || tree.withDescendants(*deckId).contains(id))
            ids.append(QString::number(id));
    }
    storage::Query notes(*view.db,
        u"SELECT n.guid, min(c.did), n.flds, n.tags FROM notes n JOIN cards c ON $user(c) c.nid = n.id"
        " WHERE $user(n) c.did IN (%1) GROUP BY n.id, n.guid, n.flds, n.tags ORDER BY n.id"_s.arg(
            ids.join(u',')),
        storage::Query::Caching::Uncached);
    if (auto done = notes.exec(); !done)
        return done.error();
    const QChar tab = u'\t';
    QString out
        = u"#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n#deck column:3\n#tags column:6\n"_s;
    qint64 count = 0;
    while (notes.next()) {
        const auto [front, back] = notefields::splitFields(notes.text(2));
        out += csvField(notes.text(0), tab) % tab % u"Basic"_s % tab
            % csvField(tree.name(notes.int64(1)), tab) % tab % csvField(front, tab) % tab
            % csvField(back, tab) % tab % csvField(notefields::splitTags(notes.text(3)).join(u' '), tab)
            % u'\n';
        if (++count % 5000 == 0)
            report(progress, u"Writing notes"_s, count, 0);
    }
    return out.toUtf8();
}

} // namespace javumbo::interop
