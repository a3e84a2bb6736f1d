#include "pgconnectionstring.h"

#include <libpq-fe.h>

using namespace Qt::StringLiterals;

namespace javumbo::postgres {

namespace {

// Javumbo's defaults, applied only where the connection string is silent.
const QList<std::pair<QString, QString>> &defaults()
{
    static const QList<std::pair<QString, QString>> pairs = {
        {u"connect_timeout"_s, u"5"_s},
        {u"keepalives"_s, u"1"_s},
        {u"keepalives_idle"_s, u"30"_s},
        {u"keepalives_interval"_s, u"10"_s},
        {u"keepalives_count"_s, u"3"_s},
        {u"application_name"_s, u"javumbo"_s},
    };
    return pairs;
}

// libpq's quoting of a keyword's value: single quotes, \ and ' escaped.
QString quoted(QString value)
{
    value.replace(u'\\', u"\\\\"_s).replace(u'\'', u"\\'"_s);
    return u'\'' + value + u'\'';
}

} // namespace

Result<PgConnectionString> PgConnectionString::parse(const QString &text)
{
    if (text.trimmed().isEmpty())
        return makeError(ErrorCode::BadRequest, u"the PostgreSQL connection string is empty"_s);
    char *parseError = nullptr;
    PQconninfoOption *options = PQconninfoParse(text.toUtf8().constData(), &parseError);
    if (!options) {
        const QString why = parseError ? QString::fromUtf8(parseError).trimmed() : u"out of memory"_s;
        PQfreemem(parseError);
        return makeError(ErrorCode::BadRequest, u"not a PostgreSQL connection string: "_s + why);
    }
    PgConnectionString result;
    bool hasPassword = false;
    for (const PQconninfoOption *option = options; option->keyword; ++option) {
        if (!option->val)
            continue;
        const QString keyword = QString::fromUtf8(option->keyword);
        if (keyword == "password"_L1) {
            hasPassword = true;
            continue;
        }
        result.m_pairs.append({keyword, QString::fromUtf8(option->val)});
    }
    PQconninfoFree(options);
    if (hasPassword)
        return makeError(ErrorCode::BadRequest,
            u"the PostgreSQL connection string contains a password; put it in a password file "
            "(passfile=FILE, PGPASSFILE or ~/.pgpass) or in PGPASSWORD, never on the command line"_s);
    // Qt's driver turns ';' into ' ' in its connect options (docs/platform-notes.md §PostgreSQL).
    for (const auto &[keyword, value] : std::as_const(result.m_pairs)) {
        if (value.contains(u';'))
            return makeError(ErrorCode::BadRequest,
                u"the PostgreSQL connection string's %1 contains ';', which Qt's driver cannot pass on"_s.arg(
                    keyword));
    }
    return result;
}

QString PgConnectionString::value(const QString &keyword) const
{
    for (const auto &[key, value] : m_pairs) {
        if (key == keyword)
            return value;
    }
    return {};
}

QString PgConnectionString::connectOptions() const
{
    QStringList parts;
    for (const auto &[keyword, value] : m_pairs)
        parts.append(keyword + u'=' + quoted(value));
    for (const auto &[keyword, value] : defaults()) {
        if (this->value(keyword).isEmpty())
            parts.append(keyword + u'=' + quoted(value));
    }
    return parts.join(u' ');
}

QString PgConnectionString::describe() const
{
    const QString user = value(u"user"_s);
    const QString host = value(u"host"_s).isEmpty() ? value(u"hostaddr"_s) : value(u"host"_s);
    const QString port = value(u"port"_s);
    QString text = user.isEmpty() ? QString() : user + u'@';
    text += host.isEmpty() ? u"(default host)"_s : host;
    if (!port.isEmpty())
        text += u':' + port;
    return text + u'/' + value(u"dbname"_s);
}

} // namespace javumbo::postgres
