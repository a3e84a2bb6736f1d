#include "keychaintokenstore.h"

#include <QEventLoop>
#include <qt6keychain/keychain.h>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

namespace {

// Runs a QtKeychain job to its end; its error as a Result.
Result<void> finish(QKeychain::Job &job)
{
    job.setAutoDelete(false);
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
    if (job.error() == QKeychain::NoError)
        return {};
    return makeError(ErrorCode::StorageUnavailable, u"keychain: %1"_s.arg(job.errorString()));
}

} // namespace

KeychainTokenStore::KeychainTokenStore(QString service) : m_service(std::move(service)) { }

Result<void> KeychainTokenStore::save(const QString &account, const QString &token)
{
    QKeychain::WritePasswordJob job(m_service);
    job.setKey(account);
    job.setTextData(token);
    return finish(job);
}

Result<std::optional<QString>> KeychainTokenStore::load(const QString &account)
{
    QKeychain::ReadPasswordJob job(m_service);
    job.setKey(account);
    auto done = finish(job);
    if (job.error() == QKeychain::EntryNotFound)
        return std::optional<QString> {};
    if (!done)
        return done.error();
    return std::optional<QString> {job.textData()};
}

Result<void> KeychainTokenStore::remove(const QString &account)
{
    QKeychain::DeletePasswordJob job(m_service);
    job.setKey(account);
    auto done = finish(job);
    if (job.error() == QKeychain::EntryNotFound)
        return {};
    return done;
}

} // namespace javumbo::gui
