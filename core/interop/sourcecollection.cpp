#include "sourcecollection.h"

#include "interoperrors.h"
#include "schema18reader.h"
#include "storage/database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

using namespace Qt::StringLiterals;

namespace javumbo::interop {

namespace {

Error damaged(const Error &error)
{
    if (error.code == ErrorCode::StorageCorrupt || error.code == ErrorCode::Internal)
        return invalidPackage(u"the collection inside the package is not a readable SQLite database ("_s
            % error.message % u')');
    return error;
}

QJsonObject jsonObject(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

qint64 idOf(const QJsonValue &value, const QString &key)
{
    const QJsonValue id = value.toObject().value(u"id"_s);
    return id.isString() ? id.toString().toLongLong() : id.isDouble() ? id.toInteger() : key.toLongLong();
}

void readSchema11Json(
    const QJsonObject &models, const QJsonObject &decks, const QJsonObject &dconf, ExchangeData &data)
{
    for (auto it = models.constBegin(); it != models.constEnd(); ++it) {
        const QJsonObject model = it.value().toObject();
        SourceNotetype notetype {idOf(model, it.key()), model.value(u"name"_s).toString(),
            model.value(u"type"_s).toInt() == 1, {}, {}};
        QList<std::pair<int, QString>> fields;
        for (const QJsonValue &field : model.value(u"flds"_s).toArray())
            fields.append(
                {field.toObject().value(u"ord"_s).toInt(), field.toObject().value(u"name"_s).toString()});
        std::sort(fields.begin(), fields.end());
        for (const auto &[ord, name] : fields)
            notetype.fieldNames.append(name);
        for (const QJsonValue &tmpl : model.value(u"tmpls"_s).toArray())
            notetype.templateNames.append(tmpl.toObject().value(u"name"_s).toString());
        data.notetypes.insert(notetype.id, notetype);
    }
    for (auto it = decks.constBegin(); it != decks.constEnd(); ++it) {
        const QJsonObject deck = it.value().toObject();
        data.decks.insert(idOf(deck, it.key()),
            SourceDeck {idOf(deck, it.key()), deck.value(u"name"_s).toString(),
                deck.value(u"conf"_s).toVariant().toLongLong(), deck.value(u"dyn"_s).toInt() != 0});
    }
    for (auto it = dconf.constBegin(); it != dconf.constEnd(); ++it) {
        const QJsonObject config = it.value().toObject();
        auto parsed = scheduling::DeckConfig::fromDconfJson(config);
        data.deckConfigs.insert(idOf(config, it.key()),
            SourceDeckConfig {idOf(config, it.key()), config.value(u"name"_s).toString(),
                parsed ? parsed.value() : scheduling::DeckConfig {}});
    }
}

Result<void> checkTables(storage::Connection &db)
{
    storage::Query tables(
        db, u"SELECT name FROM sqlite_master WHERE type = 'table'"_s, storage::Query::Caching::Uncached);
    if (auto done = tables.exec(); !done)
        return damaged(done.error());
    QSet<QString> names;
    while (tables.next())
        names.insert(tables.text(0));
    for (const QString &needed : {u"col"_s, u"notes"_s, u"cards"_s, u"revlog"_s}) {
        if (!names.contains(needed))
            return invalidPackage(u"the collection inside the package has no \"%1\" table"_s.arg(needed));
    }
    return {};
}

Result<void> readRows(storage::Connection &db, ExchangeData &data, const ProgressSink &progress)
{
    storage::Query notes(db, u"SELECT id, guid, mid, mod, tags, flds FROM notes ORDER BY id"_s,
        storage::Query::Caching::Uncached);
    if (auto done = notes.exec(); !done)
        return damaged(done.error());
    while (notes.next()) {
        data.notes.append(SourceNote {notes.int64(0), notes.text(1), notes.int64(2),
            ExchangeData::normalizedSeconds(notes.int64(3)), notes.text(4).split(u' ', Qt::SkipEmptyParts),
            notes.text(5).split(QChar(0x1f))});
        if (data.notes.size() % 5000 == 0)
            report(progress, u"Reading notes"_s, data.notes.size(), 0);
    }
    storage::Query cards(db,
        u"SELECT id, nid, did, ord, mod, type, queue, due, ivl, factor, reps, lapses, left, odue, odid"
        " FROM cards ORDER BY id"_s,
        storage::Query::Caching::Uncached);
    if (auto done = cards.exec(); !done)
        return damaged(done.error());
    while (cards.next()) {
        data.cards.append(SourceCard {cards.int64(0), cards.int64(1), cards.int64(2), cards.int32(3),
            cards.int64(4), cards.int32(5), cards.int32(6), cards.int64(7), cards.int32(8), cards.int32(9),
            cards.int32(10), cards.int32(11), cards.int32(12), cards.int64(13), cards.int64(14)});
    }
    storage::Query revlog(db,
        u"SELECT id, cid, ease, ivl, lastIvl, factor, time, type FROM revlog ORDER BY id"_s,
        storage::Query::Caching::Uncached);
    if (auto done = revlog.exec(); !done)
        return damaged(done.error());
    while (revlog.next()) {
        data.revlog.append(SourceRevlog {revlog.int64(0), revlog.int64(1), revlog.int32(2), revlog.int32(3),
            revlog.int32(4), revlog.int32(5), revlog.int32(6), revlog.int32(7)});
    }
    return {};
}

Result<ExchangeData> readOpen(storage::Connection &db, int packageVersion, const ProgressSink &progress)
{
    if (auto checked = checkTables(db); !checked)
        return checked.error();
    ExchangeData data;
    data.packageVersion = packageVersion;
    const bool legacy = packageVersion < 3;
    { // the row is finished before other statements run
        storage::Query col(
            db, u"SELECT ver, crt, conf, models, decks, dconf FROM col"_s, storage::Query::Caching::Uncached);
        if (auto done = col.exec(); !done)
            return damaged(done.error());
        if (!col.next())
            return invalidPackage(u"the collection inside the package has no \"col\" row"_s);
        const int schema = col.int32(0);
        if ((legacy && schema != 11) || (!legacy && (schema < 15 || schema > 18)))
            return invalidPackage(u"the collection inside the package has schema version %1, but a version-%2"
                                  " package holds schema %3"_s.arg(schema)
                                      .arg(packageVersion)
                                      .arg(legacy ? u"11"_s : u"15 to 18"_s));
        data.crt = col.int64(1);
        if (legacy) {
            const QJsonObject conf = jsonObject(col.text(2));
            if (conf.contains(u"creationOffset"_s))
                data.creationOffset = conf.value(u"creationOffset"_s).toInt();
            readSchema11Json(jsonObject(col.text(3)), jsonObject(col.text(4)), jsonObject(col.text(5)), data);
        }
    }
    if (!legacy) {
        if (auto done = readSchema18Tables(db, data); !done)
            return done.error();
    }
    if (auto done = readRows(db, data, progress); !done)
        return done.error();
    return data;
}

} // namespace

Result<ExchangeData> readSourceCollection(
    const QString &path, int packageVersion, const ProgressSink &progress)
{
    // Read-write: the file is the import's own extracted copy, and a package zipped from a
    // WAL-mode file could not be opened read-only without its -shm.
    auto db = storage::Database::open(path, storage::OpenMode::ReadWrite, nullptr);
    if (!db)
        return damaged(db.error());
    auto data = readOpen(*db.value(), packageVersion, progress);
    storage::Database::closeOnThisThread(path);
    return data;
}

} // namespace javumbo::interop
