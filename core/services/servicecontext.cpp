#include "servicecontext.h"

#include "storage/pgcollections.h"

#include <QDir>

using namespace Qt::StringLiterals;

namespace javumbo {

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
    return QDir(dataDir).filePath(u"user_dbs/user_%1.db"_s.arg(userId));
}

} // namespace javumbo
