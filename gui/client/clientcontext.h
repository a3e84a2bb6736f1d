#pragma once

#include "clientworker.h"
#include "collectionclient.h"

#include <QObject>

#include <memory>

namespace javumbo::gui {

// What every view shares: the open profile's client and the worker that
// calls it. Views ask through call(); after a change they announce it with
// notifyChanged() so the other views refresh.
class ClientContext : public QObject
{
    Q_OBJECT
public:
    explicit ClientContext(QObject *parent = nullptr);

    std::shared_ptr<CollectionClient> client() const { return m_client; }
    bool hasClient() const { return m_client != nullptr; }
    void setClient(std::shared_ptr<CollectionClient> client);
    ClientWorker &worker() { return m_worker; }

    // Runs `work(client)` off the UI thread and `done(result)` back on it; the
    // client is captured now, so a profile switch never sends a call to the wrong collection.
    template<typename Work, typename Done>
    void call(QObject *receiver, Work work, Done done)
    {
        if (!m_client)
            return;
        m_worker.run(
            receiver, [client = m_client, work = std::move(work)]() mutable { return work(*client); },
            std::move(done));
    }

    void notifyChanged() { Q_EMIT collectionChanged(); }

Q_SIGNALS:
    // Before the profile changes: views save what they hold, with the old client still in place.
    void clientAboutToChange();
    void clientChanged();
    void collectionChanged();

private:
    ClientWorker m_worker;
    std::shared_ptr<CollectionClient> m_client;
};

} // namespace javumbo::gui
