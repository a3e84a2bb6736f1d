#pragma once

#include "collection/usercollection.h"
#include "common/clock.h"
#include "services/backend.h"

#include <QSqlQuery>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace javumbo::testsupport {

// Puts QStandardPaths in test mode so no test touches a real user's files.
void enterTestMode();

// 2024-01-01 10:00 UTC: "d0 10:00" in docs/scheduling.md §8's convention.
inline constexpr qint64 kDay0TenAmMs = 1704103200000;

// A fresh collection in its own temporary directory, on a pinned clock.
class CollectionFixture
{
public:
    explicit CollectionFixture(scheduling::FuzzSource fuzz = scheduling::FuzzSource::off());
    ~CollectionFixture();

    ManualClock clock {kDay0TenAmMs, 0};
    // The collection's file, or its locator when the test runs on PostgreSQL
    // (testpostgres.h): then a neighbour's collection shares the database.
    QString path() const;
    collection::UserCollection &collection() { return *m_collection; }
    // Adds a card to the Default deck and fails the test on error.
    collection::CardRecord addCard(
        const QString &front, const QString &back = QStringLiteral("back"), qint64 deckId = 1);

private:
    QTemporaryDir m_dir;
    QString m_location;
    std::unique_ptr<collection::UserCollection> m_collection;
};

// A Backend's options for a test: `dataDir`, and password hashing cheap
// enough for tests (1,000 iterations instead of the production count); on a
// PostgreSQL run (testpostgres.h) a fresh database of its own.
BackendOptions backendOptions(const QString &dataDir);

// Runs `sql` on `path` through a private connection and returns the first
// column of every row. On a PostgreSQL locator the collection tables show only
// that user's rows.
QStringList queryColumn(const QString &path, const QString &sql);
qint64 queryNumber(const QString &path, const QString &sql);
// The collection's own integrity check (UserCollection::integrityCheck): "ok"
// or the findings, on either engine.
QString collectionIntegrity(const QString &path);
// Runs `sql` on `query`'s connection and returns the first column of every row; fails the test on error.
QStringList firstColumnOf(QSqlQuery &query, const QString &sql);

} // namespace javumbo::testsupport
