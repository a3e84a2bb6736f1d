#include "datacheck.h"

#include "accounts/adminschema.h"
#include "storage/collectionschema.h"
#include "storage/filecheck.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>

#include <set>

#include <sqlite3.h>

using namespace Qt::StringLiterals;

namespace javumbo {

namespace {

// One value of one query on a private read-only connection (nothing cached,
// nothing written; fine beside a running server).
Result<QStringList> column(const QString &path, const char *sql)
{
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READONLY, nullptr)
        != SQLITE_OK) {
        sqlite3_close_v2(db);
        return makeError(ErrorCode::StorageUnavailable, u"cannot open %1"_s.arg(path));
    }
    sqlite3_busy_timeout(db, 5000);
    sqlite3_stmt *statement = nullptr;
    QStringList values;
    int rc = sqlite3_prepare_v2(db, sql, -1, &statement, nullptr);
    while (rc == SQLITE_OK || rc == SQLITE_ROW) {
        rc = sqlite3_step(statement);
        if (rc != SQLITE_ROW)
            break;
        values << QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(statement, 0)));
    }
    const QString error = QString::fromUtf8(sqlite3_errmsg(db));
    sqlite3_finalize(statement);
    sqlite3_close_v2(db);
    if (rc != SQLITE_DONE)
        return makeError(ErrorCode::StorageCorrupt, u"%1: %2"_s.arg(path, error));
    return values;
}

} // namespace

QJsonObject DataCheckReport::toJson() const
{
    QJsonArray list;
    for (const Finding &finding : findings)
        list.append(QJsonObject {
            {u"file"_s, finding.file}, {u"problem"_s, finding.problem}, {u"detail"_s, finding.detail}});
    return QJsonObject {{u"ok"_s, ok()}, {u"files_checked"_s, filesChecked}, {u"accounts"_s, accounts},
        {u"collections"_s, collections}, {u"findings"_s, list}};
}

QString DataCheckReport::toText() const
{
    QString text;
    for (const Finding &finding : findings)
        text += u"%1: %2: %3\n"_s.arg(
            finding.file.isEmpty() ? u"-"_s : finding.file, finding.problem, finding.detail);
    text += u"%1 files checked, %2 accounts, %3 collections: %4\n"_s.arg(filesChecked)
                .arg(accounts)
                .arg(collections)
                .arg(ok() ? u"ok"_s : u"%1 problems"_s.arg(findings.size()));
    return text;
}

Result<DataCheckReport> DataCheck::run(const QString &dataDir)
{
    const QDir data(dataDir);
    DataCheckReport report;
    const auto note = [&](const QString &file, const QString &problem, const QString &detail) {
        report.findings.append({file, problem, detail});
    };
    // integrity_check, then the schema version the file claims.
    const auto checkDatabase = [&](const QString &relative, const char *versionSql, int expected) {
        const QString path = data.filePath(relative);
        ++report.filesChecked;
        auto integrity = storage::integrityReport(path, true);
        if (!integrity || integrity.value() != u"ok"_s) {
            note(relative, u"integrity"_s, integrity ? integrity.value() : integrity.error().message);
            return;
        }
        auto version = column(path, versionSql);
        if (!version || version->isEmpty() || version->first().toInt() != expected)
            note(relative, u"schema"_s,
                u"schema version %1, this Javumbo expects %2"_s
                    .arg(version && !version->isEmpty() ? version->first() : u"unreadable"_s)
                    .arg(expected));
        const QFileInfo wal(path + u"-wal"_s);
        if (wal.exists() && wal.size() > kOversizedWalBytes)
            note(relative, u"oversized-wal"_s, u"%1 bytes of WAL not checkpointed"_s.arg(wal.size()));
    };

    if (!QFileInfo::exists(data.filePath(u"admin.db"_s)))
        return makeError(ErrorCode::StorageUnavailable, u"%1 has no admin.db"_s.arg(dataDir));
    checkDatabase(u"admin.db"_s, "PRAGMA user_version", kAdminSchemaVersion);
    if (QFileInfo::exists(data.filePath(u"idempotency.db"_s))) {
        ++report.filesChecked;
        auto integrity = storage::integrityReport(data.filePath(u"idempotency.db"_s), true);
        if (!integrity || integrity.value() != u"ok"_s)
            note(u"idempotency.db"_s, u"integrity"_s,
                integrity ? integrity.value() : integrity.error().message);
    }

    std::set<qint64> accountIds;
    if (auto ids = column(data.filePath(u"admin.db"_s), "SELECT id FROM accounts"); ids) {
        for (const QString &id : ids.value())
            accountIds.insert(id.toLongLong());
    }
    report.accounts = int(accountIds.size());

    std::set<qint64> collectionIds;
    static const QRegularExpression collectionName(u"^user_(\\d+)\\.db$"_s);
    const QDir userDbs(data.filePath(u"user_dbs"_s));
    for (const QString &name : userDbs.entryList(QDir::Files, QDir::Name)) {
        const QString relative = u"user_dbs/"_s + name;
        if (name.endsWith(u".quarantined"_s)) {
            QFile marker(userDbs.filePath(name));
            (void)marker.open(QIODevice::ReadOnly);
            note(relative.chopped(12), u"quarantined"_s, QString::fromUtf8(marker.readAll()).simplified());
            continue;
        }
        const auto match = collectionName.match(name);
        if (!match.hasMatch())
            continue;
        const qint64 id = match.captured(1).toLongLong();
        collectionIds.insert(id);
        checkDatabase(relative, "SELECT ver FROM col", storage::collectionschema::kSchemaVersion);
        if (!accountIds.contains(id))
            note(relative, u"orphan-collection"_s, u"no account has id %1"_s.arg(id));
    }
    report.collections = int(collectionIds.size());
    for (const qint64 id : accountIds) {
        if (!collectionIds.contains(id))
            note(u"user_dbs/user_%1.db"_s.arg(id), u"missing-collection"_s,
                u"account %1 has no collection file"_s.arg(id));
    }
    return report;
}

} // namespace javumbo
