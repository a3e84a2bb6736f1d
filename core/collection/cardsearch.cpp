#include "cardsearch.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace javumbo::collection {

namespace {

QStringList tokenize(const QString &search)
{
    QStringList tokens;
    QString current;
    bool quoted = false;
    for (QChar c : search) {
        if (c == u'"') {
            quoted = !quoted;
        } else if (c.isSpace() && !quoted) {
            if (!current.isEmpty())
                tokens.append(std::exchange(current, QString()));
        } else {
            current.append(c);
        }
    }
    if (!current.isEmpty())
        tokens.append(current);
    return tokens;
}

// A LIKE pattern where `*` is the only wildcard the user can write.
QString likePattern(const QString &text)
{
    QString pattern;
    for (QChar c : text) {
        if (c == u'%' || c == u'_' || c == u'\\')
            pattern.append(u'\\');
        pattern.append(c == u'*' ? u'%' : c);
    }
    return pattern;
}

QString idList(const QList<qint64> &ids)
{
    QStringList parts;
    for (qint64 id : ids)
        parts.append(QString::number(id));
    return parts.isEmpty() ? u"NULL"_s : parts.join(u',');
}

QList<qint64> decksMatching(const QString &pattern, const DeckTree &decks)
{
    const QRegularExpression wildcard(
        QRegularExpression::anchoredPattern(QRegularExpression::wildcardToRegularExpression(
            pattern, QRegularExpression::UnanchoredWildcardConversion)),
        QRegularExpression::CaseInsensitiveOption);
    QList<qint64> ids;
    for (const auto &[id, name] : decks.all()) {
        if (wildcard.match(name).hasMatch()) {
            for (qint64 member : decks.withDescendants(id)) {
                if (!ids.contains(member))
                    ids.append(member);
            }
        }
    }
    return ids;
}

Result<QString> stateCondition(const QString &state, const scheduling::DayTiming &timing)
{
    const QString s = state.toLower();
    if (s == u"due"_s)
        return u"((c.queue IN (2, 3) AND c.due <= %1) OR (c.queue = 1 AND c.due <= %2))"_s.arg(timing.today)
            .arg(timing.now);
    if (s == u"new"_s)
        return u"c.type = 0"_s;
    if (s == u"learn"_s)
        return u"c.type IN (1, 3)"_s;
    if (s == u"review"_s)
        return u"c.type IN (2, 3)"_s;
    if (s == u"suspended"_s)
        return u"c.queue = -1"_s;
    if (s == u"buried"_s)
        return u"c.queue IN (-2, -3)"_s;
    return makeError(ErrorCode::InvalidQuery, u"unknown search term is:%1"_s.arg(state));
}

} // namespace

Result<SqlFilter> buildCardFilter(const QString &search, const DeckTree &decks,
    const scheduling::DayTiming &timing, std::optional<qint64> deckId)
{
    SqlFilter filter;
    QStringList conditions;
    if (deckId)
        conditions.append(u"c.did IN (%1)"_s.arg(idList(decks.withDescendants(*deckId))));

    for (QString token : tokenize(search)) {
        bool negated = false;
        if (token.startsWith(u'-') && token.size() > 1) {
            negated = true;
            token.remove(0, 1);
        }
        QString condition;
        const qsizetype colon = token.indexOf(u':');
        const QString prefix = colon > 0 ? token.left(colon).toLower() : QString();
        const QString value = colon > 0 ? token.mid(colon + 1) : token;
        if (prefix == u"deck"_s) {
            condition = u"c.did IN (%1)"_s.arg(idList(decksMatching(value, decks)));
        } else if (prefix == u"tag"_s) {
            condition = u"(n.tags LIKE ? ESCAPE '\\' OR n.tags LIKE ? ESCAPE '\\')"_s;
            filter.bindings << QString(u"% "_s % likePattern(value) % u" %"_s)
                            << QString(u"% "_s % likePattern(value) % u"::%"_s);
        } else if (prefix == u"is"_s) {
            auto state = stateCondition(value, timing);
            if (!state)
                return state.error();
            condition = state.value();
        } else {
            condition = u"n.flds LIKE ? ESCAPE '\\'"_s;
            filter.bindings << QString(u"%"_s % likePattern(token) % u"%"_s);
        }
        conditions.append(negated ? u"NOT ("_s % condition % u")"_s : condition);
    }
    filter.where = conditions.isEmpty() ? u"1"_s : conditions.join(u" AND "_s);
    return filter;
}

} // namespace javumbo::collection
