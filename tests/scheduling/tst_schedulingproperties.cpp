// Properties of the engine over 10,000 random answer sequences (fixed seed,
// so every run checks the same sequences): the invariants of docs/scheduling.md
// §§1, 4 and 7 hold for every state, option group and fuzz mode.

#include "scheduling/answer.h"
#include "scheduling/fuzz.h"
#include "scheduling/preview.h"
#include "schedulingfixtures.h"

#include <QStandardPaths>
#include <QTest>

#include <algorithm>
#include <memory>
#include <random>

using namespace javumbo::scheduling;
using namespace javumbo::scheduling::fixtures;
using namespace Qt::StringLiterals;

namespace {

constexpr int s_sequences = 10000;
constexpr qint64 s_day = 86400;
constexpr std::array<Ease, 4> s_eases {Ease::Again, Ease::Hard, Ease::Good, Ease::Easy};

QList<DeckConfig> optionGroups()
{
    QList<DeckConfig> groups(10);
    groups[1].intervalModifier = 0.8f;
    groups[2].hardFactor = 1.0f;
    groups[3].hardFactor = 0.7f;
    groups[4].maximumInterval = 30;
    groups[5].maximumInterval = 1;
    groups[6] = withSteps({}, {});
    groups[7] = withSteps({0.5f, 3.0f, 1440.0f}, {5.0f, 2880.0f});
    groups[8].lapseMultiplier = 0.5f;
    groups[8].minimumInterval = 2;
    groups[8].easyBonus = 2.0f;
    groups[8].leechThreshold = 3;
    groups[8].leechAction = 0;
    groups[9] = withSteps({10.0f}, {1.0f});
    groups[9].initialFactor = 1300;
    groups[9].intervalModifier = 1.7f;
    return groups;
}

// Collects the first broken invariant of an answer as readable text.
class Checker
{
public:
    void expect(bool condition, const char *what)
    {
        if (!condition && m_failure.isEmpty())
            m_failure = QString::fromLatin1(what);
    }
    const QString &failure() const { return m_failure; }

private:
    QString m_failure;
};

QString describe(int sequence, int step, const CardState &card, Ease ease, const QString &failure)
{
    const std::unique_ptr<char[]> text(toString(card)); // QTest's toString() hands over a new[] buffer
    const QByteArray state(text.get());
    return u"sequence %1 step %2, %3, ease %4: %5"_s.arg(sequence)
        .arg(step)
        .arg(QString::fromLatin1(state))
        .arg(int(ease))
        .arg(failure);
}

// §4 invariants of one applied answer.
void checkAnswer(Checker &check, const CardState &before, Ease ease, const AnswerOutcome &outcome,
    const DeckConfig &config, const DayTiming &timing)
{
    const CardState &after = outcome.card;
    const RevlogEntry &log = outcome.revlog;
    const int maxIvl = std::max(config.maximumInterval, 1);
    const bool lapse = before.type == TypeReview && ease == Ease::Again;

    check.expect(after.id == before.id, "id unchanged");
    check.expect(after.reps == before.reps + 1, "reps + 1");
    check.expect(after.lapses == before.lapses + (lapse ? 1 : 0), "lapses + 1 only on a review lapse");
    check.expect(outcome.becameLeech == (lapse && isLeechLapse(after.lapses, config.leechThreshold)),
        "leech only after a lapse at the threshold");
    check.expect(log.ease == int(ease), "revlog ease");
    check.expect(log.type
            == (before.type == TypeReview           ? 1
                    : before.type == TypeRelearning ? 2
                                                    : 0),
        "revlog type");
    check.expect(log.factor == (after.type == TypeLearning ? 0 : after.factor), "revlog factor");

    if (before.type == TypeReview && (ease == Ease::Hard || ease == Ease::Again))
        check.expect(after.factor >= 1300, "ease at least 1300 after Hard or Again");
    if (before.type == TypeReview)
        check.expect(log.lastIvl == before.ivl, "lastIvl of a review is the old ivl");
    if (after.type != TypeLearning)
        check.expect(after.factor >= 1300, "a graduated card keeps an ease of at least 1300");

    switch (after.type) {
    case TypeLearning:
        check.expect(after.left >= 1 && after.left <= config.learnSteps.size(), "learning left in [1, n]");
        check.expect(
            after.ivl == before.ivl && after.factor == before.factor, "learning keeps ivl and factor");
        break;
    case TypeRelearning:
        check.expect(
            after.left >= 1 && after.left <= config.relearnSteps.size(), "relearning left in [1, n]");
        check.expect(after.ivl >= 1 && after.ivl <= maxIvl, "relearning ivl in [1, maxIvl]");
        break;
    case TypeReview:
        check.expect(after.left == 0, "review left 0");
        if (before.type == TypeRelearning && ease == Ease::Easy)
            check.expect(after.ivl == before.ivl + 1, "relearning Easy is ivl + 1, unclamped");
        else
            check.expect(after.ivl >= 1 && after.ivl <= maxIvl, "review ivl in [1, maxIvl]");
        check.expect(log.ivl == after.ivl, "revlog ivl of a review is its days");
        break;
    default:
        check.expect(false, "type after an answer is 1, 2 or 3");
    }

    const int queue = after.queue == QueueSuspended ? queueForType(after.type, after.due) : after.queue;
    check.expect(after.queue != QueueSuspended || (outcome.becameLeech && config.leechAction == 0),
        "suspended only as a leech with action 0");
    if (queue == QueueReview) {
        check.expect(after.type == TypeReview, "queue 2 holds review cards");
        check.expect(after.due == timing.today + after.ivl, "review due = today + ivl");
    } else if (queue == QueueDayLearning) {
        check.expect(
            log.ivl >= 1 && after.due == timing.today + log.ivl, "queue 3 due = today + revlog days");
    } else {
        check.expect(queue == QueueLearning, "queue is 1, 2 or 3");
        const qint64 delay = -log.ivl;
        check.expect(delay >= 0 && delay < timing.secondsUntilNextDay(), "queue 1 only within today");
        const qint64 extra = std::min<qint64>(delay / 4, 300);
        check.expect(after.due >= timing.now + delay
                && after.due <= timing.now + delay + std::max<qint64>(extra - 1, 0),
            "queue 1 due within the learning fuzz");
    }
}

// Review buttons are ordered unless maxIvl squeezes them (§4.4).
void checkReviewOrder(Checker &check, const std::array<AnswerOutcome, 4> &outcomes, const CardState &before,
    const DeckConfig &config)
{
    const int maxIvl = std::max(config.maximumInterval, 1);
    const int hard = outcomes[1].card.ivl;
    const int good = outcomes[2].card.ivl;
    const int easy = outcomes[3].card.ivl;
    if (config.hardFactor > 1.0f) {
        check.expect(hard < good || hard == maxIvl, "Hard < Good unless squeezed");
        check.expect(hard > before.ivl || hard == maxIvl, "Hard > ivl when hardFactor > 1");
    } else {
        check.expect(good > before.ivl || good == maxIvl, "Good > ivl");
    }
    check.expect(good < easy || good == maxIvl, "Good < Easy unless squeezed");
    check.expect(
        outcomes[1].card.factor == std::max(1300, before.factor - 150), "Hard: ease − 150, floor 1300");
    check.expect(outcomes[2].card.factor == before.factor, "Good keeps the ease");
    check.expect(outcomes[3].card.factor == before.factor + 150, "Easy: ease + 150");
    check.expect(
        outcomes[0].card.factor == std::max(1300, before.factor - 200), "Again: ease − 200, floor 1300");
}

// The preview's seconds for one button must be what its answer placed.
void checkPreview(Checker &check, qint64 preview, const AnswerOutcome &outcome, const DayTiming &timing,
    const FuzzSource &fuzz, const CardState &before)
{
    const CardState &after = outcome.card;
    const int queue = after.queue == QueueSuspended ? queueForType(after.type, after.due) : after.queue;
    if (queue == QueueLearning) {
        const qint64 extra = fuzz.isOff() ? 0 : learningFuzz(preview, fuzz.unit(before.id, before.reps));
        check.expect(after.due == timing.now + preview + extra, "preview = applied learning delay");
    } else {
        check.expect(preview == (after.due - timing.today) * s_day, "preview = applied days");
    }
}

Ease pickEase(std::mt19937_64 &random)
{
    // A plausible mix: mostly Good, every button often enough.
    const int roll = int(random() % 100);
    return roll < 15 ? Ease::Again : roll < 30 ? Ease::Hard : roll < 85 ? Ease::Good : Ease::Easy;
}

// The next time the card is answered: around its due moment, sometimes late or early.
qint64 nextAnswerTime(std::mt19937_64 &random, const CardState &card, qint64 now)
{
    if (card.queue == QueueLearning)
        return std::max(now + 1, card.due - 120 + qint64(random() % 1200));
    qint64 day = card.due;
    const int roll = int(random() % 100);
    if (roll < 20)
        day += 1 + qint64(random() % 40);
    else if (roll < 30)
        day -= 1 + qint64(random() % 3);
    return std::max(now + 60, s_crt + day * s_day + qint64(random() % s_day));
}

} // namespace

