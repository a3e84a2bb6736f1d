#include "servicecontext.h"

#include "interop/mediafolder.h"
#include "interop/mediastore.h"
#include "storage/pgcollections.h"

#include <QDir>

using namespace Qt::StringLiterals;

namespace javumbo {

namespace {

QString collectionFile(const QString &dataDir, qint64 userId)
{
    return QDir(dataDir).filePath(u"user_dbs/user_%1.db"_s.arg(userId));
}

} // namespace

QString ServiceContext::adminDbPath() const
{
    if (postgres)
        return postgres->sharedLocator();
    return QDir(dataDir).filePath(u"admin.db"_s);
}

QString ServiceContext::idempotencyDbPath() const
{
    if (postgres)
        return postgres->sharedLocator();
    return QDir(dataDir).filePath(u"idempotency.db"_s);
}

QString ServiceContext::collectionPath(qint64 userId) const
{
    if (postgres)
        return postgres->locator(userId);
    return collectionFile(dataDir, userId);
}

QString ServiceContext::mediaFolder(qint64 userId) const
{
    return interop::mediafolder::forCollection(
        collectionFile(dataDir, userId)); // a file's place even when the collection is PostgreSQL's
}

std::unique_ptr<interop::MediaStore> ServiceContext::mediaStore(qint64 userId) const
{
    return interop::MediaStore::forCollection(collectionPath(userId), mediaFolder(userId));
}

} // namespace javumbo
