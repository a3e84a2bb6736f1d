#include "packageexporter.h"

#include "collection/decktree.h"
#include "collection/notefields.h"
#include "collection/readview.h"
#include "mediafolder.h"
#include "storage/sqliteerror.h"
#include "zipwriter.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace javumbo::interop {

namespace notefields = collection::notefields;

namespace {

const QStringList kAnkiTables {u"col"_s, u"notes"_s, u"cards"_s, u"revlog"_s, u"graves"_s};
const QStringList kAnkiIndexes {u"ix_notes_usn"_s, u"ix_cards_usn"_s, u"ix_revlog_usn"_s, u"ix_cards_nid"_s,
    u"ix_cards_sched"_s, u"ix_revlog_cid"_s, u"ix_notes_csum"_s};

// A private connection to the copy: never the cached, WAL-switching ones of storage/.
class CopyConnection
{
public:
    explicit CopyConnection(const QString &path)
        : m_name(u"javumbo-export-"_s % QUuid::createUuid().toString())
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
        db.setDatabaseName(path);
        m_open = db.open();
    }
    ~CopyConnection()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    bool isOpen() const { return m_open; }
    Result<void> run(const QString &sql, const QVariantList &bindings = {}) const
    {
        QSqlQuery query(QSqlDatabase::database(m_name, false));
        if (!query.prepare(sql))
            return storage::storageError(query.lastError(), sql.left(60));
        for (const QVariant &value : bindings)
            query.addBindValue(value);
        if (!query.exec())
            return storage::storageError(query.lastError(), sql.left(60));
        return {};
    }
    Result<QList<QVariantList>> rows(const QString &sql, int columns) const
    {
        QSqlQuery query(QSqlDatabase::database(m_name, false));
        if (!query.exec(sql))
            return storage::storageError(query.lastError(), sql.left(60));
        QList<QVariantList> result;
        while (query.next()) {
            QVariantList row;
            for (int i = 0; i < columns; ++i)
                row.append(query.value(i));
            result.append(row);
        }
        return result;
    }

private:
    QString m_name;
    bool m_open = false;
};

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

// Drops every table, index, view and trigger that is not Anki's schema 11 (§9).
Result<void> dropPrivateObjects(const CopyConnection &copy)
{
    auto objects = copy.rows(u"SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"_s, 2);
    if (!objects)
        return objects.error();
    for (const QVariantList &object : objects.value()) {
        const QString type = object.at(0).toString();
        const QString name = object.at(1).toString();
        const bool anki = (type == u"table"_s && kAnkiTables.contains(name))
            || (type == u"index"_s && kAnkiIndexes.contains(name));
        if (anki || (type != u"table"_s && type != u"index"_s && type != u"view"_s && type != u"trigger"_s))
            continue;
        if (auto dropped = copy.run(
                u"DROP %1 IF EXISTS \"%2\""_s.arg(type.toUpper(), QString(name).replace(u'"', u"\"\""_s)));
            !dropped)
            return dropped;
    }
    return {};
}

// Keeps the deck subtree (and Default, which every Anki collection has), its notes, cards, revlog and
// options.
Result<void> keepDecks(const CopyConnection &copy, const QList<qint64> &deckIds)
{
    QStringList ids;
    for (qint64 id : deckIds)
        ids.append(QString::number(id));
    const QString list = ids.join(u',');
    for (const QString &sql : {u"DELETE FROM cards WHERE did NOT IN (%1)"_s.arg(list),
             u"DELETE FROM notes WHERE id NOT IN (SELECT nid FROM cards)"_s,
             u"DELETE FROM revlog WHERE cid NOT IN (SELECT id FROM cards)"_s}) {
        if (auto done = copy.run(sql); !done)
            return done;
    }
    auto col = copy.rows(u"SELECT decks, dconf FROM col"_s, 2);
    if (!col || col->isEmpty())
        return col ? makeError(ErrorCode::StorageCorrupt, u"the collection has no col row"_s) : col.error();
    const QJsonObject decks = QJsonDocument::fromJson(col->first().at(0).toString().toUtf8()).object();
    const QJsonObject dconf = QJsonDocument::fromJson(col->first().at(1).toString().toUtf8()).object();
    QJsonObject keptDecks;
    QJsonObject keptConf;
    for (qint64 id : deckIds + QList<qint64> {1}) {
        const QJsonObject deck = decks.value(QString::number(id)).toObject();
        if (deck.isEmpty())
            continue;
        keptDecks.insert(QString::number(id), deck);
        const QString conf = QString::number(deck.value(u"conf"_s).toVariant().toLongLong());
        if (dconf.contains(conf))
            keptConf.insert(conf, dconf.value(conf));
    }
    if (dconf.contains(u"1"_s))
        keptConf.insert(u"1"_s, dconf.value(u"1"_s));
    return copy.run(u"UPDATE col SET decks = ?, dconf = ?"_s, {compact(keptDecks), compact(keptConf)});
}

