#include "classroster.h"

#include "accounts/credentialrules.h"
#include "interop/csvreader.h"

#include <QRandomGenerator>
#include <QSet>
#include <QStringBuilder>

using namespace Qt::StringLiterals;

namespace javumbo::classroster {

namespace {

// What the first student line is separated by: a spreadsheet's tab, a comma,
// else a semicolon (a spreadsheet in a locale with decimal commas).
QString separatorName(QStringView text)
{
    const QStringView first = text.left(text.indexOf(u'\n') < 0 ? text.size() : text.indexOf(u'\n'));
    if (first.contains(u'\t'))
        return u"tab"_s;
    if (first.contains(u',') || !first.contains(u';'))
        return u"comma"_s;
    return u"semicolon"_s;
}

bool isHeader(const QStringList &fields)
{
    return !fields.isEmpty() && fields.first().trimmed().compare(u"username"_s, Qt::CaseInsensitive) == 0;
}

} // namespace

Roster parse(const QString &text)
{
    QString body = text;
    if (body.startsWith(QChar(0xFEFF)))
        body.remove(0, 1); // a spreadsheet's UTF-8 byte order mark
    // The separator is named, not guessed from the whole text: a colon or a
    // pipe in a name must not split the lines.
    const QString withHeader = u"#separator:"_s % separatorName(body) % u'\n' % body;
    Roster roster;
    auto file = interop::readCsv(withHeader.toUtf8());
    if (!file) {
        roster.problems.append({0, QString(), file.error().message});
        return roster;
    }
    QSet<QString> usernames;
    QSet<QString> emails;
    for (const interop::CsvRecord &record : std::as_const(file->records)) {
        const int line = int(record.line) - 1; // the header line we added
        QStringList fields;
        for (const QString &field : record.fields)
            fields.append(field.trimmed());
        const QString shown = fields.join(u", "_s);
        if (fields.join(QString()).isEmpty())
            continue; // a line of empty cells, as spreadsheets export
        if (line == 1 && isHeader(fields))
            continue;
        if (fields.size() != 3) {
            roster.problems.append(
                {line, shown, u"expected 3 fields (username, name, email), found %1"_s.arg(fields.size())});
            continue;
        }
        const RosterEntry entry {line, fields.at(0), fields.at(1), fields.at(2)};
        Result<void> valid = credentialrules::checkUsername(entry.username);
        if (valid)
            valid = credentialrules::checkEmail(entry.email);
        if (valid)
            valid = credentialrules::checkProfile(entry.name, QString());
        if (!valid) {
            roster.problems.append({line, shown, valid.error().message});
            continue;
        }
        if (usernames.contains(credentialrules::usernameKey(entry.username))) {
            roster.problems.append(
                {line, shown, u"the username %1 is already in the list"_s.arg(entry.username)});
            continue;
        }
        if (emails.contains(credentialrules::emailKey(entry.email))) {
            roster.problems.append({line, shown, u"the email %1 is already in the list"_s.arg(entry.email)});
            continue;
        }
        usernames.insert(credentialrules::usernameKey(entry.username));
        emails.insert(credentialrules::emailKey(entry.email));
        roster.entries.append(entry);
    }
    return roster;
}

QString generatePassword()
{
    static const QString alphabet = u"abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"_s;
    QString password;
    for (int i = 0; i < 12; ++i) {
        if (i > 0 && i % 4 == 0)
            password += u'-';
        password += alphabet.at(int(QRandomGenerator::system()->bounded(quint32(alphabet.size()))));
    }
    return password;
}

QString issuedPasswordsCsv(const QList<IssuedPassword> &issued)
{
    QString csv = u"username,name,email,password\r\n"_s;
    for (const IssuedPassword &account : issued) {
        for (const QString &field : {account.username, account.name, account.email})
            csv += interop::csvField(field, u',') % u',';
        csv += interop::csvField(account.password, u',') % u"\r\n"_s;
    }
    return csv;
}

} // namespace javumbo::classroster
