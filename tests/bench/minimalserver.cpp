// javumbo_minimalserver: the yardstick of issue 17 — the least a QtHttpServer + SQLite server must
// do to store a card, so that `javumbo serve` can be measured against the limit of its own stack.
//
//   javumbo_minimalserver DATA_DIR normal|full [anki]
//
// With `anki` it also keeps what Anki's schema makes every add write and
// javumbo cannot leave out: the five indexes of notes and cards (usn, csum,
// nid, sched) and the col row, rewritten with the next position and the
// modification time. That is the ceiling for an Anki collection; without it,
// the ceiling for two bare tables.
//
// It listens on a free loopback port, prints "listening on http://127.0.0.1:PORT" and answers
//   POST /api/v1/cards   {"front": …, "back": …}  → 201 {"note_id": …, "card_id": …}
// for any bearer token: each distinct token is a user with its own SQLite file (WAL, with the
// given synchronous setting, as `serve --durability normal|full`), holding Anki's notes and cards
// tables. Everything a real server needs beyond that — sessions, validation, locks, ids that
// never collide, scheduling, metrics, logs — is left out on purpose: this is the ceiling, not a
// competitor. Handlers run on the main thread, as QtHttpServer 6.4 runs them by default.
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QHash>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTextStream>

#include <cstdio>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

class UserFile
{
public:
    UserFile(const QString &path, const QString &synchronous, bool ankiSchema)
        : m_name(u"user-"_s + path), m_ankiSchema(ankiSchema)
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
        db.setDatabaseName(path);
        if (!db.open())
            qFatal("cannot open %s", qPrintable(path));
        QSqlQuery setup(db);
        for (const QString &sql :
            {u"PRAGMA journal_mode=WAL"_s, u"PRAGMA synchronous="_s + synchronous,
                u"CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, guid TEXT NOT NULL, "
                u"mid INTEGER NOT NULL, mod INTEGER NOT NULL, usn INTEGER NOT NULL, tags TEXT NOT NULL, "
                u"flds TEXT NOT NULL, sfld TEXT NOT NULL, csum INTEGER NOT NULL, flags INTEGER NOT NULL, "
                u"data TEXT NOT NULL)"_s,
                u"CREATE TABLE IF NOT EXISTS cards (id INTEGER PRIMARY KEY, nid INTEGER NOT NULL, "
                u"did INTEGER NOT NULL, ord INTEGER NOT NULL, mod INTEGER NOT NULL, usn INTEGER NOT NULL, "
                u"type INTEGER NOT NULL, queue INTEGER NOT NULL, due INTEGER NOT NULL, ivl INTEGER NOT NULL, "
                u"factor INTEGER NOT NULL, reps INTEGER NOT NULL, lapses INTEGER NOT NULL, "
                u"left INTEGER NOT NULL, odue INTEGER NOT NULL, odid INTEGER NOT NULL, "
                u"flags INTEGER NOT NULL, data TEXT NOT NULL)"_s}) {
            if (!setup.exec(sql))
                qFatal("%s: %s", qPrintable(sql), qPrintable(setup.lastError().text()));
        }
        if (ankiSchema) {
            for (const QString &sql : {u"CREATE INDEX IF NOT EXISTS ix_notes_usn ON notes (usn)"_s,
                     u"CREATE INDEX IF NOT EXISTS ix_notes_csum ON notes (csum)"_s,
                     u"CREATE INDEX IF NOT EXISTS ix_cards_usn ON cards (usn)"_s,
                     u"CREATE INDEX IF NOT EXISTS ix_cards_nid ON cards (nid)"_s,
                     u"CREATE INDEX IF NOT EXISTS ix_cards_sched ON cards (did, queue, due)"_s,
                     u"CREATE TABLE IF NOT EXISTS col (id INTEGER PRIMARY KEY, mod INTEGER NOT NULL, "
                     u"conf TEXT NOT NULL)"_s,
                     u"INSERT OR IGNORE INTO col VALUES (1, 0, '{}')"_s}) {
                if (!setup.exec(sql))
                    qFatal("%s: %s", qPrintable(sql), qPrintable(setup.lastError().text()));
            }
            m_col = std::make_unique<QSqlQuery>(db);
            m_col->prepare(u"UPDATE col SET mod = ?, conf = ? WHERE id = 1"_s);
        }
        m_note = std::make_unique<QSqlQuery>(db);
        m_note->prepare(u"INSERT INTO notes VALUES (NULL, ?, 1, ?, -1, '', ?, ?, 0, 0, '')"_s);
        m_card = std::make_unique<QSqlQuery>(db);
        m_card->prepare(
            u"INSERT INTO cards VALUES (NULL, ?, 1, 0, ?, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, '')"_s);
    }

    // Inserts one note and its card in one transaction; returns {note id, card id}.
    std::pair<qint64, qint64> add(const QString &front, const QString &back)
    {
        QSqlDatabase db = QSqlDatabase::database(m_name, false);
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        db.transaction();
        m_note->addBindValue(QString::number(++m_guid, 36));
        m_note->addBindValue(now);
        m_note->addBindValue(front + QChar(0x1f) + back);
        m_note->addBindValue(front);
        m_note->exec();
        const qint64 noteId = m_note->lastInsertId().toLongLong();
        m_card->addBindValue(noteId);
        m_card->addBindValue(now);
        m_card->exec();
        const qint64 cardId = m_card->lastInsertId().toLongLong();
        if (m_ankiSchema) {
            // A conf of Anki's usual size (about 300 bytes) with the next new-card position.
            m_col->addBindValue(now);
            m_col->addBindValue(u"{\"activeDecks\":[1],\"addToCur\":true,\"collapseTime\":1200,"
                                u"\"curDeck\":1,\"curModel\":1,\"dueCounts\":true,\"estTimes\":true,"
                                u"\"newSpread\":0,\"nextPos\":%1,\"sortBackwards\":false,"
                                u"\"sortType\":\"noteFld\",\"timeLim\":0,\"creationOffset\":0,"
                                u"\"localOffset\":0,\"rollover\":4,\"schedVer\":2}"_s.arg(m_guid + 1));
            m_col->exec();
        }
        db.commit();
        return {noteId, cardId};
    }

