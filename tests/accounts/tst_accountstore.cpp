#include "accountfixture.h"
#include "accounts/accountstore.h"
#include "accounts/adminschema.h"
#include "storage/database.h"
#include "testsupport.h"

#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace javumbo;
using testsupport::AccountFixture;

Q_DECLARE_METATYPE(javumbo::ErrorCode)
Q_DECLARE_METATYPE(javumbo::Registration)

namespace {

QByteArray fileContents(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Reads one column of one account straight from admin.db.
QVariant storedColumn(const QString &adminDbPath, const QString &column, qint64 userId)
{
    auto connection = openAdminDatabase(adminDbPath);
    if (!connection)
        return {};
    storage::Query query(*connection.value(), u"SELECT "_s % column % u" FROM accounts WHERE id = ?"_s);
    auto value = query.bind(userId).scalar();
    return value && value.value() ? *value.value() : QVariant();
}

} // namespace

class TestAccountStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { testsupport::enterTestMode(); }

    void registerUser_createsAccountAndCollectionFile();
    void registerUser_storesOnlyAPasswordHash();
    void registerUser_refusesInvalidInputWithoutSideEffects_data();
    void registerUser_refusesInvalidInputWithoutSideEffects();
    void registerUser_usernameTakenCaseInsensitively();
    void registerUser_emailTakenCaseInsensitively();
    void registerUser_factoryFailureLeavesNoRowAndNoFile();
    void registerUser_replacesCollectionFileLeftByACrash();
    void registerUser_givesEachAccountItsOwnFile();
    void authenticate_acceptsRightPasswordAnyUsernameCase();
    void authenticate_refusesAllFailuresWithTheSameError_data();
    void authenticate_refusesAllFailuresWithTheSameError();
    void lookups_reportUnknownUsers();
    void list_returnsAccountsInIdOrder();
    void setDisabled_andSetAdmin_changeFlags();
    void resetPassword_replacesPasswordAndValidatesIt();
    void schema_isVersionedAndEnforcesUniqueness();
    void schema_refusesNewerVersion();
};

void TestAccountStore::registerUser_createsAccountAndCollectionFile()
{
    AccountFixture fixture;
    QVERIFY(fixture.isReady());
    const auto account
        = fixture.store().registerUser(testsupport::registration(u"Alice"_s, u"Alice@Example.com"_s));
    QVERIFY2(account.ok(), qPrintable(account.ok() ? QString() : account.error().message));
    QCOMPARE(account->id, 1);
    QCOMPARE(account->username, u"Alice"_s);
    QCOMPARE(account->email, u"Alice@Example.com"_s);
    QCOMPARE(account->name, u"Name of Alice"_s);
    QCOMPARE(account->areaOfInterest, u"languages"_s);
    QCOMPARE(account->createdAt, fixture.clock().nowSeconds());
    QVERIFY(!account->isAdmin);
    QVERIFY(!account->disabled);

    const QString expectedPath = fixture.dataDir() % u"/user_dbs/user_1.db"_s;
    QCOMPARE(fixture.store().collectionPath(1), expectedPath);
    QCOMPARE(fixture.store().adminDbPath(), fixture.dataDir() % u"/admin.db"_s);
    QVERIFY(QFile::exists(expectedPath));
    QCOMPARE(fixture.collectionFiles(), QStringList {u"user_1.db"_s});
    QCOMPARE(fixture.store().count().value(), 1);

    const auto found = fixture.store().findById(1);
    QVERIFY(found.ok());
    QCOMPARE(found->username, u"Alice"_s);
    QCOMPARE(found->createdAt, account->createdAt);
}

void TestAccountStore::registerUser_storesOnlyAPasswordHash()
{
    AccountFixture fixture;
    QVERIFY(fixture.isReady());
    const auto account = fixture.addUser(u"alice"_s);
    QVERIFY(account.ok());
    const QString stored
        = storedColumn(fixture.store().adminDbPath(), u"password_hash"_s, account->id).toString();
    QVERIFY(stored.startsWith(u"pbkdf2-sha256$1000$"_s));
    QVERIFY(!stored.contains(QString::fromUtf16(testsupport::kTestPassword)));
}

