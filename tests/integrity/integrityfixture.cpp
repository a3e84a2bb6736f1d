#include "integrityfixture.h"

#include "accountfixture.h"
#include "storage/database.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

using namespace Qt::StringLiterals;
using javumbo::history::Outcome;

namespace javumbo::testsupport {

IntegrityDataDir::IntegrityDataDir()
    : m_accounts(m_dir.path(), m_clock, fastHasher(),
        [this](const QString &path) { return collection::UserCollection::create(path, m_clock); })
{
    if (!m_dir.isValid() || !m_accounts.initialize())
        qFatal("cannot create the data directory");
}

IntegrityDataDir::~IntegrityDataDir()
{
    storage::Database::closeAllOnThisThread();
}

QString IntegrityDataDir::collectionPath(const IntegrityUser &user) const
{
    return m_accounts.collectionPath(user.id);
}

IntegrityUser IntegrityDataDir::addUser(const QString &username)
{
    const Registration form = registration(username);
    auto account = m_accounts.registerUser(form);
    if (!account)
        qFatal("register %s: %s", qPrintable(username), qPrintable(account.error().message));
    return {account->username, account->id, account->email, form.password};
}

collection::UserCollection IntegrityDataDir::collection(const IntegrityUser &user)
{
    return collection::UserCollection(collectionPath(user), m_clock);
}

collection::CardRecord IntegrityDataDir::addCard(
    const IntegrityUser &user, const QString &front, const QString &back, qint64 deckId)
{
    auto added = collection(user).addCard({front, back, deckId, {}, {}});
    if (!added)
        qFatal("addCard: %s", qPrintable(added.error().message));
    return added.value();
}

qint64 IntegrityDataDir::createDeck(const IntegrityUser &user, const QString &name)
{
    auto deck = collection(user).createDeck(name);
    if (!deck)
        qFatal("createDeck: %s", qPrintable(deck.error().message));
    return deck->id;
}

collection::CardRecord IntegrityDataDir::answer(const IntegrityUser &user, qint64 cardId, int ease)
{
    m_clock.advanceMs(1000); // distinct revlog ids and a card that is due again are not the point here
    auto answered = collection(user).answer({cardId, ease, 2000, std::nullopt});
    if (!answered)
        qFatal("answer: %s", qPrintable(answered.error().message));
    return answered.value();
}

void execSql(const QString &path, const QStringList &statements)
{
    const QString name = u"integrity-test-"_s % QUuid::createUuid().toString();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        if (!db.open())
            qFatal("cannot open %s", qPrintable(path));
        for (const QString &sql : statements) {
            QSqlQuery query(db);
            if (!query.exec(sql))
                qFatal("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
        }
    }
    QSqlDatabase::removeDatabase(name);
}

QString HistoryBuilder::front(const IntegrityUser &user, const QString &tag)
{
    return u"[USER:%1][SEQ:%2][TOPIC:verbs] what is the past of go?"_s.arg(user.username, tag);
}

QString HistoryBuilder::back(const QString &tag)
{
    return u"went [MARKER:%1]"_s.arg(tag);
}

history::Operation HistoryBuilder::op(const QString &name, const IntegrityUser &user, Outcome outcome)
{
    history::Operation operation;
    operation.seq = ++m_seq;
    operation.virtualUser = u"writer-1"_s;
    operation.scenario = u"writers"_s;
    operation.op = name;
    operation.username = user.username;
    operation.userId = user.id;
    operation.intendedUs = m_nowUs;
    operation.invokeUs = m_nowUs;
    operation.completeUs = m_nowUs + 50;
    m_nowUs += 100;
    operation.outcome = outcome;
    operation.status = outcome == Outcome::Ok ? 200 : outcome == Outcome::Fail ? 409 : 0;
    if (outcome == Outcome::Info)
        operation.errorCode = u"timeout"_s;
    operation.requestId = u"req-%1"_s.arg(operation.seq);
    operation.sessionId = u"s-"_s % user.username;
    return operation;
}

history::Operation HistoryBuilder::registered(const IntegrityUser &user)
{
    history::Operation operation = op(u"register"_s, user);
    operation.status = 201;
    operation.email = user.email;
    operation.observedUserId = user.id;
    operation.observedUsername = user.username;
    operation.sessionId.clear();
    return operation;
}

history::Operation HistoryBuilder::addCard(
    const IntegrityUser &user, const QString &tag, Outcome outcome, qint64 cardId, const QString &deckName)
{
    history::Operation operation = op(u"add_card"_s, user, outcome);
    if (outcome == Outcome::Ok)
        operation.status = 201;
    operation.tag = tag;
    operation.front = front(user, tag);
    operation.back = back(tag);
    operation.deckName = deckName;
    operation.idempotencyKey = u"key-"_s % tag;
    operation.cardId = outcome == Outcome::Ok ? cardId : 0;
    return operation;
}

history::Operation HistoryBuilder::answer(
    const IntegrityUser &user, qint64 cardId, Outcome outcome, int repsAfter)
{
    history::Operation operation = op(u"review_answer"_s, user, outcome);
    operation.cardId = cardId;
    operation.ease = 3;
    operation.repsAfter = outcome == Outcome::Ok ? repsAfter : -1;
    return operation;
}

CheckerRun::CheckerRun()
{
    checker.observe(history.registered(alice));
    checker.observe(history.registered(bob));
}

history::Operation CheckerRun::store(const IntegrityUser &owner, const IntegrityUser &holder,
    const QString &tag, qint64 deckId, const QString &deckName)
{
    const auto card
        = data.addCard(holder, HistoryBuilder::front(owner, tag), HistoryBuilder::back(tag), deckId);
    return history.addCard(owner, tag, Outcome::Ok, card.cardId, deckName);
}

history::Operation CheckerRun::stored(
    const IntegrityUser &user, const QString &tag, qint64 deckId, const QString &deckName)
{
    const history::Operation operation = store(user, user, tag, deckId, deckName);
    checker.observe(operation);
    return operation;
}

QString classesOf(const QList<integrity::Violation> &violations)
{
    QStringList names;
    for (const integrity::Violation &violation : violations)
        names.append(integrity::violationClassName(violation.violationClass));
    return names.join(u","_s);
}

QString classesOf(const integrity::IntegrityReport &report)
{
    return classesOf(report.violations);
}

} // namespace javumbo::testsupport
