// The checker against a real server on a loopback port: the API path, and
// the direct path reading a live server's files.
#include "integrityfixture.h"
#include "testserver.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace javumbo;
using namespace javumbo::integrity;
using javumbo::history::Operation;
using javumbo::history::Outcome;
using javumbo::testsupport::classesOf;
using javumbo::testsupport::HistoryBuilder;
using javumbo::testsupport::IntegrityUser;
using javumbo::testsupport::TestServer;

namespace {

struct ApiRun
{
    TestServer server;
    HistoryBuilder history;
    TestServer::User aliceLogin = server.createUser(u"alice"_s);
    TestServer::User bobLogin = server.createUser(u"bob"_s);
    IntegrityUser alice = userOf(aliceLogin);
    IntegrityUser bob = userOf(bobLogin);
    std::unique_ptr<net::HttpClient> http = server.client();

    static IntegrityUser userOf(const TestServer::User &user)
    {
        return {user.username, user.id, user.username + u"@example.org"_s, user.password};
    }
    QString tokenOf(const IntegrityUser &user) const
    {
        return user.username == aliceLogin.username ? aliceLogin.token : bobLogin.token;
    }
    QList<TestAccount> accounts() const
    {
        return {{alice.username, alice.password, alice.email, alice.id, {}},
            {bob.username, bob.password, bob.email, bob.id, {}}};
    }
    Checker checker(bool throughApi)
    {
        CheckerOptions options;
        if (throughApi)
            options.apiPort = server.port();
        else
            options.dataDir = server.dataDir();
        return Checker(options);
    }

    qint64 createDeck(const IntegrityUser &user, const QString &name)
    {
        const auto created
            = testsupport::call(*http, "POST", u"/api/v1/decks"_s, tokenOf(user), {{u"name"_s, name}});
        if (created.status != 201)
            qFatal("create deck: %d", created.status);
        return created.json().toObject().value(u"id"_s).toInteger();
    }
    // POST /cards as `poster` with `owner`'s tag, as the load tester would send it.
    Operation addCard(const IntegrityUser &poster, const IntegrityUser &owner, const QString &tag,
        qint64 deckId = 0, const QString &deckName = {})
    {
        QJsonObject body {
            {u"front"_s, HistoryBuilder::front(owner, tag)}, {u"back"_s, HistoryBuilder::back(tag)}};
        if (deckId != 0)
            body.insert(u"deck_id"_s, deckId);
        const auto added = testsupport::call(*http, "POST", u"/api/v1/cards"_s, tokenOf(poster), body);
        if (added.status != 201)
            qFatal("add card: %d", added.status);
        return history.addCard(
            owner, tag, Outcome::Ok, added.json().toObject().value(u"card_id"_s).toInteger(), deckName);
    }
    Operation answer(const IntegrityUser &user, qint64 cardId)
    {
        const auto answered = testsupport::call(*http, "POST", u"/api/v1/review/answer"_s, tokenOf(user),
            {{u"card_id"_s, cardId}, {u"ease"_s, 3}});
        if (answered.status != 200)
            qFatal("answer: %d %s", answered.status, answered.body.constData());
        return history.answer(user, cardId, Outcome::Ok, answered.json().toObject().value(u"reps"_s).toInt());
    }
};

} // namespace

