#include "cardsearch.h"

#include "searchterms.h"

using namespace Qt::StringLiterals;

namespace javumbo::collection {

namespace {

// Unescaped `*` in a term: a private-use character no card text can confuse
// with it once escapes are resolved.
constexpr QChar kWildcard = QChar(0xE000);

// One whitespace-separated term, quotes and escapes resolved.
struct Token
{
    QString text; // escaped characters literal, unescaped `*` as kWildcard
    qsizetype colon = -1; // the first unescaped ':', or -1
    bool negated = false;
};

QList<Token> tokenize(const QString &search)
{
    QList<Token> tokens;
    Token current;
    bool quoted = false;
    bool started = false; // a token may be empty but quoted ("")
    auto finish = [&] {
        if (current.text.isEmpty() && current.negated && !started)
            current = Token {u"-"_s, -1, false}; // a lone "-" is text
        if (!current.text.isEmpty())
            tokens.append(current);
        current = Token();
        started = false;
    };
    for (qsizetype i = 0; i < search.size(); ++i) {
        const QChar c = search.at(i);
        if (c == u'\\' && i + 1 < search.size()) {
            current.text.append(search.at(++i));
        } else if (c == u'"') {
            quoted = !quoted;
        } else if (c.isSpace() && !quoted) {
            finish();
            continue;
        } else if (c == u'-' && !started && !current.negated) {
            current.negated = true;
            continue;
        } else if (c == u':' && current.colon < 0) {
            current.colon = current.text.size();
            current.text.append(c);
        } else {
            current.text.append(c == u'*' ? kWildcard : c);
        }
        started = true;
    }
    finish();
    return tokens;
}

// A pattern for the term's text: kWildcard matches any run, the rest itself.
// `whole`: the text must be all of it, not a part.
QRegularExpression textPattern(const QString &text, bool whole, const QString &suffix = QString())
{
    QStringList parts;
    for (const QString &part : text.split(kWildcard))
        parts.append(QRegularExpression::escape(part));
    QString pattern = parts.join(u".*"_s);
    if (whole)
        pattern = QRegularExpression::anchoredPattern(pattern + suffix);
    return QRegularExpression(pattern,
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::DotMatchesEverythingOption
            | QRegularExpression::UseUnicodePropertiesOption);
}

// "added:3" is a word: form; "10:30" and ":x" are text.
bool isWordForm(const Token &token)
{
    if (token.colon <= 0)
        return false;
    for (qsizetype i = 0; i < token.colon; ++i) {
        const QChar c = token.text.at(i);
        if (!c.isLetter() && c != u'_')
            return false;
    }
    return true;
}

Error unknownTerm(const Token &token)
{
    return makeError(ErrorCode::InvalidQuery,
        u"unknown search term \"%1\": the known forms are deck:, tag:, is:, added:, rated:, prop:, front: "
        "and back: (write \\: to search for a colon)"_s.arg(QString(token.text).replace(kWildcard, u'*')));
}

QString idList(const QList<qint64> &ids)
{
    QStringList parts;
    for (qint64 id : ids)
        parts.append(QString::number(id));
    return parts.isEmpty() ? u"NULL"_s : parts.join(u',');
}

// The decks whose full name matches, with their children.
QList<qint64> decksMatching(const QString &name, const DeckTree &decks)
{
    const QRegularExpression pattern = textPattern(name, true);
    QList<qint64> ids;
    for (const auto &[id, deckName] : decks.all()) {
        if (!pattern.match(deckName).hasMatch())
            continue;
        for (qint64 member : decks.withDescendants(id)) {
            if (!ids.contains(member))
                ids.append(member);
        }
    }
    return ids;
}

} // namespace

Result<CardFilter> CardFilter::parse(const QString &search, const DeckTree &decks,
    const scheduling::DayTiming &timing, std::optional<qint64> deckId)
{
    CardFilter filter;
    QStringList conditions;
    if (deckId)
        conditions.append(u"c.did IN (%1)"_s.arg(idList(decks.withDescendants(*deckId))));

    for (const Token &token : tokenize(search)) {
        const bool form = isWordForm(token);
        const QString prefix = form ? token.text.left(token.colon).toLower() : QString();
        const QString value = form ? token.text.mid(token.colon + 1) : token.text;
        const QString display = QString(token.text).replace(kWildcard, u'*');
        std::optional<TextTerm> text;
        Result<searchterms::SqlTerm> sql = searchterms::SqlTerm {};
        if (!form) {
            text = TextTerm {TextTerm::Field::Either, textPattern(value, false), token.negated};
        } else if (prefix == u"front"_s || prefix == u"back"_s) {
            text = TextTerm {prefix == u"front"_s ? TextTerm::Field::Front : TextTerm::Field::Back,
                textPattern(value, true), token.negated};
        } else if (prefix == u"tag"_s) {
            if (value.isEmpty())
                return searchterms::invalid(display, u"tag: needs a tag name, or none"_s);
            if (value.compare(u"none"_s, Qt::CaseInsensitive) == 0)
                text = TextTerm {TextTerm::Field::NoTag, {}, token.negated};
            else // the tag or a child tag ("verb" finds "verb::regular")
                text = TextTerm {TextTerm::Field::Tag, textPattern(value, true, u"(::.*)?"_s), token.negated};
        } else if (prefix == u"deck"_s) {
            if (value.isEmpty())
                return searchterms::invalid(display, u"deck: needs a deck name (* for any)"_s);
            sql = searchterms::SqlTerm {u"c.did IN (%1)"_s.arg(idList(decksMatching(value, decks))), {}};
        } else if (prefix == u"is"_s) {
            sql = searchterms::state(value, display, timing);
        } else if (prefix == u"added"_s) {
            sql = searchterms::added(value, display, timing);
        } else if (prefix == u"rated"_s) {
            sql = searchterms::rated(value, display, timing);
        } else if (prefix == u"prop"_s) {
            sql = searchterms::property(value, display, timing);
        } else {
            return unknownTerm(token);
        }
        if (text) {
            filter.m_textTerms.append(std::move(*text));
            continue;
        }
        if (!sql)
            return sql.error();
        conditions.append(token.negated ? u"NOT ("_s % sql->condition % u")"_s : sql->condition);
        filter.m_bindings.append(sql->bindings);
    }
    filter.m_where = conditions.isEmpty() ? u"TRUE"_s : conditions.join(u" AND "_s);
    return filter;
}

bool CardFilter::matches(const QString &front, const QString &back, const QStringList &tags) const
{
    for (const TextTerm &term : m_textTerms) {
        bool found = false;
        switch (term.field) {
        case TextTerm::Field::Either:
            found = term.pattern.match(front).hasMatch() || term.pattern.match(back).hasMatch();
            break;
        case TextTerm::Field::Front:
            found = term.pattern.match(front).hasMatch();
            break;
        case TextTerm::Field::Back:
            found = term.pattern.match(back).hasMatch();
            break;
        case TextTerm::Field::Tag:
            found = std::any_of(tags.cbegin(), tags.cend(),
                [&term](const QString &tag) { return term.pattern.match(tag).hasMatch(); });
            break;
        case TextTerm::Field::NoTag:
            found = tags.isEmpty();
            break;
        }
        if (found == term.negated)
            return false;
    }
    return true;
}

} // namespace javumbo::collection
