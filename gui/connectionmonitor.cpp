#include "connectionmonitor.h"

#include "client/clientcontext.h"
#include "client/remote/remotecollectionclient.h"
#include "client/remote/remotesession.h"
#include "dialogs/passworddialog.h"
#include "profilemenu.h"

#include <QLabel>
#include <QMessageBox>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

ConnectionMonitor::ConnectionMonitor(ClientContext *context, ProfileMenu *profiles, QWidget *window)
    : QObject(window), m_context(context), m_profiles(profiles), m_window(window), m_label(new QLabel(window))
{
    m_label->setObjectName(u"connectionState"_s);
    m_label->setTextFormat(Qt::PlainText);
    m_label->hide();
    connect(m_context, &ClientContext::clientChanged, this, &ConnectionMonitor::followClient);
    followClient();
}

void ConnectionMonitor::followClient()
{
    if (m_session)
        m_session->disconnect(this);
    auto *remote = dynamic_cast<RemoteCollectionClient *>(m_context->client().get());
    m_session = remote ? &remote->session() : nullptr;
    m_offline = false;
    m_incompatible.clear();
    if (m_session) {
        // Emitted on whichever thread made the call: queued to this one.
        connect(m_session, &RemoteSession::onlineChanged, this, &ConnectionMonitor::setOnline);
        connect(m_session, &RemoteSession::signInRequired, this, &ConnectionMonitor::askToSignIn);
        connect(m_session, &RemoteSession::serverIncompatible, this, &ConnectionMonitor::reportIncompatible);
        m_offline = !m_session->isOnline();
    }
    showState();
    Q_EMIT remoteChanged(m_session != nullptr);
}

void ConnectionMonitor::showState()
{
    m_label->setVisible(m_session != nullptr);
    if (!m_session)
        return;
    const QString host = m_session->endpoint().serverUrl.host();
    if (!m_incompatible.isEmpty()) {
        m_label->setText(u"⚠ %1: another version of Javumbo"_s.arg(host));
        m_label->setToolTip(m_incompatible);
    } else if (m_offline) {
        m_label->setText(u"⚠ Offline: %1 cannot be reached. What you type is kept until the server "
                         "takes it."_s.arg(host));
        m_label->setToolTip(m_session->endpoint().serverUrl.toString());
    } else {
        m_label->setText(u"On %1 as %2"_s.arg(host, m_session->endpoint().username));
        m_label->setToolTip(m_session->endpoint().serverUrl.toString());
    }
    const bool warn = m_offline || !m_incompatible.isEmpty();
    m_label->setStyleSheet(warn
            ? u"QLabel { color: palette(bright-text); background: #b3261e; padding: 2px 8px; "
              "border-radius: 3px; }"_s
            : QString());
}

void ConnectionMonitor::setOnline(bool online)
{
    if (sender() != m_session.data())
        return; // a late signal of the profile before
    m_offline = !online;
    showState();
}

void ConnectionMonitor::reportIncompatible(const QString &message)
{
    if (sender() != m_session.data() || m_incompatible == message)
        return;
    m_incompatible = message;
    showState();
    QMessageBox::warning(m_window, u"Another server version"_s, message);
}

void ConnectionMonitor::askToSignIn()
{
    if (sender() != m_session.data() || m_asking)
        return; // one dialog for all the calls waiting
    const std::optional<Profile> profile = m_profiles->openedProfile();
    QPointer<RemoteSession> session = m_session;
    if (!profile || !profile->isRemote()) {
        session->cancelSignIn();
        return;
    }
    m_asking = true;
    PasswordDialog dialog(m_profiles->store(), &m_signInWorker, *profile, m_window);
    const bool signedIn = dialog.exec() == QDialog::Accepted;
    m_asking = false;
    if (!session)
        return; // the profile changed meanwhile
    if (signedIn)
        session->reauthenticate(dialog.token());
    else
        session->cancelSignIn();
}

} // namespace javumbo::gui
