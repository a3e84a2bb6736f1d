#include "interopfixture.h"

#include "packagefixture.h"
#include "storage/database.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;

namespace javumbo::testsupport {

InteropFixture::InteropFixture(qint64 userId) : m_userId(userId)
{
    enterTestMode();
    m_context.dataDir = m_dir.path();
    m_context.clock = &clock;
    m_context.locks = &m_locks;
    m_context.fuzz = scheduling::FuzzSource::off();
    QDir().mkpath(QDir(m_dir.path()).filePath(u"user_dbs"_s));
    if (!collection::UserCollection::create(collectionPath(), clock).ok())
        qFatal("cannot create the collection");
    m_interop = std::make_unique<InteropService>(m_context);
}

InteropFixture::~InteropFixture()
{
    storage::Database::closeAllOnThisThread();
}

QString InteropFixture::collectionPath() const
{
    return m_context.collectionPath(m_userId);
}

QString InteropFixture::mediaFolder() const
{
    return m_interop->mediaFolder(m_userId);
}

QString InteropFixture::scratchDir() const
{
    const QString folder = QDir(m_dir.path()).filePath(u"scratch"_s);
    QDir().mkpath(folder);
    return folder;
}

QString InteropFixture::scratch(const QString &name) const
{
    return QDir(scratchDir()).filePath(name);
}

collection::UserCollection InteropFixture::collection()
{
    return collection::UserCollection(collectionPath(), clock, scheduling::FuzzSource::off());
}

bool InteropFixture::importFixturePackage() const
{
    const QString package = packagefixture::legacyPackage(scratchDir());
    return m_interop->importPackage(m_userId, PackageSource {package, {}}, {}).ok();
}

qint64 InteropFixture::count(const QString &sql) const
{
    return queryNumber(collectionPath(), sql);
}

QStringList InteropFixture::column(const QString &sql) const
{
    return queryColumn(collectionPath(), sql);
}

QByteArray InteropFixture::fileBytes() const
{
    storage::Database::closeAllOnThisThread();
    QFile file(collectionPath());
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

} // namespace javumbo::testsupport
