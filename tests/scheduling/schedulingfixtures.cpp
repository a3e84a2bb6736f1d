#include "schedulingfixtures.h"

#include <QByteArray>
#include <QTest>

namespace javumbo::scheduling {

char *toString(const CardState &card)
{
    const QByteArray text = QByteArrayLiteral("CardState{type=") + QByteArray::number(card.type)
        + " queue=" + QByteArray::number(card.queue) + " due=" + QByteArray::number(card.due)
        + " ivl=" + QByteArray::number(card.ivl) + " factor=" + QByteArray::number(card.factor)
        + " reps=" + QByteArray::number(card.reps) + " lapses=" + QByteArray::number(card.lapses)
        + " left=" + QByteArray::number(card.left) + " id=" + QByteArray::number(card.id) + '}';
    return qstrdup(text.constData());
}

char *toString(const RevlogEntry &entry)
{
    const QByteArray text = QByteArrayLiteral("Revlog{ease=") + QByteArray::number(entry.ease)
        + " ivl=" + QByteArray::number(entry.ivl) + " lastIvl=" + QByteArray::number(entry.lastIvl)
        + " factor=" + QByteArray::number(entry.factor) + " time=" + QByteArray::number(entry.timeMs)
        + " type=" + QByteArray::number(entry.type) + '}';
    return qstrdup(text.constData());
}

namespace fixtures {

qint64 at(int day, int hour, int minute)
{
    return s_crt + qint64(day) * 86400 + qint64(hour - 4) * 3600 + qint64(minute) * 60;
}

DayTiming timingAt(qint64 now)
{
    return dayTiming(now, s_crt, 0, 0, 4);
}

CardState newCard(qint64 position)
{
    CardState card;
    card.id = s_cardId;
    card.due = position;
    return card;
}

CardState learningCard(qint64 dueSeconds, int left, int reps)
{
    CardState card = newCard();
    card.type = TypeLearning;
    card.queue = QueueLearning;
    card.due = dueSeconds;
    card.left = left;
    card.reps = reps;
    return card;
}

CardState dayLearningCard(qint64 dueDay, int left, int reps)
{
    CardState card = learningCard(dueDay, left, reps);
    card.queue = QueueDayLearning;
    return card;
}

CardState reviewCard(int ivl, int factor, qint64 dueDay, int reps, int lapses)
{
    CardState card = newCard();
    card.type = TypeReview;
    card.queue = QueueReview;
    card.due = dueDay;
    card.ivl = ivl;
    card.factor = factor;
    card.reps = reps;
    card.lapses = lapses;
    return card;
}

CardState relearningCard(qint64 dueSeconds, int ivl, int factor, int left, int reps, int lapses)
{
    CardState card = reviewCard(ivl, factor, dueSeconds, reps, lapses);
    card.type = TypeRelearning;
    card.queue = QueueLearning;
    card.left = left;
    return card;
}

CardState makeCard(int type, int queue, qint64 due, int ivl, int factor, int left, int reps, int lapses)
{
    CardState card = newCard();
    card.type = type;
    card.queue = queue;
    card.due = due;
    card.ivl = ivl;
    card.factor = factor;
    card.left = left;
    card.reps = reps;
    card.lapses = lapses;
    return card;
}

RevlogEntry revlog(int ease, qint64 ivl, qint64 lastIvl, int factor, int type, int timeMs)
{
    RevlogEntry entry;
    entry.ease = ease;
    entry.ivl = ivl;
    entry.lastIvl = lastIvl;
    entry.factor = factor;
    entry.type = type;
    entry.timeMs = timeMs;
    return entry;
}

DeckConfig withSteps(const QList<float> &learn, const QList<float> &relearn)
{
    DeckConfig config;
    config.learnSteps = learn;
    config.relearnSteps = relearn;
    return config;
}

} // namespace fixtures
} // namespace javumbo::scheduling
