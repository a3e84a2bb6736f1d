#include "collectionschema.h"

#include "database.h"
#include "pgcollections.h"
#include "scheduling/daytiming.h"
#include "scheduling/deckconfig.h"
#include "transaction.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace javumbo::storage::collectionschema {

namespace {

const QStringList &schemaStatements()
{
    static const QStringList statements = {
        u"CREATE TABLE col (id integer PRIMARY KEY, crt integer NOT NULL, mod integer NOT NULL,"
        " scm integer NOT NULL, ver integer NOT NULL, dty integer NOT NULL, usn integer NOT NULL,"
        " ls integer NOT NULL, conf text NOT NULL, models text NOT NULL, decks text NOT NULL,"
        " dconf text NOT NULL, tags text NOT NULL)"_s,
        u"CREATE TABLE notes (id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL,"
        " mod integer NOT NULL, usn integer NOT NULL, tags text NOT NULL, flds text NOT NULL,"
        " sfld integer NOT NULL, csum integer NOT NULL, flags integer NOT NULL, data text NOT NULL)"_s,
        u"CREATE TABLE cards (id integer PRIMARY KEY, nid integer NOT NULL, did integer NOT NULL,"
        " ord integer NOT NULL, mod integer NOT NULL, usn integer NOT NULL, type integer NOT NULL,"
        " queue integer NOT NULL, due integer NOT NULL, ivl integer NOT NULL, factor integer NOT NULL,"
        " reps integer NOT NULL, lapses integer NOT NULL, left integer NOT NULL, odue integer NOT NULL,"
        " odid integer NOT NULL, flags integer NOT NULL, data text NOT NULL)"_s,
        u"CREATE TABLE revlog (id integer PRIMARY KEY, cid integer NOT NULL, usn integer NOT NULL,"
        " ease integer NOT NULL, ivl integer NOT NULL, lastIvl integer NOT NULL, factor integer NOT NULL,"
        " time integer NOT NULL, type integer NOT NULL)"_s,
        u"CREATE TABLE graves (usn integer NOT NULL, oid integer NOT NULL, type integer NOT NULL)"_s,
        u"CREATE INDEX ix_notes_usn ON notes (usn)"_s,
        u"CREATE INDEX ix_cards_usn ON cards (usn)"_s,
        u"CREATE INDEX ix_revlog_usn ON revlog (usn)"_s,
        u"CREATE INDEX ix_cards_nid ON cards (nid)"_s,
        u"CREATE INDEX ix_cards_sched ON cards (did, queue, due)"_s,
        u"CREATE INDEX ix_revlog_cid ON revlog (cid)"_s,
        u"CREATE INDEX ix_notes_csum ON notes (csum)"_s,
    };
    return statements;
}

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonObject freshConf(qint64 modelId, int offsetMinutesWest)
{
    return QJsonObject {
        {u"activeDecks"_s, QJsonArray {kDefaultDeckId}},
        {u"curDeck"_s, kDefaultDeckId},
        {u"newSpread"_s, 0},
        {u"collapseTime"_s, 1200},
        {u"timeLim"_s, 0},
        {u"estTimes"_s, true},
        {u"dueCounts"_s, true},
        {u"curModel"_s, modelId},
        {u"nextPos"_s, 1},
        {u"sortType"_s, u"noteFld"_s},
        {u"sortBackwards"_s, false},
        {u"addToCur"_s, true},
        {u"dayLearnFirst"_s, false},
        {u"schedVer"_s, 2},
        {u"sched2021"_s, true},
        {u"rollover"_s, 4},
        {u"creationOffset"_s, offsetMinutesWest},
        {u"localOffset"_s, offsetMinutesWest},
    };
}

} // namespace

