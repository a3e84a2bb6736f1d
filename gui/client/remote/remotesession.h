#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

#include <chrono>
#include <functional>
#include <memory>

namespace javumbo::gui {

class RemoteTransport;
struct RemoteRequest;
struct RemoteReply;

// What a remote profile stores: where the server is and who signs in there.
// The password is never stored; the token lives in the token store.
struct RemoteEndpoint
{
    QUrl serverUrl; // http(s)://host[:port], without /api/v1
    QString username;
};

// One signed-in connection to a class server (docs/api.md): the session
// token, the network thread and the state the main window shows.
//
// Threading. Every call blocks its caller, who must not be the UI thread
// (views call through ClientWorker). The requests themselves run on a
// QThread the session owns, with one QNetworkAccessManager living there
// (keep-alive connections and HTTP/2 shared by all callers); a caller posts
// its request to that thread and waits for the reply. So any thread may call,
// with or without an event loop of its own, and Qt's network objects never
// cross threads. Waits (Retry-After, a sign-in) are bounded and end early
// when the session is destroyed.
//
// Failures. 429/503 wait `Retry-After` and retry (bounded by Options); a 401
// emits signInRequired() and waits for reauthenticate() (or cancelSignIn())
// before the same request goes again with the new token; a transport failure
// (refused, reset, timeout) turns the session offline (onlineChanged(false))
// and is a NetworkError: only requests that are safe to repeat (reads, adds
// with an Idempotency-Key) are retried by the session itself. The first good
// reply turns it online again. (Qt itself sends any request once more when
// the connection closes before an answer; expected_reps, If-Match and the
// key keep that from acting twice, at worst the call reports
// already_answered or stale_card.)
//
// Signals are emitted from the calling thread; connect with the default
// (queued across threads) connection.
class RemoteSession final : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        std::chrono::milliseconds requestTimeout {30000}; // one request without progress
        int maxAttempts = 5; // per call, over 429/503 and dropped replies together
        std::chrono::milliseconds retryBudget {30000}; // Retry-After waits of one call in all
        std::chrono::milliseconds signInWait {std::chrono::minutes(10)}; // after signInRequired()
    };

    // Cheap, does not touch the network; any thread. `token` may be empty.
    RemoteSession(RemoteEndpoint endpoint, QString token, Options options, QObject *parent = nullptr);
    RemoteSession(RemoteEndpoint endpoint, QString token, QObject *parent = nullptr);
    ~RemoteSession() override;

    // POST /api/v1/login: the new session's token. BadCredentials for a wrong
    // password, TooManyAttempts (not retried: it asks the person), NetworkError
    // when the server cannot be reached. Blocking; no session needed.
    static Result<QString> signIn(const QUrl &serverUrl, const QString &username, const QString &password);
    // The same without blocking, for the UI thread (a sign-in dialog while a
    // call waits on the worker): runs on a thread of its own, then `done`
    // runs on the UI thread, unless `receiver` (a UI object) was destroyed.
    static void signInAsync(const QUrl &serverUrl, const QString &username, const QString &password,
        QObject *receiver, std::function<void(Result<QString>)> done);

    // GET /health (the server must speak API version 1, otherwise
    // serverIncompatible() and an error saying so) and GET /me (the user id).
    // Clients call it themselves before their first request; blocking.
    Result<void> connectToServer();
    // POST /api/v1/logout: the token stops working on the server at once.
    // The session then holds no token. Blocking.
    Result<void> signOut();

    // Thread-safe: a new token (from signIn()) for this session; calls
    // waiting after a 401 resume with it.
    void reauthenticate(const QString &token);
    // Thread-safe: calls waiting after a 401 give up with NotAuthenticated.
    // Also when the profile closes: a waiting call holds the worker thread.
    void cancelSignIn();

    const RemoteEndpoint &endpoint() const { return m_endpoint; }
    QString token() const;
    qint64 userId() const; // 0 until connectToServer() succeeded
    bool isConnected() const; // connectToServer() succeeded (and no signOut() since)
    bool isOnline() const;
    // The server's clock, Unix seconds: the local clock plus the offset
    // /health's "time" showed at connectToServer() (study days follow the server).
    qint64 nowSeconds() const;

    // One API request with the policy above: the building block of
    // RemoteCollectionClient. An error envelope becomes its Error
    // (apierror.h); a 2xx is returned as is.
    Result<RemoteReply> send(const RemoteRequest &request);

Q_SIGNALS:
    // A request got 401: ask for the password, then reauthenticate() or cancelSignIn().
    void signInRequired();
    void onlineChanged(bool online);
    // The server speaks another major API version: `message` says which and what to do.
    void serverIncompatible(const QString &message);

private:
    struct State;

    // send(), with the sign-in wait after a 401 only when `signInOnExpiry`.
    Result<RemoteReply> perform(const RemoteRequest &request, bool signInOnExpiry);
    std::pair<QString, quint64> currentToken() const;
    // After a 401 with the token of `generation`: true when a new token came.
    bool awaitSignIn(quint64 generation);
    // Waits (Retry-After, a resend); false when the session is closing.
    bool pause(std::chrono::milliseconds wait);
    void setOnline(bool online);

    const RemoteEndpoint m_endpoint;
    const Options m_options;
    std::unique_ptr<State> m_state;
    std::unique_ptr<RemoteTransport> m_transport;
};

} // namespace javumbo::gui
