// File > Import… and Export… in the desktop app: the work runs on the
// client's worker thread behind a progress dialog, the import log shows the
// counts, a .colpkg asks first and backs up the old collection.
#include "dialogs/importlogdialog.h"
#include "dialogs/interopoptionsdialog.h"
#include "guifixture.h"
#include "interopactions.h"
#include "packagefixture.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace javumbo;
using namespace javumbo::gui;
namespace fixture = javumbo::testsupport::packagefixture;

namespace {

// Answers every modal dialog the flow opens: options accepted, questions answered Yes, notices closed.
class ModalAnswerer
{
public:
    ModalAnswerer()
    {
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            QWidget *modal = QApplication::activeModalWidget();
            if (auto *options = qobject_cast<InteropOptionsDialog *>(modal)) {
                ++optionsSeen;
                options->accept();
            } else if (auto *box = qobject_cast<QMessageBox *>(modal)) {
                messages.append(box->text());
                if (QAbstractButton *yes = box->button(QMessageBox::Yes))
                    yes->click();
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
        QCOMPARE(QDir(QDir(target.backend().context().dataDir).filePath(u"backups"_s))
                     .entryList(QDir::Files)
                     .size(),
            1);
    }
};

QTEST_MAIN(TestInteropActions)
#include "tst_interopactions.moc"
