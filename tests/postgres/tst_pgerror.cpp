// PostgreSQL's SQLSTATEs → Javumbo's error codes (postgres/pgerror.h): the
// causes an admin or a client must tell apart never come back as internal.

#include "postgres/pgerror.h"

#include <QSqlError>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace javumbo;

class TestPgError : public QObject
{
    Q_OBJECT

private slots:
    void sqlStates_data()
    {
        QTest::addColumn<QString>("state");
        QTest::addColumn<QSqlError::ErrorType>("type");
        QTest::addColumn<ErrorCode>("expected");
        QTest::addColumn<bool>("lost");
        const auto statement = QSqlError::StatementError;
        QTest::newRow("disk full") << u"53100"_s << statement << ErrorCode::StorageUnavailable << false;
        QTest::newRow("too many connections")
            << u"53300"_s << statement << ErrorCode::StorageUnavailable << false;
        QTest::newRow("read-only transaction (a standby)")
            << u"25006"_s << statement << ErrorCode::StorageUnavailable << false;
        QTest::newRow("lock_timeout") << u"55P03"_s << statement << ErrorCode::UserBusy << false;
        QTest::newRow("admin shutdown") << u"57P01"_s << statement << ErrorCode::StorageUnavailable << true;
        QTest::newRow("connection failure")
            << u"08006"_s << statement << ErrorCode::StorageUnavailable << true;
        QTest::newRow("data corrupted") << u"XX001"_s << statement << ErrorCode::StorageCorrupt << false;
        QTest::newRow("syntax error is ours") << u"42601"_s << statement << ErrorCode::Internal << false;
        QTest::newRow("no SQLSTATE, link gone")
            << QString() << QSqlError::ConnectionError << ErrorCode::StorageUnavailable << true;
    }

    void sqlStates()
    {
        QFETCH(QString, state);
        QFETCH(QSqlError::ErrorType, type);
        QFETCH(ErrorCode, expected);
        QFETCH(bool, lost);
        const QSqlError error(u"driver"_s, u"server says"_s, type, state);
        QCOMPARE(postgres::sqlState(error), state);
        const Error mapped = postgres::pgError(error, u"adding a card"_s);
        QCOMPARE(mapped.code, expected);
        QVERIFY2(mapped.message.contains(u"adding a card"_s), qPrintable(mapped.message));
        QCOMPARE(postgres::isConnectionLoss(error), lost);
    }
};

QTEST_GUILESS_MAIN(TestPgError)
#include "tst_pgerror.moc"
