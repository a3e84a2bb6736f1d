#pragma once

#include <QList>
#include <QString>

namespace javumbo {

// One student of a class list: `username, name, email`.
struct RosterEntry
{
    int line = 0; // 1-based, in the text the teacher gave
    QString username;
    QString name;
    QString email;
};

// A line that was not added, and why, for the teacher to fix.
struct RosterProblem
{
    int line = 0;
    QString text; // the line's fields as read
    QString message;
};

struct Roster
{
    QList<RosterEntry> entries;
    QList<RosterProblem> problems;
};

// A new account with the password made for it: shown once, never stored in clear.
struct IssuedPassword
{
    QString username;
    QString name;
    QString email;
    QString password;
};

namespace classroster {

// Reads a class list pasted or read from a CSV file: one student per line,
// `username, name, email` (comma, semicolon or tab separated; fields in double
// quotes may hold the separator; a first line `username,…` is a header).
// Every line is checked alone against the credential rules (docs/api.md §2)
// and against the lines before it (the same username or email twice), so a
// bad line is reported and the good ones still go in.
Roster parse(const QString &text);

// A strong password for an account made for someone else: 12 characters from
// an alphabet without look-alikes (no 0/O, 1/l/I), grouped by dashes for
// reading aloud, about 69 bits from the system's random source.
QString generatePassword();

// `username,name,email,password` with a header line (RFC 4180 quoting), for
// the teacher to print or mail merge.
QString issuedPasswordsCsv(const QList<IssuedPassword> &issued);

} // namespace classroster

} // namespace javumbo