void TestAccountStore::registerUser_refusesInvalidInputWithoutSideEffects_data()
{
    QTest::addColumn<Registration>("registration");
    QTest::addColumn<ErrorCode>("expected");
    Registration r = testsupport::registration(u"alice"_s);
    r.username = u"al"_s;
    QTest::newRow("short username") << r << ErrorCode::InvalidUsername;
    r = testsupport::registration(u"alice"_s);
    r.password = u"1234567"_s;
    QTest::newRow("short password") << r << ErrorCode::WeakPassword;
    r = testsupport::registration(u"alice"_s);
    r.email = u"alice.example.com"_s;
    QTest::newRow("email without at") << r << ErrorCode::InvalidEmail;
    r = testsupport::registration(u"alice"_s);
    r.areaOfInterest = QString(201, u'a');
    QTest::newRow("long area of interest") << r << ErrorCode::BadRequest;
}

void TestAccountStore::registerUser_refusesInvalidInputWithoutSideEffects()
{
    QFETCH(Registration, registration);
    QFETCH(ErrorCode, expected);
    AccountFixture fixture;
    QVERIFY(fixture.isReady());
    const auto account = fixture.store().registerUser(registration);
    QVERIFY(!account.ok());
    QCOMPARE(account.code(), expected);
    QCOMPARE(fixture.store().count().value(), 0);
    QVERIFY(fixture.collectionFiles().isEmpty());
}

void TestAccountStore::registerUser_usernameTakenCaseInsensitively()
{
    AccountFixture fixture;
    QVERIFY(fixture.isReady());
    QVERIFY(fixture.store().registerUser(testsupport::registration(u"Alice"_s, u"one@example.com"_s)).ok());
    const auto again
        = fixture.store().registerUser(testsupport::registration(u"aLICE"_s, u"two@example.com"_s));
    QVERIFY(!again.ok());
    QCOMPARE(again.code(), ErrorCode::UsernameTaken);
    QCOMPARE(fixture.store().count().value(), 1);
    QCOMPARE(fixture.collectionFiles(), QStringList {u"user_1.db"_s});
}

void TestAccountStore::registerUser_emailTakenCaseInsensitively()
{
    AccountFixture fixture;
    QVERIFY(fixture.isReady());
    QVERIFY(fixture.store().registerUser(testsupport::registration(u"alice"_s, u"Ärger@Example.com"_s)).ok());
    const auto again
        = fixture.store().registerUser(testsupport::registration(u"bob"_s, u"äRGER@example.COM"_s));
    QVERIFY(!again.ok());
    QCOMPARE(again.code(), ErrorCode::EmailTaken);
    QCOMPARE(fixture.store().count().value(), 1);
    QVERIFY(fixture.store().findByUsername(u"bob"_s).code() == ErrorCode::UserNotFound);
}

void TestAccountStore::registerUser_factoryFailureLeavesNoRowAndNoFile()
{
    AccountFixture failing(testsupport::failingFactory());
    QVERIFY(failing.isReady());
    const auto account = failing.addUser(u"alice"_s);
    QVERIFY(!account.ok());
    QCOMPARE(account.code(), ErrorCode::StorageUnavailable);
    QCOMPARE(failing.store().count().value(), 0);
    QVERIFY2(failing.collectionFiles().isEmpty(), qPrintable(failing.collectionFiles().join(u", "_s)));

    // The name and email are free again, and the next account gets a whole file.
    AccountStore working(
        failing.dataDir(), failing.clock(), testsupport::fastHasher(), testsupport::placeholderFactory());
    const auto retried = working.registerUser(testsupport::registration(u"alice"_s));
    QVERIFY(retried.ok());
    QCOMPARE(fileContents(working.collectionPath(retried->id)), QByteArray("placeholder collection\n"));
    QCOMPARE(failing.collectionFiles(), QStringList {u"user_%1.db"_s.arg(retried->id)});
}

void TestAccountStore::registerUser_replacesCollectionFileLeftByACrash()
{
    AccountFixture fixture;
    QVERIFY(fixture.isReady());
    // A crash between creating the file and committing its account leaves
    // this behind; id 1 is the next to be handed out.
    QFile orphan(fixture.store().collectionPath(1));
    QVERIFY(orphan.open(QIODevice::WriteOnly));
    orphan.write("orphan");
    orphan.close();

    const auto account = fixture.addUser(u"alice"_s);
    QVERIFY(account.ok());
    QCOMPARE(account->id, 1);
    QCOMPARE(fileContents(fixture.store().collectionPath(1)), QByteArray("placeholder collection\n"));
}

