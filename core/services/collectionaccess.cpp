#include "collectionaccess.h"

#include "quarantine.h"
#include "requesttrace.h"
#include "storage/filecheck.h"
#include "walcheckpointer.h"

#include <QLoggingCategory>

using namespace Qt::StringLiterals;

namespace javumbo {

namespace {
Q_LOGGING_CATEGORY(lcAccess, "javumbo.storage")
}

CollectionAccess::CollectionAccess(const ServiceContext &context) : m_context(context) { }

collection::UserCollection CollectionAccess::collection(qint64 userId) const
{
    // Planted faults (loadtest self-test) that act inside the collection come in as its hooks.
    return collection::UserCollection(m_context.collectionPath(userId), *m_context.clock, m_context.fuzz,
        m_context.collectionHooks ? *m_context.collectionHooks : collection::CollectionHooks::none());
}

void CollectionAccess::noteWrite(qint64 userId, const QString &path) const
{
    if (m_context.checkpointer)
        m_context.checkpointer->noteWrite(path, userId);
}

void CollectionAccess::noteLockWait(const Result<double> &ran) const
{
    RequestTrace::addLockWait(ran ? ran.value() : double(m_context.lockTimeout.count()));
}

std::optional<Error> CollectionAccess::refusal(const QString &path) const
{
    if (m_context.quarantine && m_context.quarantine->contains(path))
        return makeError(ErrorCode::StorageCorrupt, Quarantine::userMessage());
    return std::nullopt;
}

Error CollectionAccess::screen(const QString &path, const Error &error) const
{
    // Confirmed by the file itself: damage FileWatch saw (replaced, truncated,
    // failed quick_check), or SQLite's integrity_check on a fresh connection.
    // A bad value in one row (a card of unknown type) is not damage to the file.
    QString reason = error.message;
    bool damaged = storage::FileWatch::instance().isDamaged(path);
    if (!damaged && !m_context.postgres) { // a file to check; PostgreSQL checks its own pages
        const Result<void> checked = storage::checkFile(path, true);
        damaged = !checked && checked.code() == ErrorCode::StorageCorrupt;
        if (damaged)
            reason += u"; "_s + checked.error().message;
    }
    if (damaged && m_context.quarantine)
        return m_context.quarantine->add(path, reason);
    qCWarning(lcAccess).noquote() << u"storage_corrupt on %1: %2"_s.arg(path, error.message);
    if (damaged)
        return makeError(ErrorCode::StorageCorrupt, Quarantine::userMessage());
    return error;
}

} // namespace javumbo
