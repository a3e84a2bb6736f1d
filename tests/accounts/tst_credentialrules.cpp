#include "accounts/credentialrules.h"
#include "testsupport.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace javumbo;

Q_DECLARE_METATYPE(javumbo::ErrorCode)

namespace {

// ErrorCode::Internal stands for "accepted" in the tables below.
constexpr ErrorCode kAccepted = ErrorCode::Internal;

ErrorCode outcome(const Result<void> &result)
{
    return result.ok() ? kAccepted : result.code();
}

} // namespace

class TestCredentialRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { testsupport::enterTestMode(); }

    void username_data();
    void username();
    void password_data();
    void password();
    void email_data();
    void email();
    void profile_data();
    void profile();
    void registration_reportsFirstBrokenRuleInOrder();
    void keys_foldCaseForUniqueness();
};

void TestCredentialRules::username_data()
{
    QTest::addColumn<QString>("username");
    QTest::addColumn<ErrorCode>("expected");
    QTest::newRow("three chars") << u"abc"_s << kAccepted;
    QTest::newRow("32 chars") << QString(32, u'a') << kAccepted;
    QTest::newRow("all allowed symbols") << u"A-z_0.9"_s << kAccepted;
    QTest::newRow("mixed case") << u"AliceSmith"_s << kAccepted;
    QTest::newRow("empty") << QString() << ErrorCode::InvalidUsername;
    QTest::newRow("two chars") << u"ab"_s << ErrorCode::InvalidUsername;
    QTest::newRow("33 chars") << QString(33, u'a') << ErrorCode::InvalidUsername;
    QTest::newRow("space") << u"ali ce"_s << ErrorCode::InvalidUsername;
    QTest::newRow("at sign") << u"alice@home"_s << ErrorCode::InvalidUsername;
    QTest::newRow("slash") << u"../etc"_s << ErrorCode::InvalidUsername;
    QTest::newRow("non-ascii letter") << u"josé"_s << ErrorCode::InvalidUsername;
    QTest::newRow("fullwidth digit") << u"abc\uff11"_s << ErrorCode::InvalidUsername;
    QTest::newRow("nul") << QString(u"ab\0c"_s) << ErrorCode::InvalidUsername;
}

void TestCredentialRules::username()
{
    QFETCH(QString, username);
    QFETCH(ErrorCode, expected);
    QCOMPARE(outcome(credentialrules::checkUsername(username)), expected);
}

void TestCredentialRules::password_data()
{
    QTest::addColumn<QString>("password");
    QTest::addColumn<ErrorCode>("expected");
    QTest::newRow("eight chars") << u"12345678"_s << kAccepted;
    QTest::newRow("1024 chars") << QString(1024, u'x') << kAccepted;
    QTest::newRow("unicode") << u"pässwörd✓"_s << kAccepted;
    QTest::newRow("empty") << QString() << ErrorCode::WeakPassword;
    QTest::newRow("seven chars") << u"1234567"_s << ErrorCode::WeakPassword;
    QTest::newRow("1025 chars") << QString(1025, u'x') << ErrorCode::WeakPassword;
}

void TestCredentialRules::password()
{
    QFETCH(QString, password);
    QFETCH(ErrorCode, expected);
    QCOMPARE(outcome(credentialrules::checkPassword(password)), expected);
}

