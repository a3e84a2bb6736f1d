#include "embeddedserverhost.h"
#include "guifixture.h"
#include "hosting/addstudentsdialog.h"
#include "hosting/classaccountsview.h"
#include "hosting/issuedpasswordsdialog.h"
#include "hosting/serverpanel.h"
#include "net/httpclient.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace javumbo;
using namespace javumbo::gui;

// The Server panel's class accounts (issue 16), against the real embedded server: what the
// teacher is shown is what the students can sign in with.
class TestClassAccounts : public QObject
{
    Q_OBJECT

    // POST /api/v1/login (docs/api.md §2): the status, and the token when it worked.
    std::pair<int, QString> login(const QString &username, const QString &password)
    {
        net::HttpClient client(u"127.0.0.1"_s, quint16(m_panel->url().port()));
        net::HttpCall call;
        call.method = "POST";
        call.path = u"/api/v1/login"_s;
        call.body = QJsonDocument(QJsonObject {{u"username"_s, username}, {u"password"_s, password}})
                        .toJson(QJsonDocument::Compact);
        auto result = client.send(call);
        if (!result)
            return {0, {}};
        return {result->status, result->json().toObject().value(u"token"_s).toString()};
    }

    int me(const QString &token)
    {
        net::HttpClient client(u"127.0.0.1"_s, quint16(m_panel->url().port()));
        net::HttpCall call;
        call.path = u"/api/v1/me"_s;
        call.bearerToken = token;
        auto result = client.send(call);
        return result ? result->status : 0;
    }

    // Waits for the view's operations to finish (each re-reads the accounts).
    bool settled()
    {
        return QTest::qWaitFor([this] { return !m_panel->classAccounts()->isBusy(); });
    }

    std::unique_ptr<testsupport::GuiFixture> m_fixture;
    std::unique_ptr<hosting::EmbeddedServerHost> m_host;
    std::unique_ptr<ServerPanel> m_panel;

private slots:
    void init()
    {
        m_fixture = std::make_unique<testsupport::GuiFixture>();
        m_host = std::make_unique<hosting::EmbeddedServerHost>(m_fixture->backend());
        m_panel = std::make_unique<ServerPanel>(m_host.get());
        m_panel->findChild<QSpinBox *>(u"port"_s)->setValue(0);
        m_panel->show();
        m_panel->start();
        QVERIFY(m_host->isRunning());
        m_panel->showClassAccounts();
        QVERIFY(settled());
    }

    void cleanup()
    {
        m_panel.reset();
        m_host.reset();
        m_fixture.reset();
    }

    void aClassListFromCsv_addsTheGoodLines_reportsTheBadOne_andTheShownPasswordsSignIn()
    {
        ClassAccountsView *view = m_panel->classAccounts();
        view->addStudents(u"username,name,email\n"
                          "ana.lopez,Ana López,ana@school.example\n"
                          "no spaces allowed,Bad Name,bad@school.example\n"
                          "ben.k,\"Kim, Ben\",ben@school.example\n"_s);
        QVERIFY(settled());
        IssuedPasswordsDialog *issued = view->issuedDialog();
        QVERIFY(issued);
        QVERIFY(issued->isVisible());
        QCOMPARE(issued->enrolment().added.size(), 2);
        const QString problems = issued->findChild<QPlainTextEdit *>(u"rosterProblems"_s)->toPlainText();
        QVERIFY2(problems.startsWith(u"line 3: no spaces allowed"_s), qPrintable(problems));
        QVERIFY2(problems.contains(u"username may only contain"_s), qPrintable(problems));
        QCOMPARE(problems.count(u'\n'), 0); // that line only

        // In admin.db, with their names, and nothing of the bad line.
        auto ana = m_fixture->backend().accounts().findByUsername(u"ana.lopez"_s);
        auto ben = m_fixture->backend().accounts().findByUsername(u"ben.k"_s);
        QVERIFY(ana && ben);
        QCOMPARE(ana->name, u"Ana López"_s);
        QCOMPARE(ben->name, u"Kim, Ben"_s);
        QCOMPARE(m_fixture->backend().accounts().count().value(), 2);
        QCOMPARE(view->accounts().size(), 2);

        const QString anaPassword = issued->shownPassword(u"ana.lopez"_s);
        const QString benPassword = issued->shownPassword(u"ben.k"_s);
        QVERIFY(anaPassword.size() >= 12 && anaPassword != benPassword);
        QCOMPARE(login(u"ana.lopez"_s, anaPassword).first, 200);
        QCOMPARE(login(u"ben.k"_s, benPassword).first, 200);

        // Saved as CSV: exactly the passwords shown, readable by the teacher only.
        QTemporaryDir dir;
        const QString path = dir.filePath(u"class.csv"_s);
        QVERIFY(issued->saveCsv(path));
        QFile csv(path);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(csv.readAll()),
            u"username,name,email,password\r\n"
            "ana.lopez,Ana López,ana@school.example,%1\r\n"
            "ben.k,\"Kim, Ben\",ben@school.example,%2\r\n"_s.arg(anaPassword, benPassword));
        QCOMPARE(csv.permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
            QFileDevice::Permissions());

