#include "collectionaccess.h"

#include "requesttrace.h"
#include "walcheckpointer.h"

namespace javumbo {

CollectionAccess::CollectionAccess(const ServiceContext &context) : m_context(context) { }

collection::UserCollection CollectionAccess::collection(qint64 userId) const
{
    collection::UserCollection userCollection(
        m_context.collectionPath(userId), *m_context.clock, m_context.fuzz);
    // Planted fault (loadtest self-test): clock-ids, double-revlog and no-user-lock act in storage.
    userCollection.setPlantedFault(m_context.fault);
    return userCollection;
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
