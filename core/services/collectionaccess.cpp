#include "collectionaccess.h"

#include "requesttrace.h"

namespace javumbo {

CollectionAccess::CollectionAccess(const ServiceContext &context) : m_context(context) { }

storage::UserCollection CollectionAccess::collection(qint64 userId) const
{
    storage::UserCollection userCollection(
        m_context.collectionPath(userId), *m_context.clock, m_context.fuzz);
    // Planted fault (loadtest self-test): clock-ids, double-revlog and no-user-lock act in storage.
    userCollection.setPlantedFault(m_context.fault);
    return userCollection;
}

Result<UserLockGuard> CollectionAccess::lock(qint64 userId) const
{
    auto guard = m_context.locks->lock(userId, m_context.lockTimeout);
    if (guard)
        RequestTrace::addLockWait(guard->waitedMs());
    else
        RequestTrace::addLockWait(double(m_context.lockTimeout.count()));
    return guard;
}

} // namespace javumbo