QJsonObject newDeckJson(qint64 id, const QString &name, qint64 modSeconds)
{
    const QJsonArray zeroCounter {0, 0};
    return QJsonObject {
        {u"id"_s, id},
        {u"name"_s, name},
        {u"mod"_s, modSeconds},
        {u"usn"_s, 0},
        {u"desc"_s, QString()},
        {u"dyn"_s, 0},
        {u"conf"_s, kDefaultConfigId},
        {u"collapsed"_s, false},
        {u"browserCollapsed"_s, false},
        {u"newToday"_s, zeroCounter},
        {u"revToday"_s, zeroCounter},
        {u"lrnToday"_s, zeroCounter},
        {u"timeToday"_s, zeroCounter},
        {u"extendNew"_s, 0},
        {u"extendRev"_s, 0},
    };
}

QJsonObject basicModelJson(qint64 id, qint64 modSeconds)
{
    auto field = [](const QString &name, int ord) {
        return QJsonObject {{u"name"_s, name}, {u"ord"_s, ord}, {u"sticky"_s, false}, {u"rtl"_s, false},
            {u"font"_s, u"Arial"_s}, {u"size"_s, 20}, {u"media"_s, QJsonArray {}}};
    };
    const QJsonObject template1 {
        {u"name"_s, u"Card 1"_s},
        {u"ord"_s, 0},
        {u"qfmt"_s, u"{{Front}}"_s},
        {u"afmt"_s, u"{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}"_s},
        {u"bqfmt"_s, QString()},
        {u"bafmt"_s, QString()},
        {u"did"_s, QJsonValue::Null},
    };
    return QJsonObject {
        {u"id"_s, id},
        {u"name"_s, u"Basic"_s},
        {u"type"_s, 0},
        {u"mod"_s, modSeconds},
        {u"usn"_s, 0},
        {u"sortf"_s, 0},
        {u"did"_s, kDefaultDeckId},
        {u"tags"_s, QJsonArray {}},
        {u"vers"_s, QJsonArray {}},
        {u"req"_s, QJsonArray {QJsonArray {0, u"any"_s, QJsonArray {0}}}},
        {u"css"_s,
            u".card {\n  font-family: arial;\n  font-size: 20px;\n  text-align: center;\n  color: black;\n"
            "  background-color: white;\n}\n"_s},
        {u"latexPre"_s,
            u"\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n"
            "\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n"
            "\\begin{document}\n"_s},
        {u"latexPost"_s, u"\\end{document}"_s},
        {u"latexsvg"_s, false},
        {u"flds"_s, QJsonArray {field(u"Front"_s, 0), field(u"Back"_s, 1)}},
        {u"tmpls"_s, QJsonArray {template1}},
    };
}

Result<void> verify(Connection &connection, OpenMode mode)
{
    Query tables(connection, u"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'col'"_s);
    auto hasCol = tables.scalar();
    if (!hasCol)
        return hasCol.error();
    if (hasCol.value()->toInt() == 0) {
        if (mode == OpenMode::CreateIfMissing)
            return {};
        return makeError(ErrorCode::StorageCorrupt,
            u"%1 is not an Anki collection (no col table)"_s.arg(connection.path()));
    }
    Query version(connection, u"SELECT ver FROM col WHERE id = 1"_s);
    auto ver = version.scalar();
    if (!ver)
        return ver.error();
    if (!ver.value() || ver.value()->toInt() != kSchemaVersion)
        return makeError(ErrorCode::StorageCorrupt,
            u"%1 has schema version %2, expected %3"_s
                .arg(connection.path(), ver.value() ? ver.value()->toString() : u"none"_s)
                .arg(kSchemaVersion));
    return {};
}

