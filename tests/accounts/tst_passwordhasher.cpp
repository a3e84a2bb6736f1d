#include "accountfixture.h"
#include "accounts/passwordhasher.h"
#include "testsupport.h"

#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace javumbo;

namespace {

struct HashParts
{
    QString scheme;
    int iterations = 0;
    QByteArray salt;
    QByteArray key;
};

HashParts split(const QString &stored)
{
    const QStringList parts = stored.split(u'$');
    if (parts.size() != 4)
        return {};
    return HashParts {parts[0], parts[1].toInt(), QByteArray::fromBase64(parts[2].toLatin1()),
        QByteArray::fromBase64(parts[3].toLatin1())};
}

QString join(const HashParts &parts)
{
    return parts.scheme % u'$' % QString::number(parts.iterations) % u'$'
        % QString::fromLatin1(parts.salt.toBase64()) % u'$' % QString::fromLatin1(parts.key.toBase64());
}

} // namespace

class TestPasswordHasher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { testsupport::enterTestMode(); }

    void hash_isSelfDescribingPbkdf2Sha256();
    void verify_acceptsOnlyTheRightPassword();
    void hash_saltsDifferForEqualPasswords();
    void verify_readsIterationCountFromStoredHash();
    void verify_rejectsHashDifferingInAnyByte_data();
    void verify_rejectsHashDifferingInAnyByte();
    void verify_rejectsMalformedHashes_data();
    void verify_rejectsMalformedHashes();
    void verify_treatsComposedAndDecomposedAlike();
    void constantTimeEquals_data();
    void constantTimeEquals();
    void dummyVerify_neverAcceptsAnything();
    void constructor_raisesIterationsBelowFloorWithoutTestFlag();
    void constructor_allowsWeakIterationsOnlyWithTestFlag();
    void production_usesAtLeastFloorAndRoundTrips();
};

void TestPasswordHasher::hash_isSelfDescribingPbkdf2Sha256()
{
    const PasswordHasher hasher = testsupport::fastHasher();
    const QString stored = hasher.hash(u"correct horse"_s);
    const HashParts parts = split(stored);
    QCOMPARE(parts.scheme, u"pbkdf2-sha256"_s);
    QCOMPARE(parts.iterations, testsupport::kTestIterations);
    QVERIFY(parts.salt.size() >= 16);
    QCOMPARE(parts.key.size(), 32);
    QVERIFY(!stored.contains(u"correct horse"_s));
}

void TestPasswordHasher::verify_acceptsOnlyTheRightPassword()
{
    const PasswordHasher hasher = testsupport::fastHasher();
    const QString stored = hasher.hash(u"correct horse"_s);
    QVERIFY(hasher.verify(u"correct horse"_s, stored));
    QVERIFY(!hasher.verify(u"correct horsE"_s, stored));
    QVERIFY(!hasher.verify(u"correct horse "_s, stored));
    QVERIFY(!hasher.verify(u"correct hors"_s, stored));
    QVERIFY(!hasher.verify(QString(), stored));
}

void TestPasswordHasher::hash_saltsDifferForEqualPasswords()
{
    const PasswordHasher hasher = testsupport::fastHasher();
    const QString first = hasher.hash(u"same password"_s);
    const QString second = hasher.hash(u"same password"_s);
    QVERIFY(first != second);
    QVERIFY(split(first).salt != split(second).salt);
    QVERIFY(split(first).key != split(second).key);
    QVERIFY(hasher.verify(u"same password"_s, first));
    QVERIFY(hasher.verify(u"same password"_s, second));
}

void TestPasswordHasher::verify_readsIterationCountFromStoredHash()
{
    const PasswordHasher older(PasswordHasher::Options {.iterations = 500, .allowWeakForTests = true});
    const PasswordHasher newer(PasswordHasher::Options {.iterations = 1500, .allowWeakForTests = true});
    const QString stored = older.hash(u"correct horse"_s);
    QVERIFY(newer.verify(u"correct horse"_s, stored));
    QVERIFY(!newer.verify(u"wrong horse"_s, stored));

    // The count is part of what is verified: the same salt and key under
    // another count must not pass.
    HashParts parts = split(stored);
    parts.iterations = 501;
    QVERIFY(!newer.verify(u"correct horse"_s, join(parts)));
}

void TestPasswordHasher::verify_rejectsHashDifferingInAnyByte_data()
{
    QTest::addColumn<int>("byteIndex");
    QTest::newRow("first key byte") << 0;
    QTest::newRow("middle key byte") << 16;
    QTest::newRow("last key byte") << 31;
}

void TestPasswordHasher::verify_rejectsHashDifferingInAnyByte()
{
    QFETCH(int, byteIndex);
    const PasswordHasher hasher = testsupport::fastHasher();
    HashParts parts = split(hasher.hash(u"correct horse"_s));
    parts.key[byteIndex] = char(parts.key[byteIndex] ^ 0x01);
    QVERIFY(!hasher.verify(u"correct horse"_s, join(parts)));
}