void TestAccountStore::registerUser_givesEachAccountItsOwnFile()
{
    AccountFixture fixture;
    QVERIFY(fixture.isReady());
    for (const QString &name : {u"alice"_s, u"bob"_s, u"carol"_s})
        QVERIFY(fixture.addUser(name).ok());
    QCOMPARE(fixture.collectionFiles(), (QStringList {u"user_1.db"_s, u"user_2.db"_s, u"user_3.db"_s}));
    QCOMPARE(fixture.store().findByUsername(u"carol"_s)->id, 3);
}

void TestAccountStore::authenticate_acceptsRightPasswordAnyUsernameCase()
{
    AccountFixture fixture;
    QVERIFY(fixture.isReady());
    QVERIFY(fixture.addUser(u"Alice"_s).ok());
    for (const QString &typed : {u"Alice"_s, u"alice"_s, u"ALICE"_s}) {
        const auto account
            = fixture.store().authenticate(typed, QString::fromUtf16(testsupport::kTestPassword));
        QVERIFY2(account.ok(), qPrintable(typed));
        QCOMPARE(account->id, 1);
        QCOMPARE(account->username, u"Alice"_s);
    }
}

void TestAccountStore::authenticate_refusesAllFailuresWithTheSameError_data()
{
    const QString right = QString::fromUtf16(testsupport::kTestPassword);
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("password");
    QTest::newRow("wrong password") << u"alice"_s << u"wrong horse battery"_s;
    QTest::newRow("empty password") << u"alice"_s << QString();
    QTest::newRow("unknown user") << u"mallory"_s << right;
    QTest::newRow("malformed username") << u"a l"_s << right;
    QTest::newRow("disabled account") << u"bob"_s << right;
    QTest::newRow("overlong password") << u"alice"_s << QString(100000, u'x');
}

void TestAccountStore::authenticate_refusesAllFailuresWithTheSameError()
{
    QFETCH(QString, username);
    QFETCH(QString, password);
    AccountFixture fixture;
    QVERIFY(fixture.isReady());
    QVERIFY(fixture.addUser(u"alice"_s).ok());
    QVERIFY(fixture.addUser(u"bob"_s).ok());
    QVERIFY(fixture.store().setDisabled(u"bob"_s, true).ok());

    const auto account = fixture.store().authenticate(username, password);
    QVERIFY(!account.ok());
    QCOMPARE(account.code(), ErrorCode::BadCredentials);
    // The message reaches the client: it must not say which part was wrong.
    QCOMPARE(account.error().message, u"wrong username or password"_s);
}

void TestAccountStore::lookups_reportUnknownUsers()
{
    AccountFixture fixture;
    QVERIFY(fixture.isReady());
    QVERIFY(fixture.addUser(u"alice"_s).ok());
    QCOMPARE(fixture.store().findById(2).code(), ErrorCode::UserNotFound);
    QCOMPARE(fixture.store().findByUsername(u"bob"_s).code(), ErrorCode::UserNotFound);
    QCOMPARE(fixture.store().findByUsername(u"ALICE"_s)->id, 1);
    QCOMPARE(fixture.store().setDisabled(u"bob"_s, true).code(), ErrorCode::UserNotFound);
    QCOMPARE(fixture.store().setAdmin(u"bob"_s, true).code(), ErrorCode::UserNotFound);
    QCOMPARE(fixture.store().resetPassword(u"bob"_s, u"new password"_s).code(), ErrorCode::UserNotFound);
}

void TestAccountStore::list_returnsAccountsInIdOrder()
{
    AccountFixture fixture;
    QVERIFY(fixture.isReady());
    QVERIFY(fixture.store().list()->isEmpty());
    for (const QString &name : {u"zed"_s, u"amy"_s, u"Max"_s})
        QVERIFY(fixture.addUser(name).ok());
    const auto accounts = fixture.store().list();
    QVERIFY(accounts.ok());
    QCOMPARE(accounts->size(), 3);
    QCOMPARE(accounts->at(0).username, u"zed"_s);
    QCOMPARE(accounts->at(1).username, u"amy"_s);
    QCOMPARE(accounts->at(2).username, u"Max"_s);
    QCOMPARE(accounts->at(2).id, 3);
    QCOMPARE(fixture.store().count().value(), 3);
}

