#pragma once

#include <QList>
#include <QObject>

#include <optional>

class QAction;
class QWidget;

namespace javumbo::gui {

class ClientContext;

// File > Import… and File > Export…: choose a file and a deck, run the work
// on the client's worker thread behind a progress bar with an estimate of the
// time left, then show the import log (or where the export went). A .colpkg
// replaces the profile's collection only after a confirmation, and a backup
// of the old one is written first.
class InteropActions : public QObject
{
    Q_OBJECT
public:
    InteropActions(ClientContext *context, QWidget *window);
    QList<QAction *> actions() const { return {m_import, m_export}; }

    void importFile(const QString &path);
    void exportTo(
        const QString &path, const QString &format, std::optional<qint64> deckId, bool withScheduling);

private:
    void chooseImport();
    void chooseExport();

    ClientContext *m_context;
    QWidget *m_window;
    QAction *m_import;
    QAction *m_export;
};

} // namespace javumbo::gui