// "Without scheduling": every card new, in due order (new ones first), no revlog, no leech tag, fresh
// counters.
Result<void> resetScheduling(const CopyConnection &copy, qint64 nowSeconds)
{
    for (const QString &sql : {// A keyed temporary table: a correlated window query would be quadratic.
             u"CREATE TEMP TABLE positions (id integer PRIMARY KEY, position integer)"_s,
             u"INSERT INTO positions SELECT id, row_number() OVER (ORDER BY type != 0, due, id) FROM cards"_s,
             u"UPDATE cards SET due = (SELECT position FROM positions WHERE positions.id = cards.id)"_s,
             u"DROP TABLE positions"_s,
             u"UPDATE cards SET type = 0, queue = 0, ivl = 0, factor = 0, reps = 0, lapses = 0, left = 0,"
             " odue = 0, odid = 0, usn = 0, mod = %1"_s.arg(nowSeconds),
             u"DELETE FROM revlog"_s}) {
        if (auto done = copy.run(sql); !done)
            return done;
    }
    auto tagged = copy.rows(u"SELECT id, tags FROM notes WHERE tags LIKE '%leech%'"_s, 2);
    if (!tagged)
        return tagged.error();
    for (const QVariantList &note : tagged.value()) {
        QStringList tags = notefields::splitTags(note.at(1).toString());
        tags.removeIf([](const QString &tag) { return tag.compare(u"leech"_s, Qt::CaseInsensitive) == 0; });
        if (auto done
            = copy.run(u"UPDATE notes SET tags = ? WHERE id = ?"_s, {notefields::joinTags(tags), note.at(0)});
            !done)
            return done;
    }
    auto col = copy.rows(u"SELECT decks, conf, (SELECT count(*) FROM cards) FROM col"_s, 3);
    if (!col || col->isEmpty())
        return col ? makeError(ErrorCode::StorageCorrupt, u"the collection has no col row"_s) : col.error();
    QJsonObject decks = QJsonDocument::fromJson(col->first().at(0).toString().toUtf8()).object();
    for (auto it = decks.begin(); it != decks.end(); ++it) {
        QJsonObject deck = it.value().toObject();
        for (const QString &key : {u"newToday"_s, u"revToday"_s, u"lrnToday"_s, u"timeToday"_s})
            deck.insert(key, QJsonArray {0, 0});
        *it = deck;
    }
    QJsonObject conf = QJsonDocument::fromJson(col->first().at(1).toString().toUtf8()).object();
    conf.insert(u"nextPos"_s, col->first().at(2).toLongLong() + 1);
    return copy.run(u"UPDATE col SET decks = ?, conf = ?"_s, {compact(decks), compact(conf)});
}

Result<qint64> count(const CopyConnection &copy, const QString &table)
{
    auto rows = copy.rows(u"SELECT count(*) FROM "_s % table, 1);
    if (!rows)
        return rows.error();
    return rows->first().first().toLongLong();
}

Result<void> shapeCopy(const CopyConnection &copy, const collection::ReadView &view,
    const PackageExportOptions &options, qint64 nowSeconds)
{
    if (auto done = copy.run(u"BEGIN"_s); !done)
        return done;
    if (auto done = dropPrivateObjects(copy); !done)
        return done;
    if (!options.wholeCollection) {
        const collection::DeckTree tree(view.meta.decks());
        QList<qint64> decks;
        for (const auto &[id, name] : tree.all())
            decks.append(id);
        if (auto done = keepDecks(copy, options.deckId ? tree.withDescendants(*options.deckId) : decks);
            !done)
            return done;
        if (auto done = copy.run(u"DELETE FROM graves"_s); !done)
            return done;
    }
    if (!options.withScheduling) {
        if (auto done = resetScheduling(copy, nowSeconds); !done)
            return done;
    }
    if (auto done = copy.run(u"UPDATE col SET ls = 0"_s); !done)
        return done;
    if (auto done = copy.run(u"COMMIT"_s); !done)
        return done;
    return copy.run(u"VACUUM"_s); // deleted rows must not linger in free pages of a file that is shared
}

