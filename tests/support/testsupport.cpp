#include "testsupport.h"

#include "storage/database.h"
#include "testpostgres.h"

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
    if (usePostgres()) {
        // A neighbour's collection beside the fixture's, with a card: a
        // statement that forgets its user filter reads or changes its rows.
        TestPostgres &postgres = TestPostgres::instance();
        const QString neighbour = postgres.collections().locator(postgres.nextUserId());
        m_location = postgres.collections().locator(postgres.nextUserId());
        if (auto made = collection::UserCollection::create(neighbour, clock); !made)
            qFatal("cannot create the neighbour's collection: %s", qPrintable(made.error().message));
        if (auto added
            = collection::UserCollection(neighbour, clock).addCard({u"neighbour"_s, u"n"_s, 1, {}});
            !added)
            qFatal("cannot add the neighbour's card: %s", qPrintable(added.error().message));
    } else {
        m_location = m_dir.filePath(u"collection.db"_s);
    }
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
    return m_location;
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
    if (storage::PgCollections::isLocator(path))
        return TestPostgres::instance().queryColumn(path, sql);
    const QString name = u"testsupport-"_s % QUuid::createUuid().toString();
    QStringList values;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
        if (!db.open())
            qFatal("cannot open %s", qPrintable(path));
        QSqlQuery query(db);
        values = firstColumnOf(query, sql);
    }
    QSqlDatabase::removeDatabase(name);
    return values;
}

QString collectionIntegrity(const QString &path)
{
    const SystemClock clock;
    auto checked = collection::UserCollection(path, clock).integrityCheck();
    return checked ? checked.value() : checked.error().message;
}

QStringList firstColumnOf(QSqlQuery &query, const QString &sql)
{
    if (!query.exec(sql))
        qFatal("query failed: %s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
    QStringList values;
    while (query.next())
        values.append(query.value(0).toString());
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
    if (usePostgres())
        options.database = TestPostgres::instance().freshDatabase();
    return options;
}

} // namespace javumbo::testsupport