class TestIntegrityApi : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { testsupport::enterTestMode(); }

    void cleanRun_passesThroughTheApiAndTheLiveFiles()
    {
        ApiRun run;
        QList<Operation> history {run.history.registered(run.alice), run.history.registered(run.bob)};
        const qint64 verbs = run.createDeck(run.alice, u"Verbs"_s);
        history.append(run.addCard(run.alice, run.alice, u"u1_1"_s, verbs, u"Verbs"_s));
        history.append(run.addCard(run.alice, run.alice, u"u1_2"_s));
        history.append(run.addCard(run.bob, run.bob, u"u2_1"_s));
        history.append(run.answer(run.alice, history.at(2).cardId));

        Checker api = run.checker(true);
        api.setAccounts(run.accounts());
        for (const Operation &operation : history)
            api.observe(operation);
        QCOMPARE(api.lane(), (Lane {3, 0, 3, 0}));
        api.verifyPending();
        QCOMPARE(api.lane(), (Lane {3, 3, 0, 0}));
        const IntegrityReport viaApi = api.finish();
        QVERIFY2(viaApi.violations.isEmpty(), qPrintable(classesOf(viaApi)));
        QCOMPARE(viaApi.verdict, Verdict::Pass);
        QCOMPARE(viaApi.path, u"api"_s);
        QCOMPARE(viaApi.check(u"revlog"_s)->status, CheckStatus::Unknown);
        QVERIFY(!viaApi.check(u"revlog"_s)->required);
        QCOMPARE(viaApi.check(u"reps"_s)->status, CheckStatus::Pass);
        QCOMPARE(viaApi.check(u"misplaced"_s)->status, CheckStatus::Pass);

        // The same history against the running server's files, read-only.
        Checker direct = run.checker(false);
        for (const Operation &operation : history)
            direct.observe(operation);
        const IntegrityReport viaFiles = direct.finish();
        QVERIFY2(viaFiles.violations.isEmpty(), qPrintable(classesOf(viaFiles)));
        QCOMPARE(viaFiles.verdict, Verdict::Pass);
        QCOMPARE(viaFiles.path, u"direct"_s);
        QCOMPARE(viaFiles.check(u"revlog"_s)->status, CheckStatus::Pass);
        QCOMPARE(viaFiles.lane, viaApi.lane);
    }

    void markerPlantedInAnotherUsersCollection_isMisplaced()
    {
        ApiRun run;
        Checker checker = run.checker(true);
        checker.setAccounts(run.accounts());
        checker.observe(run.history.registered(run.alice));
        checker.observe(run.history.registered(run.bob));
        checker.observe(run.addCard(run.alice, run.alice, u"u1_1"_s));
        // Bob's collection receives a card carrying Alice's marker.
        const Operation planted = run.addCard(run.bob, run.alice, u"u1_1"_s);

        const IntegrityReport report = checker.finish();
        QCOMPARE(report.verdict, Verdict::Fail);
        QCOMPARE(classesOf(report), u"misplaced"_s);
        const Violation &violation = report.violations.first();
        QCOMPARE(violation.username, u"alice"_s);
        QCOMPARE(violation.tag, u"u1_1"_s);
        QCOMPARE(violation.cardId, planted.cardId);
        QVERIFY2(violation.detail.contains(u"bob"_s), qPrintable(violation.detail));
    }

    void acknowledgedButAbsent_isLostThroughTheApi()
    {
        ApiRun run;
        Checker checker = run.checker(true);
        // A live token only for Alice: no login needed.
        checker.setAccounts({{run.alice.username, {}, run.alice.email, run.alice.id, run.aliceLogin.token},
            {run.bob.username, run.bob.password, run.bob.email, 0, {}}});
        checker.observe(run.addCard(run.alice, run.alice, u"u1_1"_s));
        checker.observe(run.history.addCard(run.alice, u"u1_2"_s, Outcome::Ok, 123));
        checker.observe(run.addCard(run.bob, run.bob, u"u2_1"_s));

        const IntegrityReport report = checker.finish();
        QCOMPARE(classesOf(report), u"lost"_s);
        QCOMPARE(report.violations.first().tag, u"u1_2"_s);
        QCOMPARE(report.lane, (Lane {3, 2, 0, 1}));
    }

    void wrongPassword_makesTheVerdictUnknown()
    {
        ApiRun run;
        Checker checker = run.checker(true);
        checker.setAccounts({{run.alice.username, u"not the password"_s, run.alice.email, run.alice.id, {}}});
        checker.observe(run.addCard(run.alice, run.alice, u"u1_1"_s));
        const IntegrityReport report = checker.finish();
        QCOMPARE(report.verdict, Verdict::Unknown);
        QCOMPARE(report.check(u"lost"_s)->status, CheckStatus::Unknown);
        QVERIFY2(
            report.check(u"lost"_s)->detail.contains(u"401"_s), qPrintable(report.check(u"lost"_s)->detail));
    }
};

QTEST_GUILESS_MAIN(TestIntegrityApi)
#include "tst_integrityapi.moc"
