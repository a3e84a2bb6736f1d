#include "checker.h"

#include "postgresreader.h"

#include "apireader.h"
#include "directreader.h"
#include "finalaudit.h"

using namespace Qt::StringLiterals;

namespace javumbo::integrity {

Checker::Checker(CheckerOptions options)
    : m_options(std::move(options)), m_direct(std::make_unique<DirectReader>(m_options.dataDir))
{
    if (m_options.apiPort != 0)
        m_api = std::make_unique<ApiReader>(
            m_options.apiHost, m_options.apiPort, m_options.apiPageSize, m_options.apiTimeout);
    // A connection string libpq refuses leaves the other paths (the load
    // tester checked it before the run: loadtestcommand).
    if (!m_options.database.isEmpty()) {
        if (auto target = postgres::PgConnectionString::parse(m_options.database))
            m_postgres = std::make_unique<PostgresReader>(target.value());
    }
}

Checker::~Checker() = default;

void Checker::setAccounts(const QList<TestAccount> &accounts)
{
    std::lock_guard lock(m_mutex);
    m_accounts.clear();
    for (const TestAccount &account : accounts)
        m_accounts.insert(HistoryIndex::userKey(account.username), account);
}

void Checker::addAccount(const TestAccount &account)
{
    std::lock_guard lock(m_mutex);
    m_accounts.insert(HistoryIndex::userKey(account.username), account);
}

void Checker::observe(const history::Operation &operation)
{
    std::lock_guard lock(m_mutex);
    if (m_history.add(operation)) {
        m_lane.insert(operation.tag, LaneEntry {});
        ++m_counts.acknowledged;
        ++m_counts.pending;
    }
    m_historyViolations.append(m_historyChecks.add(operation));
}

Lane Checker::lane() const
{
    std::lock_guard lock(m_mutex);
    return m_final ? m_final->lane : m_counts;
}

QList<Violation> Checker::violations() const
{
    std::lock_guard lock(m_mutex);
    if (m_final)
        return m_final->violations;
    return m_historyViolations + m_passViolations;
}

QList<TestAccount> Checker::testUsersLocked() const
{
    // The given accounts, and every user the history registered or wrote for.
    QHash<QString, TestAccount> users = m_accounts;
    const QHash<QString, HistoryUser> &seen = m_history.users();
    for (auto it = seen.constBegin(); it != seen.constEnd(); ++it) {
        if (!it->registered && !it->owns)
            continue;
        TestAccount &user = users[it.key()];
        if (user.username.isEmpty())
            user.username = it->username;
        if (user.userId == 0)
            user.userId = it->userId;
    }
    QList<QString> keys = users.keys();
    std::sort(keys.begin(), keys.end());
    QList<TestAccount> sorted;
    for (const QString &key : std::as_const(keys))
        sorted.append(users.value(key));
    return sorted;
}

CollectionSource *Checker::source()
{
    // Chosen once: cursors mean different things to the two readers.
    if (!m_source) {
        if (m_postgres)
            m_source = m_postgres.get();
        else if (m_direct->isUsable())
            m_source = m_direct.get();
        else if (m_api)
            m_source = m_api.get();
    }
    return m_source;
}

Result<void> Checker::resolve(CollectionSource &source, TestAccount &user)
{
    const QString key = HistoryIndex::userKey(user.username);
    if (user.userId == 0)
        user.userId = m_resolvedIds.value(key);
    if (user.userId != 0)
        return {};
    auto id = source.resolveUserId(user);
    if (!id)
        return id.error();
    user.userId = id.value();
    m_resolvedIds.insert(key, user.userId);
    return {};
}

QList<CollectionView> Checker::readAll(CollectionSource *source, QList<TestAccount> &users, bool full)
{
    QList<CollectionView> views;
    for (TestAccount &user : users) {
        CollectionView view;
        view.userKey = HistoryIndex::userKey(user.username);
        view.username = user.username;
        if (!source) {
            view.error = u"no readable data directory and no API to read"_s;
        } else if (auto resolved = resolve(*source, user); !resolved) {
            view.error = resolved.error().message;
        } else if (auto read = source->read(user, full ? 0 : m_cursors.value(view.userKey), full); !read) {
            view.error = read.error().message;
        } else {
            view.readable = true;
            view.data = std::move(read).value();
        }
        view.userId = user.userId;
        views.append(std::move(view));
    }
    return views;
}

void Checker::verifyPending()
{
    std::lock_guard pass(m_passMutex);
    CollectionSource *reader = source();
    if (!reader)
        return;

    QList<TestAccount> users;
    QList<std::pair<TagAttempt, int>> pending; // with its misses
    bool confirm = false;
    {
        std::lock_guard lock(m_mutex);
        for (auto it = m_lane.constBegin(); it != m_lane.constEnd(); ++it) {
            if (it->resolution != TagResolution::Pending)
                continue;
            pending.append({m_history.tags().value(it.key()), it->misses});
            confirm = confirm || it->misses > 0;
        }
        if (pending.isEmpty())
            return;
        users = testUsersLocked();
    }

    // A confirming pass rereads everything, so a card is never declared lost
    // on the strength of the cursor alone.
    if (confirm) {
        m_sightings.clear();
        m_cursors.clear();
    }
    QSet<QString> readable;
    for (const CollectionView &view : readAll(reader, users, false)) {
        if (!view.readable)
            continue;
        readable.insert(view.userKey);
        addSightings(m_sightings, view);
        m_cursors.insert(view.userKey, view.data.cursor);
    }

    std::lock_guard lock(m_mutex);
    if (m_final)
        return;
    for (const auto &[attempt, misses] : std::as_const(pending)) {
        const bool ownerReadable = readable.contains(HistoryIndex::userKey(attempt.username));
        TagJudgement judgement
            = judgeTag(attempt, m_sightings.value(attempt.tag), ownerReadable, confirm && misses > 0);
        LaneEntry &entry = m_lane[attempt.tag];
        if (entry.resolution != TagResolution::Pending)
            continue;
        switch (judgement.resolution) {
        case TagResolution::Verified:
            entry.resolution = TagResolution::Verified;
            --m_counts.pending;
            ++m_counts.verified;
            break;
        case TagResolution::Violated:
            entry.resolution = TagResolution::Violated;
            --m_counts.pending;
            ++m_counts.violated;
            m_passViolations.append(judgement.violations);
            break;
        case TagResolution::Pending:
            ++entry.misses;
            break;
        default: // Unknown: the owner's collection was unreadable this time
            break;
        }
    }
}

IntegrityReport Checker::finish()
{
    std::lock_guard pass(m_passMutex);
    CollectionSource *reader = source();
    HistoryIndex history;
    QList<Violation> historyViolations;
    QList<TestAccount> users;
    {
        std::lock_guard lock(m_mutex);
        history = m_history; // implicitly shared: a cheap copy
        historyViolations = m_historyViolations;
        users = testUsersLocked();
    }

    FinalAuditInput input;
    input.history = &history;
    input.historyViolations = historyViolations;
    input.collections = readAll(reader, users, true);
    input.users = users;
    input.sourceName = reader ? reader->name() : u"none"_s;
    input.direct = reader == m_direct.get() ? m_direct.get() : nullptr;
    input.api = reader && reader == m_api.get() ? m_api.get() : nullptr;
    input.sourceSeesRevlog = reader && reader->seesRevlog();
    input.onPostgres = reader && reader == m_postgres.get();
    input.probes = input.api || input.onPostgres ? m_api.get() : nullptr;
    input.spotChecksPerUser = m_options.apiSpotChecksPerUser;
    IntegrityReport report = runFinalAudit(input);

    std::lock_guard lock(m_mutex);
    m_final = report;
    return report;
}

} // namespace javumbo::integrity
