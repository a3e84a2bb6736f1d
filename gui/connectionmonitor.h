#pragma once

#include "client/clientworker.h"

#include <QObject>
#include <QPointer>

class QLabel;
class QWidget;

namespace javumbo::gui {

class ClientContext;
class ProfileMenu;
class RemoteSession;

// What the main window shows and asks about a remote profile's server
// (docs/remote-profiles.md): a status-bar label (the server, "Offline" in
// a warning colour while it cannot be reached), the sign-in dialog when a call
// got 401 (the call waits and goes on with the new token, or gives up when
// cancelled), and a message when the server speaks another API version.
// Local profiles show nothing.
class ConnectionMonitor : public QObject
{
    Q_OBJECT
public:
    ConnectionMonitor(ClientContext *context, ProfileMenu *profiles, QWidget *window);

    QLabel *stateLabel() const { return m_label; }
    bool isOffline() const { return m_offline; }
    bool isAskingToSignIn() const { return m_asking; }

Q_SIGNALS:
    // A remote profile opened (true) or a local one (false): the window shows the label or hides it.
    void remoteChanged(bool remote);

private Q_SLOTS:
    void followClient();
    void setOnline(bool online);
    void askToSignIn();
    void reportIncompatible(const QString &message);

private:
    void showState();

    ClientContext *m_context;
    ProfileMenu *m_profiles;
    QWidget *m_window;
    QLabel *m_label;
    QPointer<RemoteSession> m_session;
    // The sign-in runs here: the client's own worker is the thread waiting for it.
    ClientWorker m_signInWorker;
    bool m_offline = false;
    bool m_asking = false;
    QString m_incompatible;
};

} // namespace javumbo::gui
