#pragma once

#include "common/clock.h"
#include "locking/userlockregistry.h"
#include "services/interopservice.h"
#include "services/servicecontext.h"
#include "testsupport.h"

#include <QTemporaryDir>

namespace javumbo::testsupport {

// One user's collection in a data directory of its own (user_dbs/user_1.db and
// its media folder), on a pinned clock, with the InteropService the three
// faces use.
class InteropFixture
{
public:
    explicit InteropFixture(qint64 userId = 1);
    ~InteropFixture();

    ManualClock clock {kDay0TenAmMs, 0};
    qint64 userId() const { return m_userId; }
    QString dataDir() const { return m_dir.path(); }
    QString collectionPath() const;
    QString mediaFolder() const;
    QString scratch(const QString &name) const; // a path for the test's own files
    QString scratchDir() const;
    const InteropService &interop() const { return *m_interop; }
    collection::UserCollection collection();
    // Imports packagefixture's version-1 package (four notes, a nested deck, a review card with revlog).
    bool importFixturePackage() const;

    qint64 count(const QString &sql) const;
    QStringList column(const QString &sql) const;
    // The collection file's bytes after every connection of this thread closed (WAL checkpointed).
    QByteArray fileBytes() const;

private:
    QTemporaryDir m_dir;
    qint64 m_userId;
    UserLockRegistry m_locks;
    ServiceContext m_context;
    std::unique_ptr<InteropService> m_interop;
};

} // namespace javumbo::testsupport