void TestAccountStore::setDisabled_andSetAdmin_changeFlags()
{
    AccountFixture fixture;
    QVERIFY(fixture.isReady());
    QVERIFY(fixture.addUser(u"alice"_s).ok());
    const QString password = QString::fromUtf16(testsupport::kTestPassword);

    QVERIFY(fixture.store().setAdmin(u"ALICE"_s, true).ok());
    QVERIFY(fixture.store().findById(1)->isAdmin);
    QVERIFY(fixture.store().authenticate(u"alice"_s, password)->isAdmin);
    QVERIFY(fixture.store().setAdmin(u"alice"_s, false).ok());
    QVERIFY(!fixture.store().findById(1)->isAdmin);

    QVERIFY(fixture.store().setDisabled(u"alice"_s, true).ok());
    QVERIFY(fixture.store().findById(1)->disabled);
    QCOMPARE(fixture.store().authenticate(u"alice"_s, password).code(), ErrorCode::BadCredentials);
    // Setting a flag to its current value is not "user not found".
    QVERIFY(fixture.store().setDisabled(u"alice"_s, true).ok());
    QVERIFY(fixture.store().setDisabled(u"alice"_s, false).ok());
    QVERIFY(fixture.store().authenticate(u"alice"_s, password).ok());
}

void TestAccountStore::resetPassword_replacesPasswordAndValidatesIt()
{
    AccountFixture fixture;
    QVERIFY(fixture.isReady());
    QVERIFY(fixture.addUser(u"alice"_s).ok());
    QCOMPARE(fixture.store().resetPassword(u"alice"_s, u"short"_s).code(), ErrorCode::WeakPassword);
    QVERIFY(fixture.store().authenticate(u"alice"_s, QString::fromUtf16(testsupport::kTestPassword)).ok());

    QVERIFY(fixture.store().resetPassword(u"Alice"_s, u"a brand new secret"_s).ok());
    QCOMPARE(fixture.store().authenticate(u"alice"_s, QString::fromUtf16(testsupport::kTestPassword)).code(),
        ErrorCode::BadCredentials);
    QVERIFY(fixture.store().authenticate(u"alice"_s, u"a brand new secret"_s).ok());
}

void TestAccountStore::schema_isVersionedAndEnforcesUniqueness()
{
    AccountFixture fixture;
    QVERIFY(fixture.isReady());
    auto connection = openAdminDatabase(fixture.store().adminDbPath());
    QVERIFY(connection.ok());
    storage::Query version(*connection.value(), u"PRAGMA user_version"_s);
    QCOMPARE(version.scalar().value()->toInt(), kAdminSchemaVersion);

    // Uniqueness is the database's, not a check in AccountStore.
    for (const QString &column : {u"username_key"_s, u"email_key"_s}) {
        storage::Query indexed(*connection.value(),
            u"SELECT COUNT(*) FROM pragma_index_list('accounts') l"
            u" JOIN pragma_index_info(l.name) i WHERE l.\"unique\" = 1 AND i.name = ?"_s);
        QCOMPARE(indexed.bind(column).scalar().value()->toInt(), 1);
    }
    storage::Query autoincrement(*connection.value(),
        u"SELECT sql LIKE '%AUTOINCREMENT%' FROM sqlite_master WHERE name = 'accounts'"_s);
    QCOMPARE(autoincrement.scalar().value()->toInt(), 1);
}

void TestAccountStore::schema_refusesNewerVersion()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString adminDbPath = dir.path() % u"/admin.db"_s;
    {
        auto raw = storage::Database::open(adminDbPath, storage::OpenMode::CreateIfMissing, nullptr);
        QVERIFY(raw.ok());
        QVERIFY(raw.value()->execute(u"PRAGMA user_version = 2"_s).ok());
        storage::Database::closeOnThisThread(adminDbPath);
    }
    ManualClock clock;
    AccountStore store(dir.path(), clock, testsupport::fastHasher(), testsupport::placeholderFactory());
    const auto initialized = store.initialize();
    QVERIFY(!initialized.ok());
    QCOMPARE(initialized.code(), ErrorCode::StorageCorrupt);
    QCOMPARE(store.count().code(), ErrorCode::StorageCorrupt);
}

QTEST_GUILESS_MAIN(TestAccountStore)
#include "tst_accountstore.moc"
