#include "scenarios.h"

#include "payloads.h"
#include "randomstreams.h"

using namespace Qt::StringLiterals;

namespace javumbo::loadtest::scenarios {

namespace {

// GET /me after every `every` operations: a session that ever names another user is a violation.
class IdentityCheck
{
public:
    IdentityCheck(ApiActor &actor, int every) : m_actor(actor), m_every(every) { }
    void afterOperation()
    {
        if (m_every > 0 && ++m_count % m_every == 0)
            m_actor.me();
    }

private:
    ApiActor &m_actor;
    int m_every;
    int m_count = 0;
};

double average(const IntRange &range)
{
    return (range.min + range.max) / 2.0;
}

// The share of requests an IdentityCheck adds: one GET /me per `every` operations.
double withIdentityChecks(const LoadProfile &profile)
{
    return profile.identityCheckEvery > 0 ? 1.0 + 1.0 / profile.identityCheckEvery : 1.0;
}

CardPayload nextWriterCard(RunContext &context, const QString &username, QRandomGenerator &random)
{
    const int number = context.nextCardNumber(username);
    return payloads::writerCard(username, number, context.history().nowUs() / 1000, random);
}

} // namespace

qint64 setUpReviewer(ApiActor &actor, const SampleDeck &deck, int cards)
{
    if (!actor.hasSession() && !actor.login())
        return 0;
    const std::optional<qint64> deckId = actor.createDeck(deck.name);
    if (!deckId)
        return 0;
    const int count = std::min<int>(cards, int(deck.cards.size()));
    for (int i = 0; i < count; ++i) {
        const CardPayload card
            = payloads::sampleCard(actor.account().username, i + 1, deck.cards[i], *deckId, deck.name);
        actor.addCard(card);
    }
    return *deckId;
}

double setUpReviewerRequests(const LoadProfile &profile)
{
    return 2 + profile.reviewers.deckCards; // login, create_deck, add_card per card
}

void runWriter(ApiActor &actor, QRandomGenerator &random, Pacer &pacer, int cards)
{
    RunContext &context = actor.context();
    if (!actor.login())
        return;
    IdentityCheck identity(actor, context.profile().identityCheckEvery);
    for (int i = 0; i < cards; ++i) {
        const qint64 turn = pacer.nextTurn(u"add_card"_s);
        if (turn < 0)
            break;
        actor.setIntendedStart(turn);
        actor.addCard(nextWriterCard(context, actor.account().username, random));
        identity.afterOperation();
    }
    actor.logout();
}

double writerRequests(const LoadProfile &profile)
{
    // login, logout; add_card per card and now and then a GET /me
    return 2 + average(profile.writers.cards) * withIdentityChecks(profile);
}

void runReviewer(ApiActor &actor, QRandomGenerator &random, QRandomGenerator &undoRandom, Pacer &pacer,
    qint64 deckId, int reviews)
{
    RunContext &context = actor.context();
    if (!actor.hasSession() && !actor.login())
        return;
    IdentityCheck identity(actor, context.profile().identityCheckEvery);
    for (int i = 0; i < reviews; ++i) {
        const qint64 turn = pacer.nextTurn(u"review_next"_s);
        if (turn < 0)
            break;
        actor.setIntendedStart(turn);
        const auto [status, card] = actor.reviewNext(deckId);
        if (status == ApiActor::NextStatus::NothingDue)
            break;
        if (status == ApiActor::NextStatus::Failed)
            continue;
        // Reading the card and thinking before answering.
        if (!context.sleepFor(qint64(payloads::draw(random, context.profile().reviewers.thinkMs)) * 500))
            break;
        const std::optional<SeenCard> answered
            = actor.answer(card.cardId, payloads::ease(random), card.reps, false);
        if (answered && int(undoRandom.bounded(100)) < kUndoPercent)
            actor.undo(*answered);
        identity.afterOperation();
    }
    actor.logout();
}

double reviewerRequests(const LoadProfile &profile)
{
    // 2 for the session; review_next and review_answer per review, an undo now and
    // then, and now and then a GET /me
    return 2 + (2 + kUndoPercent / 100.0) * average(profile.reviewers.reviews) * withIdentityChecks(profile);
}

void runSessionThrasher(
    RunContext &context, const QString &virtualUser, QList<TestAccount *> accounts, QRandomGenerator &random)
{
    const LoadProfile::Sessions &plan = context.profile().sessions;
    if (accounts.isEmpty())
        return;
    for (int cycle = 0; cycle < plan.cycles && !context.stopRequested(); ++cycle) {
        TestAccount &account = *accounts[random.bounded(int(accounts.size()))];
        ApiActor actor(context, virtualUser, u"sessions"_s, account);
        if (!actor.login())
            continue;
        const int cards = payloads::draw(random, plan.cardsPerCycle);
        for (int i = 0; i < cards; ++i) {
            if (!context.sleepFor(qint64(payloads::draw(random, plan.thinkMs)) * 1000))
                break;
            actor.addCard(nextWriterCard(context, account.username, random));
        }
        actor.me();
        if (actor.logout())
            actor.probeEndedSession();
    }
}

double sessionThrasherRequests(const LoadProfile &profile)
{
    // per cycle: login, me, logout, the probe of the ended token; add_card per card
    const LoadProfile::Sessions &plan = profile.sessions;
    return plan.cycles * (4 + average(plan.cardsPerCycle));
}

void runHotUserClient(ApiActor &actor, std::barrier<> &rounds, int clientIndex)
{
    RunContext &context = actor.context();
    const LoadProfile::HotUser &plan = context.profile().hotUser;
    QRandomGenerator random = randomStream(context.profile().seed, RandomStream::HotUserClient, clientIndex);
    if (!actor.login()) {
        rounds.arrive_and_drop();
        return;
    }
    for (int i = 0; i < plan.cardsPerClient && !context.stopRequested(); ++i)
        actor.addCard(nextWriterCard(context, actor.account().username, random));
    actor.me();
    // Every device reads the same next card, then all answer it at once.
    for (int round = 0; round < plan.answersPerClient; ++round) {
        if (context.stopRequested()) {
            rounds.arrive_and_drop();
            break;
        }
        rounds.arrive_and_wait();
        const auto [status, card] = actor.reviewNext(0);
        rounds.arrive_and_wait();
        if (status == ApiActor::NextStatus::Card)
            actor.answer(card.cardId, 3, card.reps, true);
    }
    actor.logout();
}

double hotUserClientRequests(const LoadProfile &profile)
{
    // login, me, logout; add_card per card; review_next and review_answer per round
    const LoadProfile::HotUser &plan = profile.hotUser;
    return 3.0 + plan.cardsPerClient + 2.0 * plan.answersPerClient;
}

void runRetrier(ApiActor &actor, QRandomGenerator &random)
{
    RunContext &context = actor.context();
    const LoadProfile::Retries &plan = context.profile().retries;
    if (!actor.login())
        return;
    for (int i = 0; i < plan.cards && !context.stopRequested(); ++i) {
        const CardPayload card = nextWriterCard(context, actor.account().username, random);
        const QString key = u"retry-"_s + card.tag;
        if (i % 2 == 0)
            actor.addCardAndHangUp(card, key); // gave up: the effect is unknown
        else
            actor.addCard(card, key); // answered, but retried below as if the answer was lost
        for (int attempt = 0; attempt < plan.maxAttempts; ++attempt) {
            if (actor.addCard(card, key))
                break;
        }
    }
    actor.logout();
}

double retrierRequests(const LoadProfile &profile)
{
    // login, logout; per card the first attempt and one retry (more only when one fails)
    return 2.0 + 2.0 * profile.retries.cards;
}

} // namespace javumbo::loadtest::scenarios
