#include "bulkeditservice.h"

#include "collection/readview.h"

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

Result<int> BulkEditService::unburyIfNewDay(qint64 userId) const
{
    auto needed = m_access.read(userId, [](UserCollection &collection) -> Result<bool> {
        auto view = collection::ReadView::open(collection.path(), collection.clock());
        if (!view)
            return view.error();
        return bulkedit::needsUnbury(view->meta, view->timing.today);
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