void TestPasswordHasher::verify_rejectsMalformedHashes_data()
{
    const PasswordHasher hasher = testsupport::fastHasher();
    const QString good = hasher.hash(u"correct horse"_s);
    const HashParts parts = split(good);
    auto variant = [&](auto change) {
        HashParts changed = parts;
        change(changed);
        return join(changed);
    };

    QTest::addColumn<QString>("stored");
    QTest::newRow("empty") << QString();
    QTest::newRow("plain text password") << u"correct horse"_s;
    QTest::newRow("other scheme") << QString(good).replace(u"pbkdf2-sha256"_s, u"pbkdf2-sha1"_s);
    QTest::newRow("missing field") << good.section(u'$', 0, 2);
    QTest::newRow("extra field") << QString(good + u"$x"_s);
    QTest::newRow("zero iterations") << variant([](HashParts &p) { p.iterations = 0; });
    QTest::newRow("absurd iterations") << variant([](HashParts &p) { p.iterations = 2'000'000'000; });
    QTest::newRow("non-numeric iterations") << QString(good).replace(u"$1000$"_s, u"$1e3$"_s);
    QTest::newRow("short salt") << variant([](HashParts &p) { p.salt.truncate(8); });
    QTest::newRow("short key") << variant([](HashParts &p) { p.key.chop(1); });
    QTest::newRow("salt not base64") << QString(
        good.section(u'$', 0, 1) + u"$!!!!$"_s + good.section(u'$', 3));
}

void TestPasswordHasher::verify_rejectsMalformedHashes()
{
    QFETCH(QString, stored);
    QVERIFY(!testsupport::fastHasher().verify(u"correct horse"_s, stored));
}

void TestPasswordHasher::verify_treatsComposedAndDecomposedAlike()
{
    const PasswordHasher hasher = testsupport::fastHasher();
    const QString composed = u"caf\u00e9 au lait"_s;
    const QString decomposed = u"cafe\u0301 au lait"_s;
    QVERIFY(composed != decomposed);
    QVERIFY(hasher.verify(decomposed, hasher.hash(composed)));
}

void TestPasswordHasher::constantTimeEquals_data()
{
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<QByteArray>("b");
    QTest::addColumn<bool>("equal");
    const QByteArray key(32, 'k');
    QByteArray firstDiffers = key;
    firstDiffers[0] = 'x';
    QByteArray lastDiffers = key;
    lastDiffers[31] = 'x';
    QTest::newRow("equal") << key << QByteArray(key) << true;
    QTest::newRow("both empty") << QByteArray() << QByteArray() << true;
    QTest::newRow("first byte differs") << key << firstDiffers << false;
    QTest::newRow("last byte differs") << key << lastDiffers << false;
    QTest::newRow("prefix") << key << key.left(31) << false;
    QTest::newRow("one empty") << key << QByteArray() << false;
}

void TestPasswordHasher::constantTimeEquals()
{
    QFETCH(QByteArray, a);
    QFETCH(QByteArray, b);
    QFETCH(bool, equal);
    QCOMPARE(PasswordHasher::constantTimeEquals(a, b), equal);
    QCOMPARE(PasswordHasher::constantTimeEquals(b, a), equal);
}

void TestPasswordHasher::dummyVerify_neverAcceptsAnything()
{
    // Nothing to observe but that it runs for any input without side effects;
    // its cost equals verify() by construction (same code path and count).
    const PasswordHasher hasher = testsupport::fastHasher();
    hasher.dummyVerify(QString());
    hasher.dummyVerify(u"correct horse"_s);
    QVERIFY(!hasher.verify(QString(), hasher.hash(u"correct horse"_s)));
}

void TestPasswordHasher::constructor_raisesIterationsBelowFloorWithoutTestFlag()
{
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"iteration count 1000 raised"_s));
    const PasswordHasher hasher(PasswordHasher::Options {.iterations = 1000, .allowWeakForTests = false});
    QCOMPARE(hasher.iterations(), PasswordHasher::kMinimumIterations);
    QCOMPARE(split(hasher.hash(u"correct horse"_s)).iterations, PasswordHasher::kMinimumIterations);
}

void TestPasswordHasher::constructor_allowsWeakIterationsOnlyWithTestFlag()
{
    QCOMPARE(testsupport::fastHasher().iterations(), testsupport::kTestIterations);
    QCOMPARE(PasswordHasher(PasswordHasher::Options {.iterations = 150000}).iterations(), 150000);
}

void TestPasswordHasher::production_usesAtLeastFloorAndRoundTrips()
{
    const PasswordHasher hasher;
    QVERIFY(PasswordHasher::kMinimumIterations >= 100000);
    QCOMPARE(hasher.iterations(), PasswordHasher::kProductionIterations);
    QVERIFY(hasher.iterations() >= 100000);
    const QString stored = hasher.hash(u"correct horse battery"_s);
    QCOMPARE(split(stored).iterations, PasswordHasher::kProductionIterations);
    QVERIFY(hasher.verify(u"correct horse battery"_s, stored));
    QVERIFY(!hasher.verify(u"correct horse batterY"_s, stored));
}

QTEST_GUILESS_MAIN(TestPasswordHasher)
#include "tst_passwordhasher.moc"
