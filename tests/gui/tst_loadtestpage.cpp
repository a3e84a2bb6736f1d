// The load-test dashboard with the product's own scratch servers: a tiny run
// reaches PASS with its checks green; the same run with a planted fault
// reaches FAIL with its violations listed; a target that is not http:// is refused.
#include "loadtest/loadtestform.h"
#include "loadtest/loadtestpage.h"
#include "scratchservers.h"
#include "testsupport.h"

#include <QComboBox>
#include <QFile>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace javumbo;
using namespace javumbo::gui;

class TestLoadTestPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void tinyRun_showsPassAndGreenChecks();
    void plantedFault_showsFailAndItsViolations();
    void nonHttpTarget_isRefusedBeforeRunning();

private:
    static loadtest::LoadProfile tinyProfile();
    // The outcome of a run started with Ctrl+R; nothing when it did not finish in time.
    static std::optional<LoadTestOutcome> runAndWait(LoadTestPage &page);
};

void TestLoadTestPage::initTestCase()
{
    testsupport::enterTestMode();
}

loadtest::LoadProfile TestLoadTestPage::tinyProfile()
{
    loadtest::LoadProfile profile = loadtest::LoadProfile::quick();
    profile.seed = 21;
    return profile;
}

std::optional<LoadTestOutcome> TestLoadTestPage::runAndWait(LoadTestPage &page)
{
    QSignalSpy finished(&page, &LoadTestPage::runFinished);
    // Ctrl+R, as a tester starts it from the keyboard (the page's own shortcut).
    page.activateWindow();
    if (!QTest::qWaitForWindowActive(&page))
        return std::nullopt;
    page.findChild<QPushButton *>(u"runLoadTest"_s)->setFocus();
    QTest::keyClick(&page, Qt::Key_R, Qt::ControlModifier);
    if (!finished.wait(120000) && finished.isEmpty())
        return std::nullopt;
    return finished.value(0).value(0).value<LoadTestOutcome>();
}

void TestLoadTestPage::tinyRun_showsPassAndGreenChecks()
{
    LoadTestPage page;
    page.setScratchServerFactory(hosting::scratchServerFactory());
    page.form()->setProfile(tinyProfile());
    page.form()->setFault(Fault::None);
    page.show();
    const std::optional<LoadTestOutcome> outcome = runAndWait(page);
    QVERIFY2(outcome, "the run did not start or finish");
    QCOMPARE(outcome->verdict.value_or(integrity::Verdict::Unknown), integrity::Verdict::Pass);
    QCOMPARE(page.verdictText(), u"PASS"_s);
    QCOMPARE(page.checkStatus(u"lost"_s), u"pass"_s);
    QCOMPARE(page.checkStatus(u"misplaced"_s), u"pass"_s);
    QCOMPARE(page.violationRows(), 0);
    QVERIFY(QFile::exists(page.reportPath()));
}

void TestLoadTestPage::plantedFault_showsFailAndItsViolations()
{
    LoadTestPage page;
    page.setScratchServerFactory(hosting::scratchServerFactory());
    page.form()->setProfile(tinyProfile());
    page.form()->setFault(Fault::NoIdempotency);
    page.show();
    const std::optional<LoadTestOutcome> outcome = runAndWait(page);
    QVERIFY2(outcome, "the run did not start or finish");
    QCOMPARE(outcome->verdict.value_or(integrity::Verdict::Unknown), integrity::Verdict::Fail);
    QCOMPARE(outcome->exit, loadtest::RunExit::IntegrityViolation);
    QCOMPARE(page.verdictText(), u"FAIL"_s);
    QCOMPARE(page.checkStatus(u"duplicated"_s), u"fail"_s);
    QVERIFY(page.violationRows() > 0);
}

void TestLoadTestPage::nonHttpTarget_isRefusedBeforeRunning()
{
    LoadTestPage page;
    page.setScratchServerFactory(hosting::scratchServerFactory());
    page.form()->setTargetUrl(u"ftp://example.org"_s); // not an http URL
    const auto request = page.form()->request();
    QVERIFY(!request.ok());
    QVERIFY(request.error().message.contains(u"http://"_s));
}

QTEST_MAIN(TestLoadTestPage)
#include "tst_loadtestpage.moc"
