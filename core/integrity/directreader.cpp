#include "directreader.h"

#include "accounts/credentialrules.h"
#include "collectionrows.h"
#include "storage/readonlydatabase.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace javumbo::integrity {

using storage::ReadOnlyDatabase;

namespace {

Result<QHash<qint64, QString>> deckNames(ReadOnlyDatabase &db)
{
    QString decksJson;
    auto done = db.select(u"SELECT decks FROM col WHERE id = 1"_s, {},
        [&decksJson](const QSqlQuery &query) { decksJson = query.value(0).toString(); });
    if (!done)
        return done.error();
    return deckNamesOf(decksJson);
}

Result<void> readCards(ReadOnlyDatabase &db, qint64 cursor, CollectionRead &read)
{
    // LEFT JOIN: a card whose note vanished is damage the checker must see, not skip.
    return db.select(u"SELECT c.id, c.nid, c.did, c.reps, n.flds, n.id IS NOT NULL FROM cards c"
                     " LEFT JOIN notes n ON n.id = c.nid WHERE c.id > ? ORDER BY c.id"_s,
        {cursor}, [&read](const QSqlQuery &query) {
            read.cards.append(cardRowOf(query.value(0).toLongLong(), query.value(1).toLongLong(),
                query.value(2).toLongLong(), query.value(3).toInt(), query.value(4).toString(),
                query.value(5).toBool()));
            read.cursor = std::max(read.cursor, read.cards.last().cardId);
        });
}

} // namespace

DirectReader::DirectReader(QString dataDir) : m_dataDir(std::move(dataDir)) { }

bool DirectReader::isUsable() const
{
    if (m_dataDir.isEmpty())
        return false;
    const QFileInfo userDbs(m_dataDir % u"/user_dbs"_s);
    return userDbs.isDir() && userDbs.isReadable();
}

QString DirectReader::adminDbPath() const
{
    return m_dataDir % u"/admin.db"_s;
}

QString DirectReader::collectionPath(qint64 userId) const
{
    return m_dataDir % u"/user_dbs/user_"_s % QString::number(userId) % u".db"_s;
}

QString DirectReader::name() const
{
    return u"direct"_s;
}

Result<qint64> DirectReader::resolveUserId(const TestAccount &account)
{
    ReadOnlyDatabase db(adminDbPath());
    if (auto opened = db.open(); !opened)
        return opened.error();
    qint64 id = 0;
    auto done = db.select(u"SELECT id FROM accounts WHERE username_key = ?"_s,
        {credentialrules::usernameKey(account.username)},
        [&id](const QSqlQuery &query) { id = query.value(0).toLongLong(); });
    if (!done)
        return done.error();
    if (id == 0)
        return makeError(ErrorCode::UserNotFound, u"admin.db has no account named "_s % account.username);
    return id;
}

Result<CollectionRead> DirectReader::read(const TestAccount &account, qint64 cursor, bool full)
{
    ReadOnlyDatabase db(collectionPath(account.userId));
    if (auto opened = db.open(); !opened)
        return opened.error();
    CollectionRead read;
    read.cursor = cursor;
    // One snapshot for cards, revlog and decks, so reps and revlog rows are
    // compared as of one moment even if the server is still writing.
    if (auto begun = db.beginRead(); !begun)
        return begun.error();
    Result<void> done = readCards(db, cursor, read);
    if (done && full) {
        read.hasRevlog = true;
        done = db.select(
            u"SELECT cid, count(*) FROM revlog GROUP BY cid"_s, {}, [&read](const QSqlQuery &query) {
                read.revlogRows.insert(query.value(0).toLongLong(), query.value(1).toInt());
            });
    }
    // Decks after cards: decks are never deleted by the test, so every deck
    // a card of this snapshot names is in it.
    Result<QHash<qint64, QString>> decks
        = done ? deckNames(db) : Result<QHash<qint64, QString>>(done.error());
    db.endRead();
    if (!decks)
        return decks.error();
    for (CardRow &row : read.cards)
        row.deckName = decks->value(row.deckId);
    return read;
}

Result<QList<AdminAccount>> DirectReader::adminAccounts() const
{
    ReadOnlyDatabase db(adminDbPath());
    if (auto opened = db.open(); !opened)
        return opened.error();
    QList<AdminAccount> accounts;
    auto done = db.select(
        u"SELECT id, username, email FROM accounts ORDER BY id"_s, {}, [&accounts](const QSqlQuery &query) {
            accounts.append(
                {query.value(0).toLongLong(), query.value(1).toString(), query.value(2).toString()});
        });
    if (!done)
        return done.error();
    return accounts;
}

Result<QList<CollectionFile>> DirectReader::collectionFiles() const
{
    static const QRegularExpression pattern(u"^user_(\\d{1,18})\\.db$"_s);
    const QDir dir(m_dataDir % u"/user_dbs"_s);
    if (!dir.exists())
        return makeError(ErrorCode::StorageUnavailable, dir.path() % u" does not exist"_s);
    QList<CollectionFile> files;
    for (const QString &fileName : dir.entryList(QDir::Files, QDir::Name)) {
        const QRegularExpressionMatch match = pattern.match(fileName);
        if (match.hasMatch())
            files.append({match.captured(1).toLongLong(), fileName});
    }
    return files;
}

Result<QString> DirectReader::integrityCheck(const QString &path) const
{
    ReadOnlyDatabase db(path);
    if (auto opened = db.open(); !opened)
        return opened.error();
    QStringList findings;
    auto done = db.select(u"PRAGMA integrity_check"_s, {},
        [&findings](const QSqlQuery &query) { findings.append(query.value(0).toString()); });
    if (!done)
        return done.error();
    return findings.join(u"; "_s);
}

} // namespace javumbo::integrity
