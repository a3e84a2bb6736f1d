#pragma once

#include <QString>
#include <QtGlobal>

namespace javumbo {

// A registered user as the rest of the product sees it: it never carries the
// password hash, so no layer above AccountStore can leak it.
struct Account
{
    qint64 id = 0;
    QString username; // as the user typed it at registration
    QString email;
    QString name;
    QString areaOfInterest;
    qint64 createdAt = 0; // seconds since the Unix epoch (docs/api.md)
    bool isAdmin = false;
    bool disabled = false;
    // False for a desktop profile made without a password: it opens without
    // asking and can never log in through the server.
    bool hasPassword = true;
};

// What a visitor submits to create an account (docs/api.md, POST /register).
struct Registration
{
    QString username;
    QString password;
    QString name;
    QString email;
    QString areaOfInterest;
};

} // namespace javumbo