void TestCredentialRules::email_data()
{
    QTest::addColumn<QString>("email");
    QTest::addColumn<ErrorCode>("expected");
    QTest::newRow("plain") << u"alice@example.com"_s << kAccepted;
    QTest::newRow("subdomain and plus") << u"a.b+tag@mail.example.co.uk"_s << kAccepted;
    QTest::newRow("upper case") << u"Alice@Example.COM"_s << kAccepted;
    QTest::newRow("unicode domain") << u"ana@exämple.de"_s << kAccepted;
    QTest::newRow("254 chars") << QString(QString(242, u'a') + u"@example.com"_s) << kAccepted;
    QTest::newRow("empty") << QString() << ErrorCode::InvalidEmail;
    QTest::newRow("255 chars") << QString(QString(243, u'a') + u"@example.com"_s) << ErrorCode::InvalidEmail;
    QTest::newRow("no at") << u"alice.example.com"_s << ErrorCode::InvalidEmail;
    QTest::newRow("two ats") << u"alice@bob@example.com"_s << ErrorCode::InvalidEmail;
    QTest::newRow("empty local part") << u"@example.com"_s << ErrorCode::InvalidEmail;
    QTest::newRow("empty domain") << u"alice@"_s << ErrorCode::InvalidEmail;
    QTest::newRow("domain without dot") << u"alice@localhost"_s << ErrorCode::InvalidEmail;
    QTest::newRow("domain starts with dot") << u"alice@.example.com"_s << ErrorCode::InvalidEmail;
    QTest::newRow("domain ends with dot") << u"alice@example."_s << ErrorCode::InvalidEmail;
    QTest::newRow("empty domain label") << u"alice@example..com"_s << ErrorCode::InvalidEmail;
    QTest::newRow("inner space") << u"ali ce@example.com"_s << ErrorCode::InvalidEmail;
    QTest::newRow("trailing space") << u"alice@example.com "_s << ErrorCode::InvalidEmail;
    QTest::newRow("tab") << u"alice@exa\tmple.com"_s << ErrorCode::InvalidEmail;
    QTest::newRow("newline") << u"alice@example.com\n"_s << ErrorCode::InvalidEmail;
}

void TestCredentialRules::email()
{
    QFETCH(QString, email);
    QFETCH(ErrorCode, expected);
    QCOMPARE(outcome(credentialrules::checkEmail(email)), expected);
}

void TestCredentialRules::profile_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("areaOfInterest");
    QTest::addColumn<ErrorCode>("expected");
    QTest::newRow("both empty") << QString() << QString() << kAccepted;
    QTest::newRow("both at limit") << QString(200, u'n') << QString(200, u'a') << kAccepted;
    QTest::newRow("name too long") << QString(201, u'n') << QString() << ErrorCode::BadRequest;
    QTest::newRow("area too long") << u"Ana"_s << QString(201, u'a') << ErrorCode::BadRequest;
}

void TestCredentialRules::profile()
{
    QFETCH(QString, name);
    QFETCH(QString, areaOfInterest);
    QFETCH(ErrorCode, expected);
    QCOMPARE(outcome(credentialrules::checkProfile(name, areaOfInterest)), expected);
}

void TestCredentialRules::registration_reportsFirstBrokenRuleInOrder()
{
    Registration r {u"ab"_s, u"short"_s, QString(300, u'n'), u"bad"_s, QString()};
    QCOMPARE(outcome(credentialrules::checkRegistration(r)), ErrorCode::InvalidUsername);
    r.username = u"alice"_s;
    QCOMPARE(outcome(credentialrules::checkRegistration(r)), ErrorCode::WeakPassword);
    r.password = u"long enough"_s;
    QCOMPARE(outcome(credentialrules::checkRegistration(r)), ErrorCode::InvalidEmail);
    r.email = u"alice@example.com"_s;
    QCOMPARE(outcome(credentialrules::checkRegistration(r)), ErrorCode::BadRequest);
    r.name = u"Alice"_s;
    QCOMPARE(outcome(credentialrules::checkRegistration(r)), kAccepted);
}

void TestCredentialRules::keys_foldCaseForUniqueness()
{
    QCOMPARE(credentialrules::usernameKey(u"AliCE_.-9"_s), u"alice_.-9"_s);
    QCOMPARE(
        credentialrules::emailKey(u"Alice@Example.COM"_s), credentialrules::emailKey(u"aLICE@example.com"_s));
    QCOMPARE(
        credentialrules::emailKey(u"ÄNNE@example.com"_s), credentialrules::emailKey(u"änne@EXAMPLE.com"_s));
}

QTEST_GUILESS_MAIN(TestCredentialRules)
#include "tst_credentialrules.moc"
