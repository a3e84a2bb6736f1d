#pragma once

#include "collectionsource.h"
#include "net/httpclient.h"

#include <QHash>

#include <chrono>
#include <optional>

namespace javumbo::integrity {

// Reads collections through the HTTP API (docs/api.md), for servers whose files
// the checker cannot read: pages through GET /cards as each account, naming
// decks from GET /decks. The revlog is invisible here. Logs in with the
// account's password unless it carries a live token; a token that stops
// working is replaced by logging in again once.
class ApiReader final : public CollectionSource
{
public:
    ApiReader(QString host, quint16 port, int pageSize = 500,
        std::chrono::milliseconds timeout = std::chrono::seconds(30));

    QString name() const override;
    bool seesRevlog() const override { return false; }
    Result<qint64> resolveUserId(const TestAccount &account) override;
    // `cursor` is the offset already read: listings are ordered by card id,
    // and new cards get larger ids.
    Result<CollectionRead> read(const TestAccount &account, qint64 cursor, bool full) override;

    // GET /cards/{id} as `account`: the card, or nullopt for a 404.
    Result<std::optional<CardRow>> fetchCard(const TestAccount &account, qint64 cardId);

private:
    // Each call makes its own client: HttpClient's socket belongs to the
    // thread that made it, and passes may run on different threads.
    std::unique_ptr<net::HttpClient> newClient() const;
    Result<QString> token(net::HttpClient &http, const TestAccount &account, bool fresh);
    Result<net::HttpResult> get(net::HttpClient &http, const TestAccount &account, const QString &path);

    QString m_host;
    quint16 m_port = 0;
    int m_pageSize = 500;
    std::chrono::milliseconds m_timeout;
    QHash<QString, QString> m_tokens; // by user key
    QHash<QString, qint64> m_ids; // by user key, from login
};

} // namespace javumbo::integrity
