#pragma once

#include "common/result.h"
#include "decktree.h"
#include "records.h"
#include "scheduling/daytiming.h"

#include <QRegularExpression>
#include <QString>
#include <QVariantList>

#include <optional>

namespace javumbo::collection {

// A search (docs/api.md §5, after Anki's): whitespace-separated terms that
// must all match, "quoted phrases", -negation, `*` wildcards, `\` escaping the
// next character; deck:, tag:, is:, added:, rated:, prop:, front:, back:.
// Terms about scheduling become SQL over "cards c JOIN notes n"; terms about
// text are matched here, with Unicode case folding (SQLite's LIKE folds ASCII
// only), on the cards the SQL lets through.
class CardFilter
{
public:
    // invalid_query, naming the term, for anything it does not understand.
    static Result<CardFilter> parse(const QString &search, const DeckTree &decks,
        const scheduling::DayTiming &timing, std::optional<qint64> deckId);

    const QString &where() const { return m_where; }
    const QVariantList &bindings() const { return m_bindings; }
    // Whether some term needs matches() on every card the SQL finds.
    bool hasTextTerms() const { return !m_textTerms.isEmpty(); }
    bool matches(const QString &front, const QString &back, const QStringList &tags) const;

private:
    struct TextTerm
    {
        enum class Field
        {
            Either, // front or back contains it
            Front, // the whole front
            Back, // the whole back
            Tag, // a tag or its child tags
            NoTag, // tag:none
        };
        Field field = Field::Either;
        QRegularExpression pattern;
        bool negated = false;
    };

    QString m_where;
    QVariantList m_bindings;
    QList<TextTerm> m_textTerms;
};

} // namespace javumbo::collection
