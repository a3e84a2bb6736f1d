#pragma once

#include "common/result.h"

#include <QList>
#include <QString>

#include <utility>

namespace javumbo::postgres {

// Where the PostgreSQL server is (`serve --database`): a libpq keyword/value
// string ("host=db dbname=javumbo user=javumbo") or a URL
// ("postgresql://javumbo@db:5432/javumbo?sslmode=verify-full"). libpq itself
// parses it (PQconninfoParse), so every form and keyword libpq knows works and
// a misspelt keyword is refused here, not at the first request.
//
// A password is refused: a command line is visible to every local user (ps)
// and stays in shell histories. libpq reads it from a password file
// (passfile=…, PGPASSFILE or ~/.pgpass) or from PGPASSWORD.
class PgConnectionString
{
public:
    static Result<PgConnectionString> parse(const QString &text);

    // The keyword/value string handed to Qt's QPSQL driver, with Javumbo's
    // defaults added where the admin set nothing: a short connect timeout (a
    // server that is down answers 503 quickly) and TCP keepalives (a dead
    // peer is noticed, and the server drops a dead instance's session and
    // with it that instance's locks).
    QString connectOptions() const;
    // "user@host:port/dbname" for logs and error messages (no secrets: there are none).
    QString describe() const;
    QString value(const QString &keyword) const;

private:
    QList<std::pair<QString, QString>> m_pairs; // keyword → value, as libpq parsed them
};

} // namespace javumbo::postgres
