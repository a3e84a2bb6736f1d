#include "loadtestrunner.h"

#include "apiactor.h"
#include "integrity/checker.h"
#include "lockpoller.h"
#include "pacer.h"
#include "payloads.h"
#include "randomstreams.h"
#include "runmonitor.h"
#include "sampledeck.h"
#include "scenarios.h"

#include <algorithm>
#include <barrier>
#include <thread>

using namespace Qt::StringLiterals;
using javumbo::history::Operation;
using javumbo::net::HttpCall;
using javumbo::net::HttpClient;
using javumbo::net::HttpResult;

namespace javumbo::loadtest {

namespace {

constexpr int RegistrationThreads = 16;
constexpr int SetUpThreads = 8;
constexpr std::chrono::microseconds MonitorInterval = std::chrono::seconds(1);

qint64 seconds(double s)
{
    return qint64(s * 1e6);
}

// Runs `work(i)` for i in [0, count) on up to `threads` threads; returns when all are done.
void parallelFor(int count, int threads, const std::function<void(int)> &work)
{
    std::atomic<int> next {0};
    std::vector<std::jthread> pool;
    for (int t = 0; t < std::min(count, threads); ++t) {
        pool.emplace_back([&] {
            for (int i = next++; i < count; i = next++)
                work(i);
        });
    }
}

} // namespace

QString phaseName(RunSnapshot::Phase phase)
{
    switch (phase) {
    case RunSnapshot::Phase::Starting:
        return u"starting"_s;
    case RunSnapshot::Phase::Registering:
        return u"registering"_s;
    case RunSnapshot::Phase::SettingUp:
        return u"setting up"_s;
    case RunSnapshot::Phase::Running:
        return u"running"_s;
    case RunSnapshot::Phase::Auditing:
        return u"auditing"_s;
    case RunSnapshot::Phase::Finished:
        return u"finished"_s;
    }
    return {};
}

struct LoadTestRunner::VirtualUser
{
    QString name;
    std::atomic<int> *activeCounter = nullptr;
    qint64 startUs = 0;
    std::function<void()> body;
    // Runs instead of `body` when the run stops before the user's start: a hot
    // user's device leaves its barrier, so the devices that did start never wait for it.
    std::function<void()> skipped;
    std::jthread thread; // joins when the user is destroyed
};

LoadTestRunner::LoadTestRunner(LoadProfile profile, RunTarget target, QList<Threshold> thresholds)
    : m_profile(std::move(profile)), m_target(std::move(target)), m_thresholds(std::move(thresholds))
{ }

LoadTestRunner::~LoadTestRunner()
{
    requestStop();
    m_monitor.reset();
    joinVirtualUsers();
}

void LoadTestRunner::setSnapshotCallback(std::function<void(const RunSnapshot &)> callback)
{
    std::lock_guard lock(m_snapshotMutex);
    m_callback = std::move(callback);
}

RunSnapshot LoadTestRunner::snapshot() const
{
    std::lock_guard lock(m_snapshotMutex);
    return m_snapshot;
}

void LoadTestRunner::requestStop()
{
    if (m_context)
        m_context->requestStop();
}

void LoadTestRunner::monitorTick(LockPoller &locks)
{
    RunContext &context = *m_context;
    if (context.history().nowUs() >= seconds(m_profile.durationS))
        context.requestStop();
    if (const std::optional<LockPoint> point = locks.poll(context.history())) {
        // publish() carries the lock points over from m_snapshot.
        std::lock_guard lock(m_snapshotMutex);
        m_snapshot.lockWaits.append(*point);
    }
    m_checker->verifyPending();
    publish(buildSnapshot(RunSnapshot::Phase(m_phase.load())));
}

void LoadTestRunner::publish(RunSnapshot snapshot)
{
    std::function<void(const RunSnapshot &)> callback;
    {
        std::lock_guard lock(m_snapshotMutex);
        // The lock points are appended by the monitor directly; keep them.
        snapshot.lockWaits = m_snapshot.lockWaits;
        snapshot.timeline = m_snapshot.timeline;
        // One point per monitor tick: the audit's and the end's snapshots come
        // moments after the last tick, and a sliver of an interval would chart as a spike.
        const double lastPointS = snapshot.timeline.isEmpty() ? 0 : snapshot.timeline.last().tS;
        if (snapshot.elapsedS - lastPointS >= 0.5) {
            TimelinePoint point;
            point.tS = snapshot.elapsedS;
            point.requests = snapshot.operations - m_lastOperations;
            point.errors = snapshot.errors - m_lastErrors;
            point.cardsCreated = snapshot.cardsCreated;
            point.writers = snapshot.activeWriters;
            point.reviewers = snapshot.activeReviewers;
            point.lane = snapshot.lane;
            for (const EndpointLive &endpoint : snapshot.endpoints)
                point.windowP95Ms.append({endpoint.op, endpoint.windowP95Ms});
            snapshot.timeline.append(point);
            m_lastOperations = snapshot.operations;
            m_lastErrors = snapshot.errors;
        }
        m_snapshot = snapshot;
        callback = m_callback;
    }
    if (callback)
        callback(snapshot);
}

RunSnapshot LoadTestRunner::buildSnapshot(RunSnapshot::Phase phase)
{
    RunContext &context = *m_context;
    RunSnapshot snapshot;
    snapshot.phase = phase;
    snapshot.elapsedS = double(context.history().nowUs()) / 1e6;
    snapshot.activeWriters = m_activeWriters;
    snapshot.activeReviewers = m_activeReviewers;
    snapshot.activeOthers = m_activeOthers;
    snapshot.operations = context.metrics().operations();
    snapshot.cardsCreated = context.metrics().cardsCreated();
    snapshot.errors = context.metrics().errorCount();
    snapshot.dropped = context.metrics().dropped();
    const double intervalS = snapshot.elapsedS - m_lastSnapshotS;
    snapshot.requestsPerSecond
        = intervalS > 0 ? double(snapshot.operations - m_lastOperations) / intervalS : 0;
    m_lastSnapshotS = snapshot.elapsedS;
    for (const EndpointFigures &figures : context.metrics().endpoints()) {
        EndpointLive live {figures.op, figures.count, figures.errors, figures.p95Ms, 0};
        live.windowP95Ms
            = RunMetrics::windowQuantileMs(m_lastHistograms.value(figures.op), figures.histogram, 0.95);
        m_lastHistograms.insert(figures.op, figures.histogram);
        snapshot.endpoints.append(live);
    }
    snapshot.lane = m_checker->lane();
    snapshot.violations = m_checker->violations();

    const qint64 planned = plannedOperations();
    const double done = double(context.history().size());
    if (phase == RunSnapshot::Phase::Finished) {
        snapshot.progress = 1;
        snapshot.etaS = 0;
    } else if (planned > 0) {
        // Capped below 1: the audit is still to come.
        snapshot.progress = std::min(0.99, done / double(planned));
        const double byWork
            = snapshot.progress > 0.01 ? snapshot.elapsedS * (1 - snapshot.progress) / snapshot.progress : -1;
        snapshot.etaS
            = byWork < 0 ? -1 : std::min(byWork, std::max(0.0, m_profile.durationS - snapshot.elapsedS));
    }
    return snapshot;
}

qint64 LoadTestRunner::plannedOperations() const
{
    const LoadProfile &p = m_profile;
    using namespace scenarios;
    const double registrations = double(m_accounts.size()); // one request per account
    return qint64(registrations + p.reviewerCount() * setUpReviewerRequests(p)
        + p.writerCount() * writerRequests(p) + p.reviewerCount() * reviewerRequests(p)
        + p.sessions.workers * sessionThrasherRequests(p) + p.hotUser.clients * hotUserClientRequests(p)
        + p.retries.workers * retrierRequests(p));
}

QList<TestAccount *> LoadTestRunner::accountsOf(int first, int count)
{
    QList<TestAccount *> accounts;
    for (int i = first; i < first + count && i < m_accounts.size(); ++i) {
        if (m_accounts[i].userId != 0)
            accounts.append(&m_accounts[i]);
    }
    return accounts;
}

bool LoadTestRunner::serverAnswers(QString *why)
{
    HttpClient client(m_target.host, m_target.port, std::chrono::seconds(10));
    HttpCall health;
    health.path = u"/api/v1/health"_s;
    const Result<HttpResult> answer = client.send(health);
    if (!answer) {
        *why = u"cannot reach the server at %1:%2: %3"_s.arg(m_target.host)
                   .arg(m_target.port)
                   .arg(answer.error().message);
        return false;
    }
    if (answer->status != 200) {
        *why = u"the server at %1:%2 answered /api/v1/health with %3"_s.arg(m_target.host)
                   .arg(m_target.port)
                   .arg(answer->status);
        return false;
    }
    return true;
}

void LoadTestRunner::registerAccounts()
{
    RunContext &context = *m_context;
    QRandomGenerator random = randomStream(m_profile.seed, RandomStream::RegistrationSchedule);
    QList<std::pair<qint64, int>> schedule; // (intended start, account index)
    const qint64 startUs = context.history().nowUs();
    for (int i = 0; i < m_accounts.size(); ++i)
        schedule.append(
            {startUs + qint64(random.generateDouble() * seconds(m_profile.registrationWindowS)), i});
    std::sort(schedule.begin(), schedule.end());
    parallelFor(int(schedule.size()), RegistrationThreads, [&](int slot) {
        const auto [intendedUs, index] = schedule[slot];
        if (!context.sleepUntil(intendedUs))
            return;
        ApiActor actor(context, u"registrar-%1"_s.arg(slot), u"registration"_s, m_accounts[index]);
        actor.setIntendedStart(intendedUs);
        actor.registerAccount();
    });
}

void LoadTestRunner::runScenarios()
{
    RunContext &context = *m_context;
    const LoadProfile &p = m_profile;
    const int writers = p.writerCount();
    const int reviewers = p.reviewerCount();
    // Open model: every scenario user shares the target rate.
    const double ratePerUser = p.openRate / std::max(1, writers + reviewers);

    const Result<SampleDeck> deck = SampleDeck::load();
    std::vector<std::unique_ptr<ApiActor>> reviewerActors(reviewers);
    QList<qint64> deckIds(reviewers, 0);
    m_phase = int(RunSnapshot::Phase::SettingUp);
    if (deck) {
        parallelFor(reviewers, SetUpThreads, [&](int r) {
            TestAccount &account = m_accounts[writers + r];
            if (account.userId == 0 || context.stopRequested())
                return;
            reviewerActors[r]
                = std::make_unique<ApiActor>(context, u"reviewer-%1"_s.arg(r + 1), u"setup"_s, account);
            deckIds[r] = scenarios::setUpReviewer(*reviewerActors[r], *deck, p.reviewers.deckCards);
            reviewerActors[r]->releaseConnection();
            reviewerActors[r]->setScenario(u"reviewers"_s);
        });
    }
    m_phase = int(RunSnapshot::Phase::Running);

    std::vector<std::unique_ptr<VirtualUser>> schedule;
    const auto plan
        = [&](QString name, std::atomic<int> *counter, qint64 startUs, std::function<void()> body) {
              auto user = std::make_unique<VirtualUser>();
              user->name = std::move(name);
              user->activeCounter = counter;
              user->startUs = startUs;
              user->body = std::move(body);
              schedule.push_back(std::move(user));
          };
    const qint64 setUpEndUs = context.history().nowUs();
    // B. Writers, ramped in stages.
    int started = 0;
    for (int stage = 0; stage < p.writers.ramp.size() && started < writers; ++stage) {
        const int target = std::min(p.writers.ramp[stage], writers);
        for (; started < target; ++started) {
            TestAccount *account = &m_accounts[started];
            if (account->userId == 0)
                continue;
            const int w = started;
            plan(u"writer-%1"_s.arg(w + 1), &m_activeWriters, setUpEndUs + seconds(stage * p.writers.stageS),
                [this, &context, account, w, ratePerUser] {
                    QRandomGenerator random = randomStream(m_profile.seed, RandomStream::Writer, w);
                    const int cards = payloads::draw(random, m_profile.writers.cards);
                    Pacer pacer(context, random, m_profile.writers.thinkMs, ratePerUser);
                    ApiActor actor(context, u"writer-%1"_s.arg(w + 1), u"writers"_s, *account);
                    scenarios::runWriter(actor, random, pacer, cards);
                });
        }
    }
    // C. Reviewers: `start` at once, then `step` more every `stepS`.
    for (int r = 0; r < reviewers; ++r) {
        if (!reviewerActors[r] || deckIds[r] == 0)
            continue;
        const int stage
            = r < p.reviewers.start ? 0 : 1 + (r - p.reviewers.start) / std::max(1, p.reviewers.step);
        ApiActor *actor = reviewerActors[r].get();
        const qint64 deckId = deckIds[r];
        plan(u"reviewer-%1"_s.arg(r + 1), &m_activeReviewers, setUpEndUs + seconds(stage * p.reviewers.stepS),
            [this, &context, actor, deckId, r, ratePerUser] {
                QRandomGenerator random = randomStream(m_profile.seed, RandomStream::Reviewer, r);
                const int reviews = payloads::draw(random, m_profile.reviewers.reviews);
                Pacer pacer(context, random, m_profile.reviewers.thinkMs, ratePerUser);
                QRandomGenerator undoRandom = randomStream(m_profile.seed, RandomStream::ReviewerUndo, r);
                scenarios::runReviewer(*actor, random, undoRandom, pacer, deckId, reviews);
            });
    }
    // D. Session thrashing over every scenario account.
    const QList<TestAccount *> everyone = accountsOf(0, writers + reviewers);
    for (int s = 0; s < p.sessions.workers; ++s) {
        plan(u"sessions-%1"_s.arg(s + 1), &m_activeOthers, setUpEndUs, [this, &context, everyone, s] {
            QRandomGenerator random = randomStream(m_profile.seed, RandomStream::SessionThrasher, s);
            scenarios::runSessionThrasher(context, u"sessions-%1"_s.arg(s + 1), everyone, random);
        });
    }
    // E. The hot user's devices.
    int next = writers + reviewers;
    std::unique_ptr<std::barrier<>> rounds;
    std::vector<std::unique_ptr<ApiActor>> hotActors;
    if (p.hotUser.clients > 0) {
        TestAccount *hot = &m_accounts[next++];
        if (hot->userId != 0) {
            rounds = std::make_unique<std::barrier<>>(p.hotUser.clients);
            for (int c = 0; c < p.hotUser.clients; ++c) {
                hotActors.push_back(
                    std::make_unique<ApiActor>(context, u"hot-%1"_s.arg(c + 1), u"hot_user"_s, *hot));
                ApiActor *actor = hotActors.back().get();
                std::barrier<> *barrier = rounds.get();
                plan(u"hot-%1"_s.arg(c + 1), &m_activeOthers, setUpEndUs,
                    [actor, barrier, c] { scenarios::runHotUserClient(*actor, *barrier, c); });
                schedule.back()->skipped = [barrier] { barrier->arrive_and_drop(); };
            }
        }
    }
    // F. Retries.
    for (int r = 0; r < p.retries.workers; ++r) {
        TestAccount *account = &m_accounts[next++];
        if (account->userId == 0)
            continue;
        plan(u"retrier-%1"_s.arg(r + 1), &m_activeOthers, setUpEndUs, [this, &context, account, r] {
            QRandomGenerator random = randomStream(m_profile.seed, RandomStream::Retrier, r);
            ApiActor actor(context, u"retrier-%1"_s.arg(r + 1), u"retries"_s, *account);
            scenarios::runRetrier(actor, random);
        });
    }

    std::stable_sort(schedule.begin(), schedule.end(),
        [](const auto &a, const auto &b) { return a->startUs < b->startUs; });
    for (auto &user : schedule) {
        if (context.sleepUntil(user->startUs))
            startVirtualUser(std::move(user));
        else if (user->skipped)
            user->skipped();
    }
    joinVirtualUsers();
    // Actors used by the threads above die only after every thread has ended.
    hotActors.clear();
    reviewerActors.clear();
}

void LoadTestRunner::startVirtualUser(std::unique_ptr<VirtualUser> user)
{
    VirtualUser *raw = user.get();
    raw->thread = std::jthread([raw] {
        ++*raw->activeCounter;
        raw->body();
        --*raw->activeCounter;
    });
    m_virtualUsers.push_back(std::move(user));
}

void LoadTestRunner::joinVirtualUsers()
{
    m_virtualUsers.clear(); // each user's jthread joins as it goes
}

RunResult LoadTestRunner::run()
{
    RunResult result;
    m_context = std::make_unique<RunContext>(m_target.host, m_target.port, m_profile);
    RunContext &context = *m_context;
    result.startedAt = context.history().startedAt();

    integrity::CheckerOptions options;
    options.dataDir = m_target.dataDir;
    options.database = m_target.database;
    if (m_target.dataDir.isEmpty()) {
        options.apiHost = m_target.host;
        options.apiPort = m_target.port;
    }
    m_checker = std::make_unique<integrity::Checker>(options);
    context.history().setObserver([this](const Operation &operation) {
        m_context->metrics().record(operation);
        m_checker->observe(operation);
    });

    const int scenarioUsers = m_profile.users;
    const int extra = (m_profile.hotUser.clients > 0 ? 1 : 0) + m_profile.retries.workers;
    for (int i = 0; i < scenarioUsers + extra; ++i)
        m_accounts.append(payloads::account(m_profile.seed, i + 1));

    QString why;
    if (!serverAnswers(&why)) {
        result.error = why;
        result.exit = RunExit::CouldNotRun;
        return result;
    }
    auto locks = std::make_shared<LockPoller>(
        m_target.host, m_target.port, m_target.adminUsername, m_target.adminPassword);
    m_monitor = std::make_unique<RunMonitor>(MonitorInterval, [this, locks] { monitorTick(*locks); });
    m_phase = int(RunSnapshot::Phase::Registering);
    registerAccounts();
    const QList<integrity::TestAccount> known = registeredAccounts(m_accounts);
    m_checker->setAccounts(known);
    if (known.isEmpty() && !context.stopRequested()) {
        m_monitor.reset();
        result.error = u"no account could be registered; see the registration errors in requests.jsonl"_s;
        result.history = context.history().operations();
        result.exit = RunExit::CouldNotRun;
        return result;
    }
    if (!context.stopRequested())
        runScenarios();
    m_monitor.reset();

    m_phase = int(RunSnapshot::Phase::Auditing);
    publish(buildSnapshot(RunSnapshot::Phase::Auditing));
    result.integrity = m_checker->finish();
    const qint64 runUs = context.history().nowUs();
    for (const Threshold &threshold : std::as_const(m_thresholds))
        result.thresholds.append(evaluate(threshold, context.metrics(), runUs));

    RunSnapshot last = buildSnapshot(RunSnapshot::Phase::Finished);
    last.lane = result.integrity.lane;
    last.violations = result.integrity.violations;
    last.checks = result.integrity.checks;
    publish(last);
    result.finalSnapshot = snapshot();
    result.history = context.history().operations();
    result.accounts = m_accounts;
    result.durationS = double(runUs) / 1e6;

    const bool thresholdFailed = std::any_of(
        result.thresholds.begin(), result.thresholds.end(), [](const auto &t) { return !t.passed; });
    result.exit = exitFor(result.integrity.verdict);
    if (result.exit == RunExit::CouldNotRun)
        result.error = u"the integrity verdict is UNKNOWN: a required check could not run"_s;
    else if (result.exit == RunExit::Pass && thresholdFailed)
        result.exit = RunExit::ThresholdFailed;
    return result;
}

} // namespace javumbo::loadtest
