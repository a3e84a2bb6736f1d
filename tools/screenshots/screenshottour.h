#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <functional>

class QWidget;

namespace javumbo::gui {
class ClientContext;
class CollectionClient;
class DeckOptionsDialog;
class ProfileDialog;
class MainWindow;
class ProfileStore;
} // namespace javumbo::gui

namespace javumbo::tools {

// Fills a sample profile, walks the main window through its views and saves
// a PNG of each (javumbo-screenshots, run by packaging/screenshots.sh). Each
// shot is: prepare the view, wait until a condition holds (no sleeps), grab
// the window. The load-test dashboard adds its own shots with addShot().
class ScreenshotTour : public QObject
{
    Q_OBJECT
public:
    // Moves the app's clock (a ManualClock in this mode), so the sample has weeks of history.
    using ClockSetter = std::function<void(qint64 msSinceEpoch)>;

    ScreenshotTour(gui::MainWindow *window, gui::ProfileStore *profiles, gui::ClientContext *context,
        ClockSetter setClock, QString outputDir, QObject *parent = nullptr);

    // `ready` is polled until true (at most 2 min), then the window (or what `target` returns, such as
    // a dialog) is saved as <name>.png.
    void addShot(const QString &name, std::function<void()> prepare, std::function<bool()> ready,
        std::function<QWidget *()> target = nullptr);
    // Populates the sample profile, then takes every shot; finished() reports the outcome.
    void start();
    const QStringList &savedFiles() const { return m_saved; }

Q_SIGNALS:
    void finished(int exitCode);

private:
    struct Shot
    {
        QString name;
        std::function<void()> prepare;
        std::function<bool()> ready;
        std::function<QWidget *()> target;
    };
    bool populate();
    bool addPictureCard(gui::CollectionClient &client);
    void addStandardShots();
    void addThemeAndSmallScreenShots();
    void addDeckOptionsShot(const QString &name);
    void addServerShots();
    void addLoadTestShots();
    void addRemoteProfileShot();
    void next();
    void waitFor(const Shot &shot, int attempt);
    bool idle() const;
    void fail(const QString &message);

    gui::MainWindow *m_window;
    QPointer<gui::DeckOptionsDialog> m_optionsDialog;
    QPointer<gui::ProfileDialog> m_profileDialog;
    qint64 m_pictureDeck = 0;
    gui::ProfileStore *m_profiles;
    gui::ClientContext *m_context;
    ClockSetter m_setClock;
    QString m_outputDir;
    QList<Shot> m_shots;
    int m_index = 0;
    QStringList m_saved;
    int m_requestsSent = 0;
};

} // namespace javumbo::tools
