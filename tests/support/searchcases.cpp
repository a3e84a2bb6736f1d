#include "searchcases.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace javumbo::testsupport::searchcases {

namespace {

constexpr qint64 kDefaultDeck = 1;
constexpr qint64 kDayMs = 86400LL * 1000;

const QStringList kAll {u"hola"_s, u"comer"_s, u"ser"_s, u"cat"_s, u"zzz"_s, u"Día"_s, u"ΣΟΦΙΑ"_s, u"naïve"_s,
    u"meet at 10:30"_s, u"nuevo"_s};

struct InvalidCase
{
    const char *name;
    QString query;
    QString term; // the term the error message names
};

// Anything the syntax does not know is invalid_query, naming the term.
QList<InvalidCase> invalidCases()
{
    return {
        {"unknown is:", u"is:banana"_s, u"is:banana"_s},
        {"unknown word: form", u"foo:bar"_s, u"foo:bar"_s},
        {"a word before a colon", u"hola at:10"_s, u"at:10"_s},
        {"added: not a number", u"added:x"_s, u"added:x"_s},
        {"added:0", u"added:0"_s, u"added:0"_s},
        {"rated:0", u"rated:0"_s, u"rated:0"_s},
        {"rated: ease out of range", u"rated:3:5"_s, u"rated:3:5"_s},
        {"prop: unknown operator", u"prop:ivl~3"_s, u"prop:ivl~3"_s},
        {"prop: unknown property", u"prop:stability>1"_s, u"prop:stability>1"_s},
        {"prop: fraction where a whole number is needed", u"prop:reps>1.5"_s, u"prop:reps>1.5"_s},
        {"empty tag:", u"tag:"_s, u"tag:"_s},
        {"empty deck:", u"deck:"_s, u"deck:"_s},
    };
}

} // namespace

void make(const Maker &maker)
{
    // Day 0, 10:00.
    const qint64 spanish = maker.createDeck(u"Spanish"_s);
    const qint64 verbs = maker.createDeck(u"Spanish::Verbs"_s);
    const qint64 greek = maker.createDeck(u"Greek Words"_s);
    const qint64 hola = maker.addCard(u"hola"_s, u"hello"_s, spanish, {u"greeting"_s});
    const qint64 comer = maker.addCard(u"comer"_s, u"to eat"_s, verbs, {u"verb::regular"_s});
    const qint64 ser = maker.addCard(u"ser"_s, u"to be"_s, verbs, {u"verb"_s, u"irregular"_s});
    maker.addCard(u"cat"_s, u"gato 100%_sure"_s, kDefaultDeck, {});
    maker.suspend(maker.addCard(u"zzz"_s, u"sleep"_s, kDefaultDeck, {}));
    const qint64 dia = maker.addCard(u"Día"_s, u"day"_s, spanish, {u"Palabra"_s});
    maker.addCard(u"ΣΟΦΙΑ"_s, u"wisdom"_s, greek, {});
    maker.addCard(u"naïve"_s, u"ingenuous"_s, kDefaultDeck, {});
    maker.addCard(u"meet at 10:30"_s, u"time"_s, kDefaultDeck, {});
    maker.answer(hola, 4); // review, 3–5 days (fuzz), ease 2.5
    maker.answer(comer, 1); // learning, due in a minute
    maker.answer(dia, 4);
    // Day 2, 10:00.
    maker.advanceClock(2 * kDayMs);
    maker.addCard(u"nuevo"_s, u"new"_s, spanish, {});
    maker.answer(ser, 3); // learning, due in 10 minutes
    maker.answer(dia, 1); // a lapse: relearning, ease 2.3, interval 1
}

