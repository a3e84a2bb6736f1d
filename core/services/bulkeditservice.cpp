#include "bulkeditservice.h"

#include "collection/bulkundolog.h"
#include "collection/readview.h"

using namespace Qt::StringLiterals;

namespace javumbo {

using collection::UserCollection;
using collection::WriteContext;
namespace bulkedit = collection::bulkedit;

BulkEditService::BulkEditService(const ServiceContext &context) : m_access(context) { }

Result<collection::BulkResult> BulkEditService::apply(
    qint64 userId, const collection::BulkChange &change) const
{
    return m_access.write(userId, [&](UserCollection &collection) {
        return collection.transact([&](WriteContext &context) { return bulkedit::apply(context, change); });
    });
}

Result<int> BulkEditService::undo(qint64 userId, const collection::BulkUndoRecord &record) const
{
    return m_access.write(userId, [&](UserCollection &collection) {
        return collection.transact([&](WriteContext &context) { return bulkedit::undo(context, record); });
    });
}

Result<collection::BulkResult> BulkEditService::applyKept(
    qint64 userId, const collection::BulkChange &change) const
{
    return m_access.write(userId, [&](UserCollection &collection) {
        return collection.transact([&](WriteContext &context) -> Result<collection::BulkResult> {
            auto applied = bulkedit::apply(context, change);
            if (!applied || applied->undo.isEmpty())
                return applied;
            auto undoId = collection::bulkundolog::keep(context, applied->undo);
            if (!undoId)
                return undoId.error();
            collection::BulkResult result;
            result.changed = applied->changed;
            result.undo.kind = change.kind;
            result.undo.undoId = undoId.value();
            return result;
        });
    });
}

Result<int> BulkEditService::undoKept(qint64 userId, qint64 undoId) const
{
    return m_access.write(userId, [&](UserCollection &collection) {
        return collection.transact([&](WriteContext &context) -> Result<int> {
            auto record = collection::bulkundolog::take(context, undoId);
            if (!record)
                return record.error();
            return bulkedit::undo(context, record.value());
        });
    });
}

Result<int> BulkEditService::unburyIfNewDay(qint64 userId) const
{
    auto needed = m_access.read(userId, [](UserCollection &collection) -> Result<bool> {
        auto view = collection::ReadView::open(collection.path(), collection.clock());
        if (!view)
            return view.error();
        if (!bulkedit::needsUnbury(view->meta, view->timing.today))
            return false;
        // With nothing buried there is nothing to bring back: no write, so a
        // read never waits for the user's lock only to record the day (the
        // next bury records it, bulkedit::apply).
        // By deck, so ix_cards_sched (did, queue, due) answers with a few seeks on this hot path.
        QStringList decks;
        for (const QString &key : view->meta.decks().keys())
            decks.append(QString::number(key.toLongLong())); // numbers only, safe to inline
        storage::Query buried(*view->db,
            u"SELECT EXISTS (SELECT 1 FROM cards WHERE $user() did IN (%1) AND queue IN (-2, -3))"_s.arg(
                decks.join(u',')),
            storage::Query::Caching::Uncached);
        auto any = buried.scalar();
        if (!any)
            return any.error();
        return any.value() && any.value()->toBool();
    });
    if (!needed)
        return needed.error();
    if (!needed.value())
        return 0;
    return m_access.write(userId, [](UserCollection &collection) {
        return collection.transact([](WriteContext &context) { return bulkedit::unburyForNewDay(context); });
    });
}

} // namespace javumbo
