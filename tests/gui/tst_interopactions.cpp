// File > Import… and Export… in the desktop app: the work runs on the
// client's worker thread behind a progress dialog, the import log shows the
// counts, a .colpkg asks first and backs up the old collection.
#include "dialogs/importlogdialog.h"
#include "dialogs/interopoptionsdialog.h"
#include "dialogs/interopprogressdialog.h"
#include "guifixture.h"
#include "interopactions.h"
#include "packagefixture.h"
#include "services/profilebackups.h"
#include "testsupport.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <thread>

using namespace Qt::StringLiterals;
using namespace javumbo;
using namespace javumbo::gui;
namespace fixture = javumbo::testsupport::packagefixture;

namespace {

// Answers every modal dialog the flow opens: options accepted, questions answered (Yes unless told
// otherwise), notices closed.
class ModalAnswerer
{
public:
    explicit ModalAnswerer(QMessageBox::StandardButton answer = QMessageBox::Yes)
    {
        QObject::connect(&m_timer, &QTimer::timeout, [this, answer] {
            QWidget *modal = QApplication::activeModalWidget();
            if (auto *options = qobject_cast<InteropOptionsDialog *>(modal)) {
                ++optionsSeen;
                options->accept();
            } else if (auto *box = qobject_cast<QMessageBox *>(modal)) {
                messages.append(box->text());
                if (QAbstractButton *chosen = box->button(answer))
                    chosen->click();
                else
                    box->accept();
            }
        });
        m_timer.start(20);
    }
    int optionsSeen = 0;
    QStringList messages;

private:
    QTimer m_timer;
};

ImportLogDialog *importLog(QWidget *window)
{
    return window->findChild<ImportLogDialog *>();
}

int shown(ImportLogDialog *log, const QString &label)
{
    auto *value = log->findChild<QLabel *>(label);
    return value ? value->text().toInt() : -1;
}

} // namespace

