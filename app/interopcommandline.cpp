#include "interopcommandline.h"

#include "datadirectory.h"
#include "services/backend.h"

#include <QTextStream>

using namespace Qt::StringLiterals;

namespace javumbo::app {

InteropCommandLine::InteropCommandLine(QCommandLineParser &parser)
    : m_parser(parser)
    , m_dataDir(
          u"data-dir"_s, u"Data directory (admin.db, user_dbs/), also while a server runs on it."_s, u"dir"_s)
    , m_user(u"user"_s, u"The account whose collection is used (needed when there are several)."_s, u"name"_s)
    , m_profile(
          u"profile"_s, u"The desktop profile whose collection is used (the same as --user)."_s, u"name"_s)
    , m_deck(u"deck"_s,
          u"The deck (import: where the notes go, created when missing; export: this deck and its"
          " children)."_s,
          u"name"_s)
{
    parser.addOptions({m_dataDir, m_user, m_profile, m_deck});
}

InteropCommandLine::~InteropCommandLine() = default;

int InteropCommandLine::fail(const QString &command, const QString &message, int code)
{
    QTextStream(stderr) << "javumbo " << command << ": " << message << '\n';
    return code;
}

Result<void> InteropCommandLine::open()
{
    if (m_parser.isSet(m_user) && m_parser.isSet(m_profile)
        && m_parser.value(m_user) != m_parser.value(m_profile))
        return makeError(ErrorCode::BadRequest, u"give either --user or --profile, not both"_s);
    auto directory = hosting::resolveDataDirectory(m_parser.value(m_dataDir));
    if (!directory)
        return directory.error();
    m_clock = std::make_unique<SystemClock>();
    m_locks = std::make_unique<UserLockRegistry>();
    BackendOptions options;
    options.dataDir = directory.value();
    m_backend = std::make_unique<Backend>(options, *m_clock, *m_locks);
    if (auto ready = m_backend->initialize(); !ready)
        return ready.error();
    const QString name = m_parser.isSet(m_user) ? m_parser.value(m_user) : m_parser.value(m_profile);
    if (!name.isEmpty()) {
        auto account = m_backend->accounts().findByUsername(name);
        if (!account)
            return makeError(
                account.code(), u"no user or profile named \"%1\" in %2"_s.arg(name, directory.value()));
        m_userId = account->id;
        m_username = account->username;
        return {};
    }
    auto accounts = m_backend->accounts().list();
    if (!accounts)
        return accounts.error();
    if (accounts->size() != 1) {
        QStringList names;
        for (const Account &account : accounts.value())
            names.append(account.username);
        return makeError(ErrorCode::BadRequest,
            u"name the user with --user or --profile (accounts in %1: %2)"_s.arg(
                directory.value(), names.isEmpty() ? u"none"_s : names.join(u", "_s)));
    }
    m_userId = accounts->first().id;
    m_username = accounts->first().username;
    return {};
}

Result<std::optional<qint64>> InteropCommandLine::deck(bool createMissing)
{
    if (!m_parser.isSet(m_deck))
        return std::optional<qint64> {};
    const QString name = m_parser.value(m_deck).trimmed();
    auto decks = m_backend->decks().list(m_userId);
    if (!decks)
        return decks.error();
    for (const collection::DeckSummary &deck : decks.value()) {
        if (deck.name.compare(name, Qt::CaseInsensitive) == 0)
            return std::optional<qint64> {deck.id};
    }
    if (!createMissing)
        return makeError(ErrorCode::DeckNotFound, u"%1 has no deck named \"%2\""_s.arg(m_username, name));
    auto created = m_backend->decks().create(m_userId, name);
    if (!created)
        return created.error();
    return std::optional<qint64> {created->id};
}

} // namespace javumbo::app
