#include "credentialrules.h"

using namespace Qt::StringLiterals;

namespace javumbo::credentialrules {

namespace {

bool isUsernameChar(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') || u == u'_'
        || u == u'.' || u == u'-';
}

Error invalidEmail(const QString &why)
{
    return makeError(ErrorCode::InvalidEmail, u"invalid email address: "_s % why);
}

} // namespace

Result<void> checkUsername(const QString &username)
{
    if (username.size() < kMinUsernameLength || username.size() > kMaxUsernameLength)
        return makeError(ErrorCode::InvalidUsername,
            u"username must have %1 to %2 characters"_s.arg(kMinUsernameLength).arg(kMaxUsernameLength));
    for (const QChar c : username) {
        if (!isUsernameChar(c))
            return makeError(ErrorCode::InvalidUsername,
                u"username may only contain letters A-Z, digits, '_', '.' and '-'"_s);
    }
    return {};
}

Result<void> checkPassword(const QString &password)
{
    if (password.size() < kMinPasswordLength)
        return makeError(
            ErrorCode::WeakPassword, u"password must have at least %1 characters"_s.arg(kMinPasswordLength));
    if (password.size() > kMaxPasswordLength)
        return makeError(
            ErrorCode::WeakPassword, u"password must have at most %1 characters"_s.arg(kMaxPasswordLength));
    return {};
}

Result<void> checkEmail(const QString &email)
{
    if (email.isEmpty())
        return invalidEmail(u"empty"_s);
    if (email.size() > kMaxEmailLength)
        return invalidEmail(u"longer than %1 characters"_s.arg(kMaxEmailLength));
    for (const QChar c : email) {
        if (c.isSpace() || c.category() == QChar::Other_Control)
            return invalidEmail(u"contains spaces or control characters"_s);
    }
    const qsizetype at = email.indexOf(u'@');
    if (at < 0 || email.indexOf(u'@', at + 1) >= 0)
        return invalidEmail(u"needs exactly one '@'"_s);
    if (at == 0)
        return invalidEmail(u"nothing before the '@'"_s);
    const QStringView domain = QStringView(email).mid(at + 1);
    if (!domain.contains(u'.') || domain.startsWith(u'.') || domain.endsWith(u'.') || domain.contains(u".."))
        return invalidEmail(u"the domain needs a dot between non-empty labels"_s);
    return {};
}

Result<void> checkProfile(const QString &name, const QString &areaOfInterest)
{
    if (name.size() > kMaxNameLength)
        return makeError(
            ErrorCode::BadRequest, u"name must have at most %1 characters"_s.arg(kMaxNameLength));
    if (areaOfInterest.size() > kMaxAreaOfInterestLength)
        return makeError(ErrorCode::BadRequest,
            u"area of interest must have at most %1 characters"_s.arg(kMaxAreaOfInterestLength));
    return {};
}

Result<void> checkRegistration(const Registration &registration)
{
    if (auto checked = checkUsername(registration.username); !checked)
        return checked;
    if (auto checked = checkPassword(registration.password); !checked)
        return checked;
    if (auto checked = checkEmail(registration.email); !checked)
        return checked;
    return checkProfile(registration.name, registration.areaOfInterest);
}

QString usernameKey(const QString &username)
{
    // Valid usernames are ASCII, so plain lower-casing is exact.
    return username.toLower();
}

QString emailKey(const QString &email)
{
    return email.toCaseFolded();
}

} // namespace javumbo::credentialrules
