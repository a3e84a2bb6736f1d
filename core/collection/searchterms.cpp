#include "searchterms.h"

#include <QRegularExpression>

#include <cmath>

using namespace Qt::StringLiterals;

namespace javumbo::collection::searchterms {

namespace {

constexpr qint64 kDay = 86400;
constexpr int kMaxRatedDays = 365; // Anki's cap: the revlog is not searched further back

// A whole number of days from 1, or nothing.
std::optional<int> positiveDays(const QString &text)
{
    bool ok = false;
    const int days = text.toInt(&ok);
    return ok && days >= 1 ? std::optional<int>(days) : std::nullopt;
}

// The first id (ms) of a window of `days` study days ending with today.
qint64 windowStartMs(const scheduling::DayTiming &timing, int days)
{
    return (timing.nextDayAt - qint64(days) * kDay) * 1000;
}

} // namespace

Error invalid(const QString &term, const QString &why)
{
    return makeError(ErrorCode::InvalidQuery, u"invalid search term \"%1\": %2"_s.arg(term, why));
}

Result<SqlTerm> state(const QString &value, const QString &term, const scheduling::DayTiming &timing)
{
    const QString s = value.toLower();
    if (s == u"due"_s)
        return SqlTerm {u"((c.queue IN (2, 3) AND c.due <= ?) OR (c.queue = 1 AND c.due <= ?))"_s,
            {timing.today, timing.now}};
    if (s == u"new"_s)
        return SqlTerm {u"c.type = 0"_s, {}};
    if (s == u"learn"_s)
        return SqlTerm {u"c.queue IN (1, 3)"_s, {}};
    if (s == u"review"_s)
        return SqlTerm {u"c.type IN (2, 3)"_s, {}};
    if (s == u"suspended"_s)
        return SqlTerm {u"c.queue = -1"_s, {}};
    if (s == u"buried"_s)
        return SqlTerm {u"c.queue IN (-2, -3)"_s, {}};
    return invalid(term, u"is: takes new, learn, review, due, suspended or buried"_s);
}

Result<SqlTerm> added(const QString &value, const QString &term, const scheduling::DayTiming &timing)
{
    const auto days = positiveDays(value);
    if (!days)
        return invalid(term, u"added: takes a number of days from 1, as in added:7"_s);
    // A card's id is the millisecond it was added.
    return SqlTerm {u"c.id >= ?"_s, {windowStartMs(timing, *days)}};
}

Result<SqlTerm> rated(const QString &value, const QString &term, const scheduling::DayTiming &timing)
{
    const QStringList parts = value.split(u':');
    const auto days = positiveDays(parts.value(0));
    bool easeOk = parts.size() == 1;
    const int ease = parts.size() == 2 ? parts.at(1).toInt(&easeOk) : 0;
    if (!days || parts.size() > 2 || !easeOk || (parts.size() == 2 && (ease < 1 || ease > 4)))
        return invalid(term,
            u"rated: takes a number of days from 1 and optionally an answer 1-4, as in "
            "rated:7 or rated:7:1"_s);
    SqlTerm sql {u"c.id IN (SELECT r.cid FROM revlog r WHERE $user(r) r.id >= ?"_s,
        {windowStartMs(timing, std::min(*days, kMaxRatedDays))}};
    if (parts.size() == 2) {
        sql.condition += u" AND r.ease = ?"_s;
        sql.bindings.append(ease);
    }
    sql.condition += u')';
    return sql;
}

Result<SqlTerm> property(const QString &value, const QString &term, const scheduling::DayTiming &timing)
{
    static const QRegularExpression form(
        u"^(ivl|due|reps|lapses|ease)(<=|>=|!=|=|<|>)(-?\\d+(?:\\.\\d+)?)$"_s,
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = form.match(value);
    if (!match.hasMatch())
        return invalid(term,
            u"prop: takes ivl, due, reps, lapses or ease, then = != < > <= or >=, then a number, as in "
            "prop:ivl>=10 or prop:ease<2.5"_s);
    const QString property = match.captured(1).toLower();
    const QString op = match.captured(2);
    const QString number = match.captured(3);
    if (property == u"ease"_s) // stored in permille: 2.5 is 2500
        return SqlTerm {u"c.factor "_s % op % u" ?"_s, {qint64(std::llround(number.toDouble() * 1000))}};
    bool whole = false;
    const qint64 n = number.toLongLong(&whole);
    if (!whole)
        return invalid(term, u"%1 takes a whole number"_s.arg(property));
    if (property == u"due"_s) // days from today, for cards due on a day (reviews, day learning)
        return SqlTerm {u"(c.queue IN (2, 3) AND c.due "_s % op % u" ?)"_s, {timing.today + n}};
    return SqlTerm {u"c."_s % property % u' ' % op % u" ?"_s, {n}};
}

} // namespace javumbo::collection::searchterms