class TestSchedulingProperties : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void randomSequences_keepInvariants();
};

void TestSchedulingProperties::randomSequences_keepInvariants()
{
    std::mt19937_64 random(0x4a6176756d626fULL);
    const QList<DeckConfig> groups = optionGroups();
    qint64 answers = 0;
    qint64 reviewChecks = 0;

    for (int sequence = 0; sequence < s_sequences; ++sequence) {
        const DeckConfig &config = groups[qsizetype(random() % quint64(groups.size()))];
        const int mode = int(random() % 3);
        const FuzzSource fuzz = mode == 0 ? FuzzSource::off()
            : mode == 1                   ? FuzzSource::fixed(float(random() % 1000) / 1000.0f)
                                          : FuzzSource::seeded();
        CardState card = newCard(1 + qint64(random() % 500));
        card.id = 1704081600000 + qint64(random() % 100000000);
        qint64 now = s_crt + qint64(random() % s_day);
        const int length = 5 + int(random() % 30);

        for (int step = 0; step < length; ++step) {
            const DayTiming timing = timingAt(now);
            const auto preview = previewIntervals(card, config, timing, fuzz);
            QVERIFY(preview.ok());

            std::array<AnswerOutcome, 4> outcomes;
            for (Ease ease : s_eases) {
                const auto outcome = answerCard(card, ease, config, timing, fuzz, qint64(random() % 120000));
                QVERIFY(outcome.ok());
                Checker check;
                checkAnswer(check, card, ease, *outcome, config, timing);
                checkPreview(check, (*preview)[size_t(int(ease) - 1)], *outcome, timing, fuzz, card);
                QVERIFY2(check.failure().isEmpty(),
                    qPrintable(describe(sequence, step, card, ease, check.failure())));
                outcomes[size_t(int(ease) - 1)] = *outcome;
                ++answers;
            }
            if (card.type == TypeReview) {
                Checker check;
                checkReviewOrder(check, outcomes, card, config);
                QVERIFY2(check.failure().isEmpty(),
                    qPrintable(describe(sequence, step, card, Ease::Good, check.failure())));
                ++reviewChecks;
            }

            card = outcomes[size_t(int(pickEase(random)) - 1)].card;
            // A suspended leech is unsuspended the way the UI would, and studied on.
            if (card.queue == QueueSuspended)
                card.queue = queueForType(card.type, card.due);
            now = nextAnswerTime(random, card, now);
        }
    }
    // Enough of the interesting states were reached for the checks to mean something.
    QVERIFY(answers > 4 * 150000);
    QVERIFY(reviewChecks > 50000);
}

QTEST_GUILESS_MAIN(TestSchedulingProperties)
#include "tst_schedulingproperties.moc"
