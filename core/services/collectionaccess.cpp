#include "collectionaccess.h"

#include "requesttrace.h"
#include "walcheckpointer.h"

namespace javumbo {

CollectionAccess::CollectionAccess(const ServiceContext &context) : m_context(context) { }

collection::UserCollection CollectionAccess::collection(qint64 userId) const
{
    // Planted faults (loadtest self-test) that act inside the collection come in as its hooks.
    return collection::UserCollection(m_context.collectionPath(userId), *m_context.clock, m_context.fuzz,
        m_context.collectionHooks ? *m_context.collectionHooks : collection::CollectionHooks::none());
}

void CollectionAccess::noteWrite(qint64 userId, const collection::UserCollection &written) const
{
    if (m_context.checkpointer)
        m_context.checkpointer->noteWrite(written.path(), userId);
}

void CollectionAccess::noteLockWait(const Result<double> &ran) const
{
    RequestTrace::addLockWait(ran ? ran.value() : double(m_context.lockTimeout.count()));
}

} // namespace javumbo
