#include "adminwriter.h"

#include "adminschema.h"
#include "storage/pgcollections.h"
#include "storage/transaction.h"

#include <QFileInfo>

#include <chrono>
#include <map>
#include <memory>
#include <mutex>

using namespace Qt::StringLiterals;

namespace javumbo {

namespace {

// One mutex per admin.db path for the life of the process; a process opens
// very few admin databases, so entries are never removed.
std::timed_mutex *mutexForPath(const QString &absolutePath)
{
    static std::mutex registryMutex;
    static std::map<QString, std::unique_ptr<std::timed_mutex>> mutexes; // guarded by registryMutex
    std::scoped_lock locker(registryMutex);
    std::unique_ptr<std::timed_mutex> &entry = mutexes[absolutePath];
    if (!entry)
        entry = std::make_unique<std::timed_mutex>();
    return entry.get();
}

} // namespace

AdminWriter::AdminWriter(const QString &adminDbPath)
    : m_path(storage::PgCollections::isLocator(adminDbPath) ? adminDbPath
                                                            : QFileInfo(adminDbPath).absoluteFilePath())
    , m_mutex(mutexForPath(m_path))
{ }

Result<void> AdminWriter::run(const Work &work) const
{
    // Bounded like every other lock in Javumbo: a stuck writer yields a clear
    // error instead of a request that never returns.
    std::unique_lock locker(*m_mutex, std::chrono::milliseconds(kMaxWaitMs));
    if (!locker.owns_lock())
        return makeError(
            ErrorCode::StorageUnavailable, u"admin.db is busy: no write slot within %1 ms"_s.arg(kMaxWaitMs));
    return storage::inTransaction(openAdminDatabase(m_path), work);
}

} // namespace javumbo
