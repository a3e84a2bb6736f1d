#pragma once

#include <QString>
#include <QtGlobal>

#include <chrono>

namespace javumbo {

// Every new account's first current deck is its Default deck (docs/api.md), id 1.
inline constexpr qint64 kDefaultDeckId = 1;

// One logged-in client as the server sees it; the token itself is not here.
struct Session
{
    qint64 userId = 0;
    qint64 currentDeckId = kDefaultDeckId;
    qint64 createdAt = 0; // seconds since the Unix epoch
    qint64 lastSeen = 0; // as last written; see SessionPolicy::lastSeenWriteInterval
    // Hex of the first 8 bytes of the token's hash: names a session in logs
    // without giving away anything that logs in.
    QString sessionId;
};

// What login hands out: the only time the token exists outside the client.
struct IssuedSession
{
    QString token;
    Session session;
};

struct SessionPolicy
{
    // A session unused for this long is over.
    std::chrono::seconds idleTimeout = std::chrono::days {14};
    // Even a busy session ends this long after login.
    std::chrono::seconds absoluteLifetime = std::chrono::days {30};
    // last_seen is rewritten at most this often, so a busy client does not
    // write admin.db on every request; idle expiry is that much less precise.
    std::chrono::seconds lastSeenWriteInterval = std::chrono::seconds {60};
};

} // namespace javumbo
