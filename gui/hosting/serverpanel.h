#pragma once

#include "serverhost.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTableView;
class QTimer;

namespace javumbo::gui {

class ClassAccountsView;
class ClientWorker;
class LockTableModel;
class ServerSettingsForm;
class StudentAddressView;

// Starts and stops the embedded server and shows it live: the settings
// (ServerSettingsForm), the study page's address for students, big, with copy
// and a QR code (StudentAddressView), requests per second, p95, active
// sessions, then in tabs the per-user lock table with the tail of the access
// log, and the class accounts (ClassAccountsView). Snapshots are taken off the
// UI thread and drawn at most four times a second (docs/architecture.md §5).
class ServerPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ServerPanel(ServerHost *host, QWidget *parent = nullptr);
    ~ServerPanel() override;

    // The address the server listens on (0.0.0.0 for the whole network).
    QUrl url() const { return m_snapshot.url; }
    // What other devices type: the machine's real addresses for a wildcard bind.
    QList<QUrl> reachableUrls() const { return m_reachable; }
    // The study page's address shown to students (and in the QR code); empty when stopped.
    QUrl studentUrl() const;
    StudentAddressView *studentAddress() const { return m_address; }
    ClassAccountsView *classAccounts() const { return m_accounts; }
    // Shows the class accounts tab (else the activity: locks and log).
    void showClassAccounts();
    // Fills the settings fields (the next start() uses them).
    void setSettings(const ServerSettings &settings);
    const ServerSnapshot &lastSnapshot() const { return m_snapshot; }
    quint64 snapshotsDrawn() const { return m_drawn; }

public Q_SLOTS:
    void start();
    void stop();
    void toggle();
    void copyUrl();

Q_SIGNALS:
    void runningChanged(bool running);

private:
    // A directory typed or chosen: checked at once, so a mistake shows before the start.
    void checkDataDirectory(const QString &directory);
    void requestSnapshot();
    void draw(const ServerSnapshot &snapshot);
    void updateControls();

    ServerHost *m_host;
    ClientWorker *m_worker; // its own thread: a busy study call never delays the panel
    QTimer *m_timer;
    LockTableModel *m_locks;
    ServerSettingsForm *m_form;
    StudentAddressView *m_address;
    ClassAccountsView *m_accounts;
    QTabWidget *m_tabs;
    QPushButton *m_startStop;
    QLabel *m_url;
    QLabel *m_rps;
    QLabel *m_p95;
    QLabel *m_total;
    QLabel *m_sessions;
    QLabel *m_message;
    QTableView *m_lockTable;
    QPlainTextEdit *m_log;
    ServerSnapshot m_snapshot;
    QList<QUrl> m_reachable;
    bool m_snapshotInFlight = false;
    quint64 m_drawn = 0;
};

} // namespace javumbo::gui
