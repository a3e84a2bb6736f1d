// ARCHITECTURE.md §1: app -> gui/server -> core, never the other way. The build
// already refuses most violations (core does not link Widgets or HttpServer);
// this test also catches includes that would only fail on a machine where the
// headers happen to be on the include path.
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;

class TestDependencyRule : public QObject
{
    Q_OBJECT
private:
    // Every #include in the C++ sources under `folder` that matches `forbidden`.
    static QStringList offendingIncludes(const QString &folder, const QRegularExpression &forbidden)
    {
        QStringList offences;
        const QString root = QStringLiteral(JAVUMBO_SOURCE_DIR) % u'/' % folder;
        QDirIterator it(root, {u"*.h"_s, u"*.cpp"_s}, QDir::Files, QDirIterator::Subdirectories);
        static const QRegularExpression include(
            u"^\\s*#\\s*include\\s*[<\"]([^>\"]+)[>\"]"_s, QRegularExpression::MultilineOption);
        int files = 0;
        while (it.hasNext()) {
            const QString path = it.next();
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly))
                return {u"cannot read "_s % path};
            ++files;
            const QString text = QString::fromUtf8(file.readAll());
            auto matches = include.globalMatch(text);
            while (matches.hasNext()) {
                const QString header = matches.next().captured(1);
                if (forbidden.match(header).hasMatch())
                    offences.append(path.mid(root.size() + 1) % u": "_s % header);
            }
        }
        if (files == 0)
            offences.append(u"no sources found under "_s % root);
        return offences;
    }

private slots:
    void core_includesNoWidgetsHttpServerGuiOrServer()
    {
        const QRegularExpression forbidden(
            u"^(QtWidgets|QtGui|QtHttpServer|QtCharts|QtConcurrent)/|^Q(Widget|MainWindow|Dialog|Application|"
            "HttpServer\\w*|AbstractHttpServer|Chart\\w*|Painter|PushButton|Label)$|^(gui|server)/|"
            "^(mainwindow|apiserver)\\.h$"_s);
        const QStringList offences = offendingIncludes(u"core"_s, forbidden);
        QVERIFY2(offences.isEmpty(), qPrintable(offences.join(u'\n')));
    }

    void server_includesNoWidgetsOrGui()
    {
        const QRegularExpression forbidden(
            u"^(QtWidgets|QtCharts)/|^Q(Widget|MainWindow|Dialog|Application|Chart\\w*)$|^gui/"_s);
        const QStringList offences = offendingIncludes(u"server"_s, forbidden);
        QVERIFY2(offences.isEmpty(), qPrintable(offences.join(u'\n')));
    }

    void gui_includesNoHttpServer()
    {
        const QRegularExpression forbidden(
            u"^QtHttpServer/|^Q(HttpServer\\w*|AbstractHttpServer)$|^server/"_s);
        const QStringList offences = offendingIncludes(u"gui"_s, forbidden);
        QVERIFY2(offences.isEmpty(), qPrintable(offences.join(u'\n')));
    }

    void storage_includesNoCollection()
    {
        // core/storage is SQLite plumbing; the collection domain sits on it, never the other way round.
        const QStringList offences
            = offendingIncludes(u"core/storage"_s, QRegularExpression(u"^collection/"_s));
        QVERIFY2(offences.isEmpty(), qPrintable(offences.join(u'\n')));
    }

    void theCheckItselfCatchesAViolation()
    {
        // Guards against a scanner that silently finds nothing.
        const QStringList offences = offendingIncludes(u"gui"_s, QRegularExpression(u"^QMainWindow$"_s));
        QVERIFY(!offences.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDependencyRule)
#include "tst_dependencyrule.moc"