void addRows()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("fronts");
    QTest::addColumn<QString>("invalidTerm");
    const auto found = [](const char *name, const QString &query, const QStringList &fronts) {
        QTest::newRow(name) << query << fronts << QString();
    };
    const auto invalid = [](const char *name, const QString &query, const QString &term) {
        QTest::newRow(name) << query << QStringList() << term;
    };
    // Text, phrases, wildcards, negation
    found("everything", QString(), kAll);
    found("text in back, case-insensitive", u"EAT"_s, {u"comer"_s});
    found("text inside words", u"to"_s, {u"comer"_s, u"ser"_s, u"cat"_s});
    found("two words must both match", u"to eat"_s, {u"comer"_s});
    found("quoted phrase", u"\"to eat\""_s, {u"comer"_s});
    found("wildcard", u"h*o"_s, {u"hola"_s});
    found("escaped star is literal", u"h\\*o"_s, {});
    found("percent is literal", u"100%"_s, {u"cat"_s});
    found("underscore is literal", u"%_s"_s, {u"cat"_s});
    found("sql metacharacters are data", u"'; DROP TABLE cards; --"_s, {});
    found("negation", u"deck:spanish -tag:verb"_s, {u"hola"_s, u"Día"_s, u"nuevo"_s});
    found("negated phrase", u"-\"to eat\" deck:Spanish::Verbs"_s, {u"ser"_s});
    // Unicode case folding, not ASCII only
    found("accented lower finds upper", u"día"_s, {u"Día"_s});
    found("accented upper finds lower", u"DÍA"_s, {u"Día"_s});
    found("greek", u"σοφια"_s, {u"ΣΟΦΙΑ"_s});
    found("diaeresis", u"NAÏVE"_s, {u"naïve"_s});
    // Colons
    found("escaped colon", u"10\\:30"_s, {u"meet at 10:30"_s});
    found("digits before a colon are text", u"10:30"_s, {u"meet at 10:30"_s});
    // deck:
    found(
        "deck includes children", u"deck:spanish"_s, {u"hola"_s, u"comer"_s, u"ser"_s, u"Día"_s, u"nuevo"_s});
    found("child deck", u"deck:Spanish::Verbs"_s, {u"comer"_s, u"ser"_s});
    found("quoted term", u"\"deck:Spanish::Verbs\""_s, {u"comer"_s, u"ser"_s});
    found("deck wildcard", u"deck:span*"_s, {u"hola"_s, u"comer"_s, u"ser"_s, u"Día"_s, u"nuevo"_s});
    found("deck with a space, quoted", u"deck:\"greek words\""_s, {u"ΣΟΦΙΑ"_s});
    found("every deck", u"deck:*"_s, kAll);
    found("unknown deck", u"deck:nope"_s, {});
    // tag:
    found("tag", u"tag:irregular"_s, {u"ser"_s});
    found("tag includes child tags", u"tag:verb"_s, {u"comer"_s, u"ser"_s});
    found("tag is a whole tag", u"tag:greet"_s, {});
    found("tag wildcard", u"tag:greet*"_s, {u"hola"_s});
    found("tag ignores case", u"tag:PALABRA"_s, {u"Día"_s});
    found("tag:none", u"tag:none"_s,
        {u"cat"_s, u"zzz"_s, u"ΣΟΦΙΑ"_s, u"naïve"_s, u"meet at 10:30"_s, u"nuevo"_s});
    // is:
    found(
        "is:new", u"is:new"_s, {u"cat"_s, u"zzz"_s, u"ΣΟΦΙΑ"_s, u"naïve"_s, u"meet at 10:30"_s, u"nuevo"_s});
    found("not new", u"-is:new"_s, {u"hola"_s, u"comer"_s, u"ser"_s, u"Día"_s});
    found("is:learn", u"is:learn"_s, {u"comer"_s, u"ser"_s, u"Día"_s});
    found("is:review", u"is:review"_s, {u"hola"_s, u"Día"_s});
    found("is:due", u"is:due"_s, {u"comer"_s});
    found("is:suspended", u"is:suspended"_s, {u"zzz"_s});
    found("is:buried", u"is:buried"_s, {});
    // added:, rated:
    found("added today", u"added:1"_s, {u"nuevo"_s});
    found("added in two days", u"added:2"_s, {u"nuevo"_s});
    found("added in three days", u"added:3"_s, kAll);
    found("rated today", u"rated:1"_s, {u"ser"_s, u"Día"_s});
    found("rated in three days", u"rated:3"_s, {u"hola"_s, u"comer"_s, u"ser"_s, u"Día"_s});
    found("rated Again", u"rated:3:1"_s, {u"comer"_s, u"Día"_s});
    found("rated Easy", u"rated:3:4"_s, {u"hola"_s, u"Día"_s});
    found("rated Easy today", u"rated:1:4"_s, {});
    // prop:
    found("prop:ivl>=", u"prop:ivl>=3"_s, {u"hola"_s});
    found("prop:ivl=", u"prop:ivl=1"_s, {u"Día"_s});
    found("prop:reps=", u"prop:reps=1"_s, {u"hola"_s, u"comer"_s, u"ser"_s});
    found("prop:reps>", u"prop:reps>1"_s, {u"Día"_s});
    found("prop:lapses", u"prop:lapses>0"_s, {u"Día"_s});
    found("prop:ease as Anki writes it", u"prop:ease=2.5"_s, {u"hola"_s});
    found("prop:ease after a lapse", u"prop:ease=2.3"_s, {u"Día"_s});
    found("prop:ease>", u"prop:ease>2"_s, {u"hola"_s, u"Día"_s});
    found("prop:ease!=", u"prop:ease!=2.5"_s,
        {u"comer"_s, u"ser"_s, u"cat"_s, u"zzz"_s, u"Día"_s, u"ΣΟΦΙΑ"_s, u"naïve"_s, u"meet at 10:30"_s,
            u"nuevo"_s});
    found("prop:due in days from today", u"prop:due>=1"_s, {u"hola"_s});
    found("prop:due<=", u"prop:due<=0"_s, {});
    found("prop field ignores case", u"prop:REPS>1"_s, {u"Día"_s});
    // front:, back:
    found("front: is the whole field", u"front:hol"_s, {});
    found("front: ignores case", u"front:HOLA"_s, {u"hola"_s});
    found("front: wildcard", u"front:hol*"_s, {u"hola"_s});
    found("front: unicode", u"front:día"_s, {u"Día"_s});
    found("back: wildcard", u"back:to*"_s, {u"comer"_s, u"ser"_s});
    found("back: phrase", u"back:\"to eat\""_s, {u"comer"_s});
    found("negated front:", u"-front:*a* deck:spanish"_s, {u"comer"_s, u"ser"_s, u"nuevo"_s});
    // Anything else is invalid_query, naming the term
    for (const InvalidCase &row : invalidCases())
        invalid(row.name, row.query, row.term);
}

void addInvalidRows()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("invalidTerm");
    for (const InvalidCase &row : invalidCases())
        QTest::newRow(row.name) << row.query << row.term;
}

} // namespace javumbo::testsupport::searchcases
