#include "adminwriter.h"

#include "adminschema.h"
#include "storage/transaction.h"

#include <QFileInfo>

#include <map>
#include <memory>
#include <mutex>

using namespace Qt::StringLiterals;

namespace javumbo {

namespace {

// One mutex per admin.db path for the life of the process; a process opens
// very few admin databases, so entries are never removed.
QMutex *mutexForPath(const QString &absolutePath)
{
    static QMutex registryMutex;
    static std::map<QString, std::unique_ptr<QMutex>> mutexes;
    QMutexLocker locker(&registryMutex);
    std::unique_ptr<QMutex> &entry = mutexes[absolutePath];
    if (!entry)
        entry = std::make_unique<QMutex>();
    return entry.get();
}

} // namespace

AdminWriter::AdminWriter(const QString &adminDbPath)
    : m_path(QFileInfo(adminDbPath).absoluteFilePath()), m_mutex(mutexForPath(m_path))
{ }

Result<void> AdminWriter::run(const Work &work) const
{
    // Bounded like every other lock in Javumbo: a stuck writer yields a clear
    // error instead of a request that never returns.
    if (!m_mutex->tryLock(kMaxWaitMs))
        return makeError(
            ErrorCode::StorageUnavailable, u"admin.db is busy: no write slot within %1 ms"_s.arg(kMaxWaitMs));
    std::unique_lock<QMutex> locker(*m_mutex, std::adopt_lock);
    return storage::inTransaction(openAdminDatabase(m_path), work);
}

} // namespace javumbo
