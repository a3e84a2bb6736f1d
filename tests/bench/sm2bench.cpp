#include "sm2bench.h"

#include "scheduling/answer.h"
#include "scheduling/daytiming.h"
#include "scheduling/deckconfig.h"
#include "scheduling/fuzz.h"

#include <QElapsedTimer>
#include <QList>
#include <QTextStream>

#include <algorithm>
#include <random>

using namespace Qt::StringLiterals;

namespace javumbo {

using namespace scheduling;

namespace {

constexpr int s_answers = 1000000;
constexpr int s_cards = 4096; // a power of two: the index is a mask
constexpr qint64 s_crt = 1704081600;

// A deck that has been studied for a while: mostly review cards, some new,
// learning and relearning ones.
QList<CardState> studiedDeck(std::mt19937_64 &random, const DayTiming &timing)
{
    QList<CardState> cards(s_cards);
    for (int i = 0; i < s_cards; ++i) {
        CardState &card = cards[i];
        card.id = 1704081600000 + i;
        const int roll = int(random() % 100);
        if (roll < 20) {
            card.due = i;
        } else if (roll < 35) {
            card.type = TypeLearning;
            card.queue = QueueLearning;
            card.due = timing.now - 60;
            card.left = 1 + int(random() % 2);
        } else if (roll < 90) {
            card.type = TypeReview;
            card.queue = QueueReview;
            card.ivl = 1 + int(random() % 400);
            card.due = timing.today - qint64(random() % 10);
            card.factor = 1300 + int(random() % 1700);
            card.reps = 5 + int(random() % 50);
            card.lapses = int(random() % 5);
        } else {
            card.type = TypeRelearning;
            card.queue = QueueLearning;
            card.ivl = 1 + int(random() % 10);
            card.factor = 1300 + int(random() % 1200);
            card.due = timing.now - 60;
            card.left = 1;
            card.reps = 10;
            card.lapses = 1 + int(random() % 8);
        }
    }
    return cards;
}

} // namespace

void benchSm2(QTextStream &out)
{
    std::mt19937_64 random(20240101);
    const DeckConfig config;
    const FuzzSource fuzz = FuzzSource::seeded();
    const DayTiming timing = dayTiming(s_crt + 120 * 86400 + 6 * 3600, s_crt, 0, 0, 4);
    QList<CardState> cards = studiedDeck(random, timing);

    // Buttons drawn up front so the timed loop measures the engine alone:
    // Again 10 %, Hard 15 %, Good 65 %, Easy 10 %.
    QList<Ease> eases(s_answers);
    for (Ease &ease : eases) {
        const int roll = int(random() % 100);
        ease = roll < 10 ? Ease::Again : roll < 25 ? Ease::Hard : roll < 90 ? Ease::Good : Ease::Easy;
    }

    qint64 checksum = 0;
    int refused = 0;
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < s_answers; ++i) {
        CardState &card = cards[i & (s_cards - 1)];
        const Result<AnswerOutcome> outcome = answerCard(card, eases[i], config, timing, fuzz, 8000);
        if (!outcome) {
            ++refused;
            continue;
        }
        card = outcome->card;
        // Suspended leeches come back, so the mix stays answerable.
        if (card.queue < 0)
            card.queue = queueForType(card.type, card.due);
        checksum += card.due + card.ivl;
    }
    const qint64 elapsedNs = std::max<qint64>(timer.nsecsElapsed(), 1);

    const qint64 perSecond = qint64(double(s_answers - refused) * 1e9 / double(elapsedNs));
    out << u"SM-2 answers per second: %1"_s.arg(perSecond) << Qt::endl;
    // The checksum keeps the optimiser from dropping the loop.
    if (refused > 0 || checksum == 0)
        out << u"SM-2 bench: %1 answers refused, checksum %2"_s.arg(refused).arg(checksum) << Qt::endl;
}

} // namespace javumbo
