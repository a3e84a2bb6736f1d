#include "payloads.h"

#include "randomstreams.h"

#include <array>

using namespace Qt::StringLiterals;

namespace javumbo::loadtest::payloads {

namespace {

constexpr std::array FirstNames {u"ana", u"bruno", u"chen", u"dara", u"elif", u"femi", u"greta", u"hugo",
    u"ines", u"jonas", u"kofi", u"lena", u"mateo", u"nadia", u"omar", u"priya", u"quinn", u"rosa", u"sami",
    u"tariq", u"uma", u"vera", u"wen", u"yara", u"zeno"};
constexpr std::array LastNames {u"silva", u"novak", u"okafor", u"larsen", u"tanaka", u"moreau", u"haddad",
    u"kowalski", u"nguyen", u"alvarez", u"fischer", u"mensah", u"rossi", u"ivanova", u"singh"};
constexpr std::array Areas {u"languages", u"medicine", u"law", u"history", u"chemistry", u"music theory",
    u"geography", u"programming", u"biology", u"economics"};

struct Fact
{
    const char16_t *topic;
    const char16_t *term;
    const char16_t *meaning;
};
constexpr std::array Facts {
    Fact {u"biology", u"mitochondrion", u"the organelle that makes most of a cell's ATP"},
    Fact {u"biology", u"osmosis", u"water moving across a membrane towards the higher solute concentration"},
    Fact {u"chemistry", u"catalyst", u"a substance that speeds up a reaction without being used up"},
    Fact {u"chemistry", u"isotope", u"atoms of one element with different numbers of neutrons"},
    Fact {u"history", u"Magna Carta", u"the 1215 charter that limited the English king's power"},
    Fact {u"history", u"Renaissance", u"the 14th–17th century European revival of classical learning"},
    Fact {u"geography", u"estuary", u"the tidal mouth of a river where fresh and salt water mix"},
    Fact {u"geography", u"isthmus", u"a narrow strip of land joining two larger areas"},
    Fact {u"economics", u"opportunity cost", u"the value of the best alternative given up"},
    Fact {u"economics", u"inflation", u"a general rise in prices over time"},
    Fact {u"programming", u"idempotent", u"giving the same result however many times it is applied"},
    Fact {u"programming", u"race condition", u"a result that depends on the timing of concurrent work"},
    Fact {u"music theory", u"cadence", u"a chord progression that ends a phrase"},
    Fact {u"law", u"habeas corpus", u"the right to be brought before a judge when detained"},
};

template<typename Array>
QString pick(const Array &array, QRandomGenerator &random)
{
    return QString::fromUtf16(array[random.bounded(int(array.size()))]);
}

} // namespace

int draw(QRandomGenerator &random, const IntRange &range)
{
    return range.max <= range.min ? range.min : range.min + random.bounded(range.max - range.min + 1);
}

TestAccount account(quint64 seed, int index)
{
    QRandomGenerator random = randomStream(seed, RandomStream::Account, index);
    TestAccount account;
    const QString first = pick(FirstNames, random);
    const QString last = pick(LastNames, random);
    account.username = u"%1.%2.%3.%4"_s.arg(first, last, QString::number(seed % 46656, 36)).arg(index);
    account.name = first.left(1).toUpper() + first.mid(1) + u' ' + last.left(1).toUpper() + last.mid(1);
    account.email = account.username + u"@example.test"_s;
    account.areaOfInterest = pick(Areas, random);
    account.password = u"pw-%1-%2"_s.arg(random.generate64(), 0, 36).arg(random.generate64(), 0, 36);
    return account;
}

CardPayload writerCard(const QString &username, int number, qint64 timeMs, QRandomGenerator &random)
{
    const Fact &fact = Facts[random.bounded(int(Facts.size()))];
    CardPayload card;
    card.tag = u"%1_%2"_s.arg(username).arg(number);
    card.front
        = u"[USER:%1][SEQ:%2][TIME:%3][TOPIC:%4] What is \"%5\"?"_s.arg(username).arg(number).arg(timeMs).arg(
            QString::fromUtf16(fact.topic), QString::fromUtf16(fact.term));
    card.back = QString::fromUtf16(fact.meaning) + u" [MARKER:%1]"_s.arg(card.tag);
    card.deckName = u"Default"_s;
    return card;
}

CardPayload sampleCard(
    const QString &username, int number, const SampleCard &card, qint64 deckId, const QString &deckName)
{
    CardPayload payload;
    payload.tag = u"%1_vt%2"_s.arg(username).arg(number);
    payload.front = card.front;
    payload.back = card.back + u" [MARKER:%1]"_s.arg(payload.tag);
    payload.deckId = deckId;
    payload.deckName = deckName;
    return payload;
}

int ease(QRandomGenerator &random)
{
    const int roll = random.bounded(100);
    if (roll < 10)
        return 1;
    if (roll < 25)
        return 2;
    if (roll < 85)
        return 3;
    return 4;
}

} // namespace javumbo::loadtest::payloads