        // Adding the same list again adds nobody and says why, line by line.
        view->addStudents(u"ana.lopez,Ana López,ana@school.example\nben.k,Ben,other@school.example\n"_s);
        QVERIFY(settled());
        QTRY_VERIFY(view->issuedDialog() && view->issuedDialog() != issued);
        QCOMPARE(view->issuedDialog()->enrolment().added.size(), 0);
        QCOMPARE(view->issuedDialog()->enrolment().problems.size(), 2);
        QCOMPARE(m_fixture->backend().accounts().count().value(), 2);
    }

    // A spreadsheet's export: a byte order mark, semicolons, Windows line ends.
    void aCsvFileChosenInTheDialog_addsItsStudents()
    {
        QTemporaryDir dir;
        QFile csv(dir.filePath(u"7b.csv"_s));
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write("\xEF\xBB\xBFusername;name;email\r\ndana.r;Dana Ruiz;dana@school.example\r\n"
                  "eli;Eli;eli@school\r\n");
        csv.close();
        AddStudentsDialog dialog;
        QVERIFY(dialog.loadFile(csv.fileName()));
        QVERIFY(!dialog.loadFile(dir.filePath(u"missing.csv"_s)));
        const QString before = dialog.text();
        QFile huge(dir.filePath(u"video.csv"_s));
        QVERIFY(huge.open(QIODevice::WriteOnly));
        QVERIFY(huge.resize(AddStudentsDialog::kMaxClassListBytes + 1));
        huge.close();
        const auto refused = dialog.loadFile(huge.fileName());
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(u"at most 1 MiB"_s), qPrintable(refused.error().message));
        QCOMPARE(dialog.text(), before); // the list already loaded stays
        m_panel->classAccounts()->addStudents(dialog.text());
        QVERIFY(settled());
        IssuedPasswordsDialog *issued = m_panel->classAccounts()->issuedDialog();
        QVERIFY(issued);
        QCOMPARE(issued->enrolment().added.size(), 1);
        QCOMPARE(issued->enrolment().problems.size(), 1);
        QCOMPARE(issued->enrolment().problems.first().line, 3);
        QCOMPARE(login(u"dana.r"_s, issued->shownPassword(u"dana.r"_s)).first, 200);
    }

    void disableEnableAndReset_takeEffectOnTheServerAtOnce()
    {
        ClassAccountsView *view = m_panel->classAccounts();
        view->addStudents(u"cleo.m, Cleo M, cleo@school.example"_s);
        QVERIFY(settled());
        const QString first = view->issuedDialog()->shownPassword(u"cleo.m"_s);
        const auto [status, token] = login(u"cleo.m"_s, first);
        QCOMPARE(status, 200);
        QCOMPARE(me(token), 200);

        view->setDisabled(u"cleo.m"_s, true);
        QVERIFY(settled());
        QVERIFY(view->lastError().isEmpty());
        QVERIFY(view->accounts().constFirst().disabled);
        QCOMPARE(login(u"cleo.m"_s, first).first, 401);
        QCOMPARE(me(token), 401); // the session she had ended with it

        view->setDisabled(u"cleo.m"_s, false);
        QVERIFY(settled());
        QVERIFY(!view->accounts().constFirst().disabled);
        QCOMPARE(login(u"cleo.m"_s, first).first, 200);

        IssuedPasswordsDialog *before = view->issuedDialog();
        view->resetPassword(u"cleo.m"_s);
        QVERIFY(settled());
        QTRY_VERIFY(view->issuedDialog() && view->issuedDialog() != before);
        const QString second = view->issuedDialog()->shownPassword(u"cleo.m"_s);
        QVERIFY(!second.isEmpty() && second != first);
        QCOMPARE(login(u"cleo.m"_s, first).first, 401);
        QCOMPARE(login(u"cleo.m"_s, second).first, 200);

        view->setDisabled(u"nobody"_s, true); // an account that is not there: said, not hidden
        QVERIFY(settled());
        QVERIFY2(!view->lastError().isEmpty(), "no error for an unknown account");
    }
};

QTEST_MAIN(TestClassAccounts)
#include "tst_classaccounts.moc"
