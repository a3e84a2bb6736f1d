#include "testsupport.h"

#include "storage/database.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace javumbo::testsupport {

void enterTestMode()
{
    QStandardPaths::setTestModeEnabled(true);
}

CollectionFixture::CollectionFixture(scheduling::FuzzSource fuzz)
{
    const auto created = collection::UserCollection::create(path(), clock);
    if (!created)
        qFatal("cannot create test collection: %s", qPrintable(created.error().message));
    m_collection = std::make_unique<collection::UserCollection>(path(), clock, fuzz);
}

CollectionFixture::~CollectionFixture()
{
    storage::Database::closeOnThisThread(path());
}

QString CollectionFixture::path() const
{
    return m_dir.filePath(u"collection.db"_s);
}

collection::CardRecord CollectionFixture::addCard(const QString &front, const QString &back, qint64 deckId)
{
    auto added = m_collection->addCard({front, back, deckId, {}});
    if (!added)
        qFatal("addCard failed: %s", qPrintable(added.error().message));
    return added.value();
}

QStringList queryColumn(const QString &path, const QString &sql)
{
    const QString name = u"testsupport-"_s % QUuid::createUuid().toString();
    QStringList values;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
        if (!db.open())
            qFatal("cannot open %s", qPrintable(path));
        QSqlQuery query(db);
        if (!query.exec(sql))
            qFatal("query failed: %s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
        while (query.next())
            values.append(query.value(0).toString());
    }
    QSqlDatabase::removeDatabase(name);
    return values;
}

qint64 queryNumber(const QString &path, const QString &sql)
{
    const QStringList values = queryColumn(path, sql);
    return values.isEmpty() ? -1 : values.first().toLongLong();
}

BackendOptions backendOptions(const QString &dataDir)
{
    BackendOptions options;
    options.dataDir = dataDir;
    options.hashing = PasswordHasher::Options {1000, true};
    return options;
}

} // namespace javumbo::testsupport
