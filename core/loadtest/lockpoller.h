#pragma once

#include "history/history.h"
#include "net/httpclient.h"
#include "runsnapshot.h"

#include <memory>
#include <optional>

namespace javumbo::loadtest {

// Samples the server's per-user lock figures (GET /admin/locks) as an admin.
// Used from one thread (the monitor's); its connection is opened there, at
// the first poll.
class LockPoller
{
public:
    // An empty `username`: no admin account, so nothing to poll.
    LockPoller(QString host, quint16 port, QString username, QString password);

    // The figures now, timed by `clock`; none without an admin account or an answer.
    std::optional<LockPoint> poll(const history::History &clock);

private:
    QString m_host;
    quint16 m_port;
    QString m_username;
    QString m_password;
    std::unique_ptr<net::HttpClient> m_client;
    QString m_token;
};

} // namespace javumbo::loadtest
