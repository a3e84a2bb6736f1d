#include "usermarkers.h"

using namespace Qt::StringLiterals;

namespace javumbo::storage {

namespace {

struct Marker
{
    QStringView name;
    QStringView expansion; // PostgreSQL's text; `?` in it is the user's id
};

// Longest first: `$userColumn` must not be read as `$user` + "Column".
constexpr Marker kFixedMarkers[] = {
    {u"$userColumn", u"user_id, "},
    {u"$userValue", u"?, "},
};

// `$user(alias)` at `at`: the alias, and where the marker ends; nullopt if it is not one.
std::optional<std::pair<QStringView, qsizetype>> aliasMarker(QStringView sql, qsizetype at)
{
    static constexpr QStringView kOpen = u"$user(";
    if (!sql.mid(at).startsWith(kOpen))
        return std::nullopt;
    const qsizetype close = sql.indexOf(u')', at + kOpen.size());
    if (close < 0)
        return std::nullopt;
    const QStringView alias = sql.mid(at + kOpen.size(), close - at - kOpen.size());
    for (QChar c : alias)
        if (!(c.isLetterOrNumber() || c == u'_'))
            return std::nullopt;
    qsizetype end = close + 1;
    if (end < sql.size() && sql[end] == u' ')
        ++end; // "$user(c) c.id" reads as one condition either way
    return std::pair {alias, end};
}

} // namespace

bool hasUserMarkers(const QString &sql)
{
    return sql.contains(u"$user"_s);
}

MarkedSql applyUserMarkers(const QString &sql, UserFilter filter)
{
    MarkedSql out;
    out.sql.reserve(sql.size() + 64);
    const bool expand = filter == UserFilter::Expanded;
    QChar quote; // the quote character we are inside, or null
    for (qsizetype i = 0; i < sql.size();) {
        const QChar c = sql[i];
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
            out.sql += c;
            ++i;
            continue;
        }
        if (c == u'\'' || c == u'"') {
            quote = c;
            out.sql += c;
            ++i;
            continue;
        }
        if (c == u'?') {
            out.userSlots.append(false);
            out.sql += c;
            ++i;
            continue;
        }
        if (c != u'$') {
            out.sql += c;
            ++i;
            continue;
        }
        const QStringView rest = QStringView(sql).mid(i);
        bool matched = false;
        for (const Marker &marker : kFixedMarkers) {
            if (!rest.startsWith(marker.name))
                continue;
            qsizetype end = i + marker.name.size();
            if (end < sql.size() && sql[end] == u' ')
                ++end;
            if (expand) {
                out.sql += marker.expansion;
                if (marker.expansion.contains(u'?'))
                    out.userSlots.append(true);
            }
            i = end;
            matched = true;
            break;
        }
        if (matched)
            continue;
        if (auto alias = aliasMarker(sql, i)) {
            if (expand) {
                if (!alias->first.isEmpty())
                    out.sql += alias->first + u".";
                out.sql += u"user_id = ? AND "_s;
                out.userSlots.append(true);
            }
            i = alias->second;
            continue;
        }
        out.sql += c; // not ours: the engine's parser names it
        ++i;
    }
    return out;
}

} // namespace javumbo::storage
