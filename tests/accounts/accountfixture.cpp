#include "accountfixture.h"

#include "storage/database.h"

#include <QDir>
#include <QFile>

using namespace Qt::StringLiterals;

namespace javumbo::testsupport {

PasswordHasher fastHasher()
{
    return PasswordHasher(PasswordHasher::Options {.iterations = kTestIterations, .allowWeakForTests = true});
}

CollectionFactory placeholderFactory()
{
    return [](const QString &path) -> Result<void> {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly))
            return makeError(
                ErrorCode::StorageUnavailable, u"cannot create "_s % path % u": "_s % file.errorString());
        file.write("placeholder collection\n");
        return {};
    };
}

CollectionFactory failingFactory()
{
    return [](const QString &path) -> Result<void> {
        QFile file(path);
        if (file.open(QIODevice::WriteOnly))
            file.write("half a collection");
        return makeError(ErrorCode::StorageUnavailable, u"disk full (simulated)"_s);
    };
}

Registration registration(const QString &username, const QString &email, const QString &password)
{
    Registration r;
    r.username = username;
    r.password = password.isEmpty() ? QString::fromUtf16(kTestPassword) : password;
    r.name = u"Name of "_s % username;
    r.email = email.isEmpty() ? username.toLower() % u"@example.com"_s : email;
    r.areaOfInterest = u"languages"_s;
    return r;
}

AccountFixture::AccountFixture(CollectionFactory factory)
    : m_store(m_dir.path(), m_clock, fastHasher(), std::move(factory))
{
    m_ready = m_dir.isValid() && m_store.initialize().ok();
}

AccountFixture::~AccountFixture()
{
    storage::Database::closeOnThisThread(m_store.adminDbPath());
}

QString AccountFixture::collectionDir() const
{
    return m_dir.path() % u"/user_dbs"_s;
}

Result<Account> AccountFixture::addUser(const QString &username)
{
    return m_store.registerUser(registration(username));
}

QStringList AccountFixture::collectionFiles() const
{
    return QDir(collectionDir()).entryList(QDir::Files | QDir::Hidden, QDir::Name);
}

} // namespace javumbo::testsupport