class TestInteropActions : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private slots:
    void importApkg_showsTheLog_thenExportWritesAFile()
    {
        testsupport::GuiFixture gui;
        const qint64 user = gui.openNewProfile(u"erin"_s).userId;
        QWidget window;
        window.show();
        InteropActions actions(&gui.context(), &window);
        ModalAnswerer answerer;
        actions.importFile(fixture::legacyPackage(m_dir.path()));
        QTRY_VERIFY_WITH_TIMEOUT(importLog(&window), 20000);
        ImportLogDialog *log = importLog(&window);
        QCOMPARE(answerer.optionsSeen, 1);
        QCOMPARE(shown(log, u"Notes added"_s), 4);
        QCOMPARE(shown(log, u"Cards added"_s), 4);
        QCOMPARE(shown(log, u"Skipped"_s), 1);
        // Like Anki's import log: what was skipped and what was simplified, with the reasons.
        auto *details = log->findChild<QPlainTextEdit *>(u"importLog"_s);
        QVERIFY(details);
        const QStringList lines = details->toPlainText().split(u'\n');
        QCOMPARE(lines.filter(u"Simplified: "_s).size(), 1);
        QCOMPARE(lines.filter(u"Skipped: "_s).size(), 1);
        QVERIFY2(lines.filter(u"Skipped: "_s).first().contains(u"Basic (and reversed card)"_s),
            qPrintable(details->toPlainText()));
        QCOMPARE(gui.number(user, u"SELECT count(*) FROM notes"_s), 4);
        log->close();

        const QString out = QDir(m_dir.path()).filePath(u"erin.apkg"_s);
        actions.exportTo(out, u"apkg"_s, std::nullopt, true);
        QTRY_VERIFY_WITH_TIMEOUT(!answerer.messages.isEmpty(), 20000);
        QVERIFY2(answerer.messages.last().contains(u"4 notes, 4 cards, 2 reviews, 1 media files"_s),
            qPrintable(answerer.messages.last()));
        QVERIFY(QFile::exists(out));
    }

    void colpkg_asksFirst_andBacksUp()
    {
        testsupport::GuiFixture source;
        const qint64 from = source.openNewProfile(u"source"_s).userId;
        QWidget window;
        window.show();
        const QString colpkg = QDir(m_dir.path()).filePath(u"all.colpkg"_s);
        {
            InteropActions actions(&source.context(), &window);
            ModalAnswerer answerer;
            actions.importFile(fixture::legacyPackage(m_dir.path()));
            QTRY_VERIFY_WITH_TIMEOUT(importLog(&window), 20000);
            delete importLog(&window);
            actions.exportTo(colpkg, u"colpkg"_s, std::nullopt, true);
            QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(colpkg) && !answerer.messages.isEmpty(), 20000);
        }
        QCOMPARE(source.number(from, u"SELECT count(*) FROM notes"_s), 4);

        testsupport::GuiFixture target;
        const qint64 user = target.openNewProfile(u"target"_s).userId;
        QVERIFY(target.backend().cards().add(user, {u"mine"_s, u"old"_s, 1, {}, {}}).ok());
        InteropActions actions(&target.context(), &window);
        ModalAnswerer answerer;
        actions.importFile(colpkg);
        QTRY_VERIFY_WITH_TIMEOUT(importLog(&window), 20000);
        QVERIFY(answerer.messages.first().contains(u"replaces everything"_s));
        QCOMPARE(answerer.optionsSeen, 0);
        QCOMPARE(target.number(user, u"SELECT count(*) FROM notes"_s), 4);
        QCOMPARE(target.number(user, u"SELECT count(*) FROM notes WHERE flds LIKE 'mine%'"_s), 0);
        // Where the desktop's own backups go: Profile > Restore from backup offers it.
        const QList<ProfileBackups::Entry> backups = ProfileBackups(target.backend().context()).list(user);
        QCOMPARE(backups.size(), 1);
        QCOMPARE(testsupport::queryNumber(backups.first().path, u"SELECT count(*) FROM notes"_s), 1);
    }

    void colpkg_declined_changesNothing()
    {
        testsupport::GuiFixture source;
        source.openNewProfile(u"source"_s);
        QWidget window;
        window.show();
        const QString colpkg = QDir(m_dir.path()).filePath(u"declined.colpkg"_s);
        {
            InteropActions actions(&source.context(), &window);
            ModalAnswerer answerer;
            actions.exportTo(colpkg, u"colpkg"_s, std::nullopt, true);
            QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(colpkg) && !answerer.messages.isEmpty(), 20000);
        }

        testsupport::GuiFixture target;
        const qint64 user = target.openNewProfile(u"target"_s).userId;
        QVERIFY(target.backend().cards().add(user, {u"mine"_s, u"old"_s, 1, {}, {}}).ok());
        InteropActions actions(&target.context(), &window);
        ModalAnswerer answerer(QMessageBox::No);
        // The question is modal inside importFile(): once it returns, the answer has been acted on.
        actions.importFile(colpkg);
        QCOMPARE(answerer.messages.size(), 1);
        QVERIFY(answerer.messages.first().contains(u"replaces everything"_s));
        QVERIFY(!importLog(&window));
        QVERIFY(!window.findChild<InteropProgressDialog *>()
            || !window.findChild<InteropProgressDialog *>()->isVisible());
        QCOMPARE(target.number(user, u"SELECT count(*) FROM notes WHERE flds LIKE 'mine%'"_s), 1);
        QCOMPARE(target.number(user, u"SELECT count(*) FROM notes"_s), 1);
        QVERIFY(ProfileBackups(target.backend().context()).list(user).isEmpty());
    }

    void progress_barAndTimeLeft_perStage()
    {
        QWidget window;
        InteropProgressDialog progress(u"Importing big.apkg"_s, &window);
        auto *bar = progress.findChild<QProgressBar *>();
        auto *label = progress.findChild<QLabel *>();
        QVERIFY(bar && label);

        // Unknown total: a busy bar and the count so far.
        progress.showProgress({u"Reading notes"_s, 1200, 0}, 500);
        QCOMPARE(bar->maximum(), 0);
        QCOMPARE(label->text(), u"Reading notes: 1200"_s);

        // The stage starts at 2 s; no guess in its first second.
        progress.showProgress({u"Importing notes"_s, 0, 100000}, 2000);
        QCOMPARE(bar->maximum(), 1000);
        QCOMPARE(bar->value(), 0);
        progress.showProgress({u"Importing notes"_s, 10000, 100000}, 2800);
        QCOMPARE(bar->value(), 100);
        QCOMPARE(label->text(), u"Importing notes: 10000 of 100000"_s);
        // A quarter in 10 s of this stage: 30 s left.
        progress.showProgress({u"Importing notes"_s, 25000, 100000}, 12000);
        QCOMPARE(bar->value(), 250);
        QCOMPARE(label->text(), u"Importing notes: 25000 of 100000 (about 30 s left)"_s);
        // A tenth in 40 s: 6 minutes left.
        progress.showProgress({u"Writing media"_s, 0, 1000}, 20000);
        progress.showProgress({u"Writing media"_s, 100, 1000}, 60000);
        QCOMPARE(label->text(), u"Writing media: 100 of 1000 (about 6 min left)"_s);
        progress.showProgress({u"Writing media"_s, 1000, 1000}, 400000);
        QCOMPARE(bar->value(), 1000);
        QCOMPARE(label->text(), u"Writing media: 1000 of 1000"_s);

        // The sink is called on the worker thread; the bar moves on the UI thread.
        progress.showProgress({u"Reading notes"_s, 0, 0}, 0);
        const interop::ProgressSink sink = progress.sink();
        std::thread worker([&sink] { sink({u"Importing notes"_s, 500, 1000}); });
        worker.join();
        QTRY_COMPARE(bar->value(), 500);
        QVERIFY(label->text().startsWith(u"Importing notes: 500 of 1000"_s));
    }
};

QTEST_MAIN(TestInteropActions)
#include "tst_interopactions.moc"
