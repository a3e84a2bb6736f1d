#pragma once

#include "net/httpclient.h"

#include <QJsonObject>
#include <QString>

namespace javumbo::testsupport::processclient {

// Shorthands for tests that talk to a `javumbo serve` child process on
// 127.0.0.1:port: one request on its own connection, and sign-up/login.

net::HttpResult http(quint16 port, const QByteArray &method, const QString &path, const QString &token = {},
    const QJsonObject &body = {}, const QList<std::pair<QByteArray, QByteArray>> &headers = {});

// Status and the start of the body, for failure messages.
QByteArray describe(const net::HttpResult &result);

struct HttpAccount
{
    qint64 id = 0;
    QString username;
    QString password;
    QString token;
};

// Registers (unless `registered`) and logs in over HTTP; on failure returns
// false with the reason. The password is "password-<username>". Each call
// costs a PBKDF2 hash or two (≈0.3–0.5 s).
bool signUp(
    quint16 port, const QString &username, HttpAccount *account, QByteArray *why, bool registered = false);

QString cardIdOf(const net::HttpResult &result);

} // namespace javumbo::testsupport::processclient