Result<QStringList> mediaToExport(const CopyConnection &copy, const QString &folder, bool wholeCollection)
{
    QStringList names;
    if (wholeCollection) {
        for (const QString &name : QDir(folder).entryList(QDir::Files | QDir::NoDotAndDotDot, QDir::Name)) {
            if (mediafolder::checkName(name))
                names.append(name);
        }
        return names;
    }
    auto notes = copy.rows(u"SELECT flds FROM notes"_s, 1);
    if (!notes)
        return notes.error();
    QSet<QString> seen;
    for (const QVariantList &note : notes.value()) {
        for (const QString &name : mediafolder::referencesIn(note.first().toString())) {
            if (!seen.contains(name) && mediafolder::checkName(name)
                && QFileInfo::exists(QDir(folder).filePath(name))) {
                seen.insert(name);
                names.append(name);
            }
        }
    }
    return names;
}

} // namespace

Result<PackageExportResult> exportPackage(const QString &collectionPath, const Clock &clock,
    const PackageExportOptions &options, const QString &outPath, const ProgressSink &progress)
{
    auto view = collection::ReadView::open(collectionPath, clock);
    if (!view)
        return view.error();
    if (options.deckId && !collection::DeckTree(view->meta.decks()).contains(*options.deckId))
        return makeError(ErrorCode::DeckNotFound, u"deck %1 not found"_s.arg(*options.deckId));
    QTemporaryDir work(QFileInfo(outPath).absoluteDir().filePath(u".javumbo-export-XXXXXX"_s));
    if (!work.isValid())
        return makeError(
            ErrorCode::StorageUnavailable, u"cannot create a work folder beside %1"_s.arg(outPath));
    const QString copyPath = work.filePath(u"collection.anki2"_s);
    report(progress, u"Copying the collection"_s, 0, 4);
    {
        storage::Query vacuum(*view->db, u"VACUUM INTO ?"_s, storage::Query::Caching::Uncached);
        vacuum.bind(copyPath);
        if (auto done = vacuum.exec(); !done)
            return done.error();
    }
    PackageExportResult result;
    QStringList media;
    {
        CopyConnection copy(copyPath);
        if (!copy.isOpen())
            return makeError(ErrorCode::StorageUnavailable, u"cannot open the copy %1"_s.arg(copyPath));
        if (auto done = copy.run(u"PRAGMA journal_mode = DELETE"_s); !done)
            return done.error();
        report(progress, u"Selecting notes"_s, 1, 4);
        if (auto done = shapeCopy(copy, view.value(), options, clock.nowSeconds()); !done)
            return done.error();
        for (auto [table, field] : {std::pair {u"notes"_s, &result.notes},
                 std::pair {u"cards"_s, &result.cards}, std::pair {u"revlog"_s, &result.revlog}}) {
            auto rows = count(copy, table);
            if (!rows)
                return rows.error();
            *field = rows.value();
        }
        auto names = mediaToExport(copy, mediafolder::forCollection(collectionPath), options.wholeCollection);
        if (!names)
            return names.error();
        media = names.value();
    }
    report(progress, u"Writing the package"_s, 2, 4);
    auto writer = ZipWriter::create(outPath);
    if (!writer)
        return writer.error();
    if (auto done = writer.value()->addFile(u"collection.anki2"_s, copyPath, true); !done)
        return done.error();
    QJsonObject map;
    const QDir folder(mediafolder::forCollection(collectionPath));
    for (qsizetype i = 0; i < media.size(); ++i) {
        map.insert(QString::number(i), media.at(i));
        if (auto done = writer.value()->addFile(QString::number(i), folder.filePath(media.at(i)), false);
            !done)
            return done.error();
    }
    if (auto done
        = writer.value()->addBytes(u"media"_s, QJsonDocument(map).toJson(QJsonDocument::Compact), true);
        !done)
        return done.error();
    if (auto done = writer.value()->close(); !done)
        return done.error();
    result.media = media.size();
    report(progress, u"Done"_s, 4, 4);
    return result;
}

} // namespace javumbo::interop
