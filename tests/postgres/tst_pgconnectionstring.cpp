#include "postgres/pgconnectionstring.h"

#include <QTest>

using namespace Qt::StringLiterals;
using javumbo::ErrorCode;
using javumbo::postgres::PgConnectionString;

class TestPgConnectionString : public QObject
{
    Q_OBJECT

private slots:
    void keywordFormAndUrlDescribeTheSameServer_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("keywords") << u"host=db.example port=5433 dbname=javumbo user=jv sslmode=require"_s;
        QTest::newRow("url") << u"postgresql://jv@db.example:5433/javumbo?sslmode=require"_s;
        QTest::newRow("short scheme") << u"postgres://jv@db.example:5433/javumbo?sslmode=require"_s;
    }
    void keywordFormAndUrlDescribeTheSameServer()
    {
        QFETCH(QString, text);
        auto parsed = PgConnectionString::parse(text);
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
        QCOMPARE(parsed->describe(), u"jv@db.example:5433/javumbo"_s);
        QCOMPARE(parsed->value(u"sslmode"_s), u"require"_s);
    }

    void aPasswordIsRefused_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("keyword") << u"host=db dbname=javumbo user=jv password=secret"_s;
        QTest::newRow("url") << u"postgresql://jv:secret@db/javumbo"_s;
        QTest::newRow("url parameter") << u"postgresql://jv@db/javumbo?password=secret"_s;
    }
    void aPasswordIsRefused()
    {
        QFETCH(QString, text);
        auto parsed = PgConnectionString::parse(text);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.code(), ErrorCode::BadRequest);
        QVERIFY2(parsed.error().message.contains(u"passfile"_s), qPrintable(parsed.error().message));
        QVERIFY(!parsed.error().message.contains(u"secret"_s)); // the message does not repeat it
    }

    void aPasswordFileIsPassedOn()
    {
        auto parsed = PgConnectionString::parse(u"host=db dbname=j passfile=/etc/javumbo/pgpass"_s);
        QVERIFY(parsed.ok());
        QVERIFY(parsed->connectOptions().contains(u"passfile='/etc/javumbo/pgpass'"_s));
    }

    void libpqRefusesWhatItDoesNotKnow_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("mentioned");
        QTest::newRow("unknown keyword") << u"host=db dbnmae=javumbo"_s << u"dbnmae"_s;
        QTest::newRow("unterminated quote") << u"host='db"_s << u"quote"_s;
        QTest::newRow("empty") << u"  "_s << u"empty"_s;
        QTest::newRow("semicolon") << u"host=db application_name='a;b'"_s << u"application_name"_s;
    }
    void libpqRefusesWhatItDoesNotKnow()
    {
        QFETCH(QString, text);
        QFETCH(QString, mentioned);
        auto parsed = PgConnectionString::parse(text);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.code(), ErrorCode::BadRequest);
        QVERIFY2(parsed.error().message.contains(mentioned), qPrintable(parsed.error().message));
    }

    // Javumbo's defaults fill in only what the admin left out.
    void defaultsDoNotOverrideTheAdmin()
    {
        auto silent = PgConnectionString::parse(u"host=db"_s);
        QVERIFY(silent.ok());
        QVERIFY(silent->connectOptions().contains(u"connect_timeout='5'"_s));
        QVERIFY(silent->connectOptions().contains(u"keepalives='1'"_s));

        auto explicitTimeout = PgConnectionString::parse(u"host=db connect_timeout=2 keepalives=0"_s);
        QVERIFY(explicitTimeout.ok());
        const QString options = explicitTimeout->connectOptions();
        QVERIFY(options.contains(u"connect_timeout='2'"_s));
        QVERIFY(!options.contains(u"connect_timeout='5'"_s));
        QVERIFY(!options.contains(u"keepalives='1'"_s));
    }

    // What is handed to the driver parses back to the same values, quotes and backslashes included.
    void connectOptionsRoundTrip()
    {
        const QString awkward = uR"(it's a \path with spaces)"_s;
        auto parsed
            = PgConnectionString::parse(u"host=db application_name='it\\'s a \\\\path with spaces'"_s);
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
        QCOMPARE(parsed->value(u"application_name"_s), awkward);
        auto again = PgConnectionString::parse(parsed->connectOptions());
        QVERIFY2(again.ok(), qPrintable(parsed->connectOptions()));
        QCOMPARE(again->value(u"application_name"_s), awkward);
        QCOMPARE(again->value(u"host"_s), u"db"_s);
    }
};

QTEST_GUILESS_MAIN(TestPgConnectionString)
#include "tst_pgconnectionstring.moc"