private:
    QString m_name;
    std::unique_ptr<QSqlQuery> m_note;
    std::unique_ptr<QSqlQuery> m_card;
    std::unique_ptr<QSqlQuery> m_col;
    bool m_ankiSchema = false;
    qint64 m_guid = 0;
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 3 || args.size() > 4 || (args[2] != u"normal"_s && args[2] != u"full"_s)
        || (args.size() == 4 && args[3] != u"anki"_s)) {
        std::fputs("usage: javumbo_minimalserver DATA_DIR normal|full [anki]\n", stderr);
        return 2;
    }
    const QDir dataDir(args[1]);
    if (!dataDir.mkpath(u"."_s))
        qFatal("cannot create %s", qPrintable(args[1]));
    const QString synchronous = args[2].toUpper();
    const bool ankiSchema = args.size() == 4;

    QHash<QByteArray, std::shared_ptr<UserFile>> users;
    QHttpServer server;
    server.route(
        u"/api/v1/cards"_s, QHttpServerRequest::Method::Post, [&](const QHttpServerRequest &request) {
            const QByteArray token = request.value("Authorization");
            if (!token.startsWith("Bearer "))
                return QHttpServerResponse(QHttpServerResponder::StatusCode::Unauthorized);
            const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
            std::shared_ptr<UserFile> &user = users[token];
            if (!user) {
                const QByteArray file = QCryptographicHash::hash(token, QCryptographicHash::Sha1).toHex();
                user = std::make_shared<UserFile>(
                    dataDir.filePath(QString::fromLatin1(file) + u".db"_s), synchronous, ankiSchema);
            }
            const auto [noteId, cardId]
                = user->add(body.value(u"front"_s).toString(), body.value(u"back"_s).toString());
            return QHttpServerResponse(QJsonObject {{u"note_id"_s, noteId}, {u"card_id"_s, cardId}},
                QHttpServerResponder::StatusCode::Created);
        });
    const quint16 port = server.listen(QHostAddress::LocalHost, 0);
    if (port == 0)
        qFatal("cannot listen");
    QTextStream(stdout) << "listening on http://127.0.0.1:" << port << Qt::endl;
    return app.exec();
}