namespace {

// The col row of a new collection, in the transaction the caller opened.
Result<void> insertColRow(Connection &connection, qint64 nowMs, int offsetMinutesWest)
{
    const qint64 nowSeconds = nowMs / 1000;
    const qint64 modelId = nowMs;
    const qint64 crt = scheduling::collectionCreationTime(nowSeconds, offsetMinutesWest);
    const QJsonObject decks {
        {QString::number(kDefaultDeckId), newDeckJson(kDefaultDeckId, u"Default"_s, nowSeconds)}};
    const QJsonObject models {{QString::number(modelId), basicModelJson(modelId, nowSeconds)}};
    const QJsonObject dconf {{QString::number(kDefaultConfigId),
        scheduling::DeckConfig {}.toDconfJson(int(kDefaultConfigId), u"Default"_s)}};

    Query insert(connection,
        u"INSERT INTO col ($userColumn id, crt, mod, scm, ver, dty, usn, ls, conf, models, decks, dconf, "
        u"tags)"
        " VALUES ($userValue 1, ?, ?, ?, ?, 0, 0, 0, ?, ?, ?, ?, '{}')"_s);
    insert.bind(crt).bind(nowMs).bind(nowMs).bind(kSchemaVersion);
    insert.bind(compact(freshConf(modelId, offsetMinutesWest)))
        .bind(compact(models))
        .bind(compact(decks))
        .bind(compact(dconf));
    return insert.exec();
}

// A user's collection in PostgreSQL is its col row: the tables are shared
// (postgres/pgschema). A second creation is refused, as for a file.
Result<void> createOnPostgres(const QString &locator, qint64 nowMs, int offsetMinutesWest)
{
    auto opened = Database::open(locator, OpenMode::CreateIfMissing, nullptr);
    if (!opened)
        return opened.error();
    Connection &connection = *opened.value();
    Transaction transaction(connection);
    if (!transaction.isActive())
        return transaction.error();
    Query existing(connection, u"SELECT count(*) FROM col WHERE $user() TRUE"_s);
    auto count = existing.scalar();
    if (!count)
        return count.error();
    if (count.value() && count.value()->toLongLong() > 0)
        return makeError(ErrorCode::StorageUnavailable, u"collection %1 already exists"_s.arg(locator));
    if (auto inserted = insertColRow(connection, nowMs, offsetMinutesWest); !inserted)
        return inserted;
    return transaction.commit();
}

} // namespace

Result<void> create(Connection &connection, qint64 nowMs, int offsetMinutesWest)
{
    Transaction transaction(connection);
    if (!transaction.isActive())
        return transaction.error();
    for (const QString &statement : schemaStatements()) {
        if (auto done = connection.execute(statement); !done)
            return done;
    }
    if (auto inserted = insertColRow(connection, nowMs, offsetMinutesWest); !inserted)
        return inserted;
    return transaction.commit();
}

Result<void> createFile(const QString &path, qint64 nowMs, int offsetMinutesWest)
{
    if (PgCollections::isLocator(path))
        return createOnPostgres(path, nowMs, offsetMinutesWest);
    if (QFileInfo::exists(path))
        return makeError(ErrorCode::StorageUnavailable, u"collection %1 already exists"_s.arg(path));
    const QString partial = path + u".creating"_s;
    auto removePartial = [&] {
        Database::closeOnThisThread(partial);
        for (const QString &suffix : {QString(), u"-wal"_s, u"-shm"_s, u"-journal"_s})
            QFile::remove(partial + suffix);
        // The name is used again when the same file is made again (a collection
        // migrated twice): its old stamp would call the new one truncated.
        FileWatch::instance().forget(QFileInfo(partial).absoluteFilePath());
    };
    removePartial();
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return makeError(ErrorCode::StorageUnavailable, u"cannot create directory for %1"_s.arg(path));

    auto opened = Database::open(partial, OpenMode::CreateIfMissing, &verify);
    if (!opened) {
        removePartial();
        return opened.error();
    }
    if (auto created = create(*opened.value(), nowMs, offsetMinutesWest); !created) {
        removePartial();
        return created;
    }
    // Closing the last connection checkpoints the WAL into the file, so the
    // renamed file is complete on its own.
    Database::closeOnThisThread(partial);
    FileWatch::instance().forget(QFileInfo(path).absoluteFilePath()); // a new file, not a replaced one
    if (!QFile::rename(partial, path)) {
        removePartial();
        return makeError(
            ErrorCode::StorageUnavailable, u"cannot move the new collection into place at %1"_s.arg(path));
    }
    return {};
}

} // namespace javumbo::storage::collectionschema
