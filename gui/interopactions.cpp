#include "interopactions.h"

#include "client/clientcontext.h"
#include "client/errormessages.h"
#include "dialogs/importlogdialog.h"
#include "dialogs/interopoptionsdialog.h"
#include "dialogs/interopprogressdialog.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

InteropActions::InteropActions(ClientContext *context, QWidget *window)
    : QObject(window)
    , m_context(context)
    , m_window(window)
    , m_import(new QAction(u"&Import…"_s, this))
    , m_export(new QAction(u"&Export…"_s, this))
{
    m_import->setObjectName(u"importAction"_s);
    m_export->setObjectName(u"exportAction"_s);
    m_import->setShortcut(QKeySequence(u"Ctrl+Shift+I"_s));
    m_export->setShortcut(QKeySequence(u"Ctrl+E"_s));
    connect(m_import, &QAction::triggered, this, &InteropActions::chooseImport);
    connect(m_export, &QAction::triggered, this, &InteropActions::chooseExport);
}

void InteropActions::chooseImport()
{
    if (!m_context->hasClient())
        return;
    const QString path = QFileDialog::getOpenFileName(m_window, u"Import"_s, QString(),
        u"Anki packages and text (*.apkg *.colpkg *.csv *.tsv *.txt);;All files (*)"_s);
    if (!path.isEmpty())
        importFile(path);
}

void InteropActions::importFile(const QString &path)
{
    auto *progress = new InteropProgressDialog(u"Importing %1"_s.arg(QFileInfo(path).fileName()), m_window);
    progress->setAttribute(Qt::WA_DeleteOnClose);
    auto finished
        = [this, path, progress](const Result<interop::ImportSummary> &summary, const QString &note) {
              progress->close();
              if (!summary) {
                  QMessageBox::warning(m_window, u"Import failed"_s, errorMessage(summary.error()));
                  return;
              }
              m_context->notifyChanged();
              auto *log = new ImportLogDialog(path, summary.value(), note, m_window);
              log->setAttribute(Qt::WA_DeleteOnClose);
              log->open();
          };
    if (QFileInfo(path).suffix().compare(u"colpkg"_s, Qt::CaseInsensitive) == 0) {
        const auto answer = QMessageBox::question(m_window, u"Replace the collection?"_s,
            u"%1 is a whole collection. Importing it replaces everything in this profile (a backup of the"
            " current collection is written first). Replace?"_s.arg(QFileInfo(path).fileName()));
        if (answer != QMessageBox::Yes) {
            progress->deleteLater();
            return;
        }
        progress->show();
        m_context->call(
            this,
            [path, sink = progress->sink()](
                CollectionClient &client) { return client.replaceCollection(path, sink); },
            [finished](const Result<std::pair<interop::ImportSummary, QString>> &replaced) {
                if (!replaced)
                    finished(replaced.error(), QString());
                else
                    finished(
                        replaced->first, u"The old collection was backed up to %1."_s.arg(replaced->second));
            });
        return;
    }
    m_context->call(
        this, [](CollectionClient &client) { return client.decks(); },
        [this, path, progress, finished](const Result<QList<collection::DeckSummary>> &decks) {
            InteropOptionsDialog options(InteropOptionsDialog::Purpose::Import,
                decks ? decks.value() : QList<collection::DeckSummary> {}, m_window);
            if (options.exec() != QDialog::Accepted) {
                progress->deleteLater();
                return;
            }
            progress->show();
            m_context->call(
                this,
                [path, deck = options.deckId(), sink = progress->sink()](
                    CollectionClient &client) { return client.importFile(path, deck, sink); },
                [finished](const Result<interop::ImportSummary> &summary) { finished(summary, QString()); });
        });
}

void InteropActions::chooseExport()
{
    if (!m_context->hasClient())
        return;
    m_context->call(
        this, [](CollectionClient &client) { return client.decks(); },
        [this](const Result<QList<collection::DeckSummary>> &decks) {
            InteropOptionsDialog options(InteropOptionsDialog::Purpose::Export,
                decks ? decks.value() : QList<collection::DeckSummary> {}, m_window);
            if (options.exec() != QDialog::Accepted)
                return;
            const QString format = options.format();
            const QString suffix = format == u"csv"_s ? u"txt"_s : format;
            const QString path = QFileDialog::getSaveFileName(
                m_window, u"Export"_s, u"deck."_s % suffix, u"*.%1"_s.arg(suffix));
            if (!path.isEmpty())
                exportTo(path, format, options.deckId(), options.withScheduling());
        });
}

void InteropActions::exportTo(
    const QString &path, const QString &format, std::optional<qint64> deckId, bool withScheduling)
{
    auto *progress = new InteropProgressDialog(u"Exporting %1"_s.arg(QFileInfo(path).fileName()), m_window);
    progress->setAttribute(Qt::WA_DeleteOnClose);
    progress->show();
    interop::PackageExportOptions options;
    options.wholeCollection = format == u"colpkg"_s;
    options.deckId = options.wholeCollection ? std::nullopt : deckId;
    options.withScheduling = withScheduling;
    m_context->call(
        this,
        [path, csv = format == u"csv"_s, options, sink = progress->sink()](
            CollectionClient &client) { return client.exportFile(path, csv, options, sink); },
        [this, path, progress](const Result<interop::PackageExportResult> &exported) {
            progress->close();
            if (!exported) {
                QMessageBox::warning(m_window, u"Export failed"_s, errorMessage(exported.error()));
                return;
            }
            QMessageBox::information(m_window, u"Exported"_s,
                u"Wrote %1: %2 notes, %3 cards, %4 reviews, %5 media files."_s.arg(path)
                    .arg(exported->notes)
                    .arg(exported->cards)
                    .arg(exported->revlog)
                    .arg(exported->media));
        });
}

} // namespace javumbo::gui
