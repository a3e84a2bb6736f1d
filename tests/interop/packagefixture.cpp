#include "packagefixture.h"

#include "interop/zipwriter.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

#include <zstd.h>

using namespace Qt::StringLiterals;

namespace javumbo::testsupport::packagefixture {

namespace {

class Sql
{
public:
    explicit Sql(const QString &path) : m_name(QUuid::createUuid().toString())
    {
        QFile::remove(path);
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
        db.setDatabaseName(path);
        if (!db.open())
            qFatal("cannot create %s", qPrintable(path));
    }
    ~Sql()
    {
        QSqlDatabase::database(m_name).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    void run(const QString &sql, const QVariantList &bindings = {})
    {
        QSqlQuery query(QSqlDatabase::database(m_name));
        if (!query.prepare(sql))
            qFatal("prepare %s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
        for (const QVariant &value : bindings)
            query.addBindValue(value);
        if (!query.exec())
            qFatal("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
    }

private:
    QString m_name;
};

const QStringList kSchema11 {
    u"CREATE TABLE col (id integer PRIMARY KEY, crt integer NOT NULL, mod integer NOT NULL, scm integer NOT "
    u"NULL,"
    " ver integer NOT NULL, dty integer NOT NULL, usn integer NOT NULL, ls integer NOT NULL, conf text NOT "
    "NULL,"
    " models text NOT NULL, decks text NOT NULL, dconf text NOT NULL, tags text NOT NULL)"_s,
    u"CREATE TABLE notes (id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL, mod integer NOT "
    u"NULL,"
    " usn integer NOT NULL, tags text NOT NULL, flds text NOT NULL, sfld integer NOT NULL, csum integer NOT "
    "NULL,"
    " flags integer NOT NULL, data text NOT NULL)"_s,
    u"CREATE TABLE cards (id integer PRIMARY KEY, nid integer NOT NULL, did integer NOT NULL, ord integer "
    u"NOT NULL,"
    " mod integer NOT NULL, usn integer NOT NULL, type integer NOT NULL, queue integer NOT NULL, due integer "
    "NOT NULL,"
    " ivl integer NOT NULL, factor integer NOT NULL, reps integer NOT NULL, lapses integer NOT NULL,"
    " left integer NOT NULL, odue integer NOT NULL, odid integer NOT NULL, flags integer NOT NULL,"
    " data text NOT NULL)"_s,
    u"CREATE TABLE revlog (id integer PRIMARY KEY, cid integer NOT NULL, usn integer NOT NULL, ease integer "
    u"NOT NULL,"
    " ivl integer NOT NULL, lastIvl integer NOT NULL, factor integer NOT NULL, time integer NOT NULL,"
    " type integer NOT NULL)"_s,
};

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonObject model(qint64 id, const QString &name, const QStringList &fields, const QStringList &templates)
{
    QJsonArray flds;
    for (int i = 0; i < fields.size(); ++i)
        flds.append(QJsonObject {{u"name"_s, fields.at(i)}, {u"ord"_s, i}});
    QJsonArray tmpls;
    for (int i = 0; i < templates.size(); ++i)
        tmpls.append(QJsonObject {{u"name"_s, templates.at(i)}, {u"ord"_s, i}, {u"qfmt"_s, u"{{Front}}"_s}});
    return QJsonObject {{u"id"_s, id}, {u"name"_s, name}, {u"type"_s, 0}, {u"sortf"_s, 0}, {u"flds"_s, flds},
        {u"tmpls"_s, tmpls}};
}

QJsonObject deck(qint64 id, const QString &name, qint64 conf)
{
    return QJsonObject {{u"id"_s, id}, {u"name"_s, name}, {u"conf"_s, conf}, {u"dyn"_s, 0}};
}

struct Row
{
    QVariantList note;
    QList<QVariantList> cards;
};

// The notes and cards both schema versions share (id, guid, mid, tags, fields; cards).
QList<Row> rows(qint64 noteMod)
{
    const QString sep(QChar(0x1f));
    return {
        {{1000, u"guidA1"_s, kBasicModel, noteMod, u" spanish verbs "_s,
             QStringList {richFront(), richBack()}.join(sep)},
            {{2000, 1000, kSpanishDeck, 0, 0, 0, 1, 0, 0, 0, 0, 0}}},
        {{1001, u"guidB2"_s, kBasicModel, noteMod, u""_s, QStringList {u"Adiós"_s, u"Goodbye"_s}.join(sep)},
            {{2001, 1001, kLanguagesDeck, 0, 2, 2, 30, 10, 2500, 3, 0, 0}}},
        {{1002, u"guidC3"_s, kReversedModel, noteMod, u" numbers "_s,
             QStringList {u"uno"_s, u"one"_s, u"extra info"_s}.join(sep)},
            {{2002, 1002, kSpanishDeck, 0, 1, 1, 1700100000, 0, 0, 1, 0, 2},
                {2003, 1002, kSpanishDeck, 1, 0, 0, 3, 0, 0, 0, 0, 0}}},
        {{1003, u"guidD4"_s, kBasicModel, noteMod, u""_s, QStringList {u"cuatro"_s, u"four"_s}.join(sep)},
            {{2004, 1003, 1, 0, 0, 0, 4, 0, 0, 0, 0, 0}}},
    };
}

void writeRows(Sql &sql, qint64 noteMod)
{
    for (const Row &row : rows(noteMod)) {
        sql.run(u"INSERT INTO notes VALUES (?, ?, ?, ?, -1, ?, ?, '', 0, 0, '')"_s, row.note);
        for (const QVariantList &card : row.cards)
            sql.run(
                u"INSERT INTO cards VALUES (?, ?, ?, ?, 1700000000, -1, ?, ?, ?, ?, ?, ?, 0, ?, 0, 0, 0, '')"_s,
                {card[0], card[1], card[2], card[3], card[4], card[5], card[6], card[7], card[8], card[9],
                    card[11]});
    }
    sql.run(u"INSERT INTO revlog VALUES (1699990000000, 2001, -1, 3, 4, 1, 2500, 6000, 1)"_s);
    sql.run(u"INSERT INTO revlog VALUES (1700300000000, 2001, -1, 3, 10, 4, 2500, 8000, 1)"_s);
}

// Protobuf, written by hand: varint fields and length-delimited ones.
QByteArray varint(quint64 value)
{
    QByteArray out;
    do {
        quint8 byte = value & 0x7f;
        value >>= 7;
        if (value)
            byte |= 0x80;
        out.append(char(byte));
    } while (value);
    return out;
}
QByteArray field(int number, quint64 value)
{
    return varint(quint64(number) << 3) + varint(value);
}
QByteArray bytesField(int number, const QByteArray &bytes)
{
    return varint((quint64(number) << 3) | 2) + varint(quint64(bytes.size())) + bytes;
}

} // namespace

QString richFront()
{
    return u"<b>Hola</b> \"amigo\" 😀 ünïcödé"_s;
}

QString richBack()
{
    return u"Hello\tworld & friends <img src=\"cat.jpg\">"_s;
}

QByteArray catJpeg()
{
    return QByteArray("\xff\xd8\xff\xe0 not really a jpeg, but bytes", 36);
}

void writeSchema11(const QString &path, qint64 noteMod)
{
    Sql sql(path);
    for (const QString &statement : kSchema11)
        sql.run(statement);
    sql.run(u"CREATE TABLE graves (usn integer NOT NULL, oid integer NOT NULL, type integer NOT NULL)"_s);
    const QJsonObject models {{QString::number(kBasicModel),
                                  model(kBasicModel, u"Basic"_s, {u"Front"_s, u"Back"_s}, {u"Card 1"_s})},
        {QString::number(kReversedModel),
            model(kReversedModel, u"Basic (and reversed card)"_s, {u"Front"_s, u"Back"_s, u"Extra"_s},
                {u"Card 1"_s, u"Card 2"_s})}};
    const QJsonObject decks {{u"1"_s, deck(1, u"Default"_s, 1)},
        {QString::number(kLanguagesDeck), deck(kLanguagesDeck, u"Languages"_s, 1)},
        {QString::number(kSpanishDeck), deck(kSpanishDeck, u"Languages::Spanish"_s, kSpanishOptions)}};
    const QJsonObject spanish {{u"id"_s, kSpanishOptions}, {u"name"_s, u"Spanish options"_s},
        {u"new"_s, QJsonObject {{u"perDay"_s, 7}, {u"delays"_s, QJsonArray {2, 20}}}}};
    const QJsonObject dconf {{u"1"_s, QJsonObject {{u"id"_s, 1}, {u"name"_s, u"Default"_s}}},
        {QString::number(kSpanishOptions), spanish}};
    sql.run(u"INSERT INTO col VALUES (1, ?, 0, 0, 11, 0, 0, 0, ?, ?, ?, ?, '{}')"_s,
        {kSourceCrt, compact(QJsonObject {{u"creationOffset"_s, 0}, {u"nextPos"_s, 5}}), compact(models),
            compact(decks), compact(dconf)});
    writeRows(sql, noteMod);
}

void writeSchema18(const QString &path)
{
    Sql sql(path);
    for (const QString &statement : kSchema11)
        sql.run(statement);
    for (const QString &statement :
        {u"CREATE TABLE graves (oid integer NOT NULL, type integer NOT NULL, usn integer NOT NULL,"
         " PRIMARY KEY (oid, type)) WITHOUT ROWID"_s,
            u"CREATE TABLE deck_config (id integer PRIMARY KEY NOT NULL, name text NOT NULL COLLATE NOCASE,"
            " mtime_secs integer NOT NULL, usn integer NOT NULL, config blob NOT NULL)"_s,
            u"CREATE TABLE config (KEY text NOT NULL PRIMARY KEY, usn integer NOT NULL, mtime_secs integer "
            u"NOT NULL,"
            " val blob NOT NULL) without rowid"_s,
            u"CREATE TABLE fields (ntid integer NOT NULL, ord integer NOT NULL, name text NOT NULL COLLATE "
            u"NOCASE,"
            " config blob NOT NULL, PRIMARY KEY (ntid, ord)) without rowid"_s,
            u"CREATE TABLE templates (ntid integer NOT NULL, ord integer NOT NULL, name text NOT NULL COLLATE"
            " NOCASE, mtime_secs integer NOT NULL, usn integer NOT NULL, config blob NOT NULL,"
            " PRIMARY KEY (ntid, ord)) without rowid"_s,
            u"CREATE TABLE notetypes (id integer NOT NULL PRIMARY KEY, name text NOT NULL COLLATE NOCASE,"
            " mtime_secs integer NOT NULL, usn integer NOT NULL, config blob NOT NULL)"_s,
            u"CREATE TABLE decks (id integer PRIMARY KEY NOT NULL, name text NOT NULL COLLATE NOCASE,"
            " mtime_secs integer NOT NULL, usn integer NOT NULL, common blob NOT NULL, kind blob NOT NULL)"_s}) {
        sql.run(statement);
    }
    sql.run(u"INSERT INTO col VALUES (1, ?, 0, 0, 18, 0, 0, 0, '', '', '', '', '')"_s, {kSourceCrt});
    sql.run(u"INSERT INTO config VALUES ('creationOffset', 0, 0, ?)"_s, {QByteArray("0")});
    auto normal = [](qint64 config) { return bytesField(1, field(1, quint64(config))); };
    sql.run(u"INSERT INTO decks VALUES (1, 'Default', 0, 0, x'', ?)"_s, {normal(1)});
    sql.run(u"INSERT INTO decks VALUES (?, 'Languages', 0, 0, x'', ?)"_s, {kLanguagesDeck, normal(1)});
    sql.run(u"INSERT INTO decks VALUES (?, ?, 0, 0, x'', ?)"_s,
        {kSpanishDeck,
            QString::fromUtf8(QByteArray("Languages\x1f"
                                         "Spanish")),
            normal(kSpanishOptions)});
    // DeckConfig.Config: new_per_day (9) = 7.
    sql.run(u"INSERT INTO deck_config VALUES (1, 'Default', 0, 0, x'')"_s);
    sql.run(
        u"INSERT INTO deck_config VALUES (?, 'Spanish options', 0, 0, ?)"_s, {kSpanishOptions, field(9, 7)});
    sql.run(u"INSERT INTO notetypes VALUES (?, 'Basic', 0, 0, ?)"_s, {kBasicModel, field(1, 0)});
    sql.run(u"INSERT INTO notetypes VALUES (?, 'Basic (and reversed card)', 0, 0, ?)"_s,
        {kReversedModel, field(1, 0)});
    for (const auto &[ntid, names] : {std::pair {kBasicModel, QStringList {u"Front"_s, u"Back"_s}},
             std::pair {kReversedModel, QStringList {u"Front"_s, u"Back"_s, u"Extra"_s}}}) {
        for (int i = 0; i < names.size(); ++i)
            sql.run(u"INSERT INTO fields VALUES (?, ?, ?, x'')"_s, {ntid, i, names.at(i)});
    }
    sql.run(u"INSERT INTO templates VALUES (?, 0, 'Card 1', 0, 0, x'')"_s, {kBasicModel});
    sql.run(u"INSERT INTO templates VALUES (?, 0, 'Card 1', 0, 0, x'')"_s, {kReversedModel});
    sql.run(u"INSERT INTO templates VALUES (?, 1, 'Card 2', 0, 0, x'')"_s, {kReversedModel});
    writeRows(sql, kNoteMod);
    // Anki's names use its own collation, `unicase`, which no other SQLite knows: the
    // schema is rewritten to name it, as a reader of a real version-3 package meets it.
    sql.run(u"PRAGMA writable_schema = ON"_s);
    sql.run(u"UPDATE sqlite_master SET sql = replace(sql, 'COLLATE NOCASE', 'COLLATE unicase')"_s);
    sql.run(u"PRAGMA writable_schema = OFF"_s);
}

void writeDummy(const QString &path)
{
    Sql sql(path);
    for (const QString &statement : kSchema11)
        sql.run(statement);
    sql.run(u"INSERT INTO col VALUES (1, 1600000000, 0, 0, 11, 0, 0, 0, '{}', ?, "
            u"'{\"1\":{\"id\":1,\"name\":\"Default\"}}',"
            " '{}', '{}')"_s,
        {compact(QJsonObject {{u"1"_s, model(1, u"Basic"_s, {u"Front"_s, u"Back"_s}, {u"Card 1"_s})}})});
    sql.run(u"INSERT INTO notes VALUES (1, 'dummyGuid', 1, 1, -1, '', ?, '', 0, 0, '')"_s,
        {QString(u"Please update to the latest Anki version, then import the .colpkg/.apkg file again."_s
            + QChar(0x1f))});
    sql.run(u"INSERT INTO cards VALUES (1, 1, 1, 0, 1, -1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, '')"_s);
}

void writeZip(const QString &zipPath, const QList<std::pair<QString, QByteArray>> &entries, bool stored)
{
    QFile::remove(zipPath);
    auto writer = interop::ZipWriter::create(zipPath);
    QVERIFY2(writer.ok(), "zip writer");
    for (const auto &[name, bytes] : entries)
        QVERIFY(writer.value()->addBytes(name, bytes, !stored).ok());
    QVERIFY(writer.value()->close().ok());
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

QByteArray zstd(const QByteArray &bytes)
{
    QByteArray out(qsizetype(ZSTD_compressBound(size_t(bytes.size()))), Qt::Uninitialized);
    const size_t written
        = ZSTD_compress(out.data(), size_t(out.size()), bytes.constData(), size_t(bytes.size()), 3);
    out.resize(qsizetype(written));
    return out;
}

QString legacyPackage(const QString &dir, int version, qint64 noteMod)
{
    const QString db = QDir(dir).filePath(u"source.anki2"_s);
    writeSchema11(db, noteMod);
    const QString path = QDir(dir).filePath(u"deck-v%1-%2.apkg"_s.arg(version).arg(noteMod));
    writeZip(path,
        {{version == 2 ? u"collection.anki21"_s : u"collection.anki2"_s, readFile(db)},
            {u"media"_s, QByteArray(R"({"0": "cat.jpg"})")}, {u"0"_s, catJpeg()}});
    return path;
}

QString version3Package(const QString &dir)
{
    const QString db = QDir(dir).filePath(u"source.anki21b"_s);
    writeSchema18(db);
    const QString dummy = QDir(dir).filePath(u"dummy.anki2"_s);
    writeDummy(dummy);
    const QByteArray cat = catJpeg();
    const QByteArray entry = bytesField(1, "cat.jpg") + field(2, quint64(cat.size()))
        + bytesField(3, QCryptographicHash::hash(cat, QCryptographicHash::Sha1));
    const QString path = QDir(dir).filePath(u"deck-v3.apkg"_s);
    writeZip(path,
        {{u"meta"_s, field(1, 3)}, {u"collection.anki21b"_s, zstd(readFile(db))},
            {u"collection.anki2"_s, readFile(dummy)}, {u"media"_s, zstd(bytesField(1, entry))},
            {u"0"_s, zstd(cat)}},
        true);
    return path;
}

} // namespace javumbo::testsupport::packagefixture
