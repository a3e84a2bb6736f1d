#include "adminwriter.h"

#include "adminschema.h"
#include "storage/transaction.h"

#include <QFileInfo>

#include <map>
#include <memory>

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
    QMutexLocker locker(m_mutex);
    auto connection = openAdminDatabase(m_path);
    if (!connection)
        return connection.error();
    storage::Transaction transaction(*connection.value());
    if (!transaction.isActive())
        return transaction.error();
    if (auto done = work(*connection.value()); !done)
        return done;
    return transaction.commit();
}

} // namespace javumbo
