#include "keychaintokenstore.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QThread>
#include <qt6keychain/keychain.h>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

namespace {

// QtKeychain queues jobs in one process-wide object that belongs to the thread
// of the very first job and handles every later job's signals there: jobs
// started on several threads (the client worker, the sign-in worker, the UI)
// crash it once a job is gone. So every job runs on this one thread, which
// lives until the application object goes.
QThread *g_keychainThread = nullptr;

void stopKeychainThread()
{
    g_keychainThread->quit();
    g_keychainThread->wait();
}

QObject *keychainContext()
{
    static QObject *const context = [] {
        g_keychainThread = new QThread; // never deleted: the process ends with it
        g_keychainThread->setObjectName(u"javumbo-keychain"_s);
        auto *object = new QObject;
        object->moveToThread(g_keychainThread);
        g_keychainThread->start();
        qAddPostRoutine(stopKeychainThread);
        return object;
    }();
    return context;
}

// Runs `work` on the keychain thread and waits for it.
template<typename Work>
auto onKeychainThread(Work work) -> decltype(work())
{
    QObject *context = keychainContext();
    if (QThread::currentThread() == context->thread())
        return work();
    std::optional<decltype(work())> result;
    QMetaObject::invokeMethod(
        context, [&] { result.emplace(work()); }, Qt::BlockingQueuedConnection);
    return std::move(*result);
}

// Runs a QtKeychain job to its end (on the keychain thread): its error code and text.
std::pair<QKeychain::Error, QString> finish(QKeychain::Job &job)
{
    job.setAutoDelete(false);
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
    return {job.error(), job.errorString()};
}

Error keychainError(const QString &text)
{
    return makeError(ErrorCode::StorageUnavailable, u"keychain: %1"_s.arg(text));
}

} // namespace

KeychainTokenStore::KeychainTokenStore(QString service) : m_service(std::move(service)) { }

Result<void> KeychainTokenStore::save(const QString &account, const QString &token)
{
    return onKeychainThread([&]() -> Result<void> {
        QKeychain::WritePasswordJob job(m_service);
        job.setKey(account);
        job.setTextData(token);
        const auto [error, text] = finish(job);
        if (error != QKeychain::NoError)
            return keychainError(text);
        return {};
    });
}

Result<std::optional<QString>> KeychainTokenStore::load(const QString &account)
{
    return onKeychainThread([&]() -> Result<std::optional<QString>> {
        QKeychain::ReadPasswordJob job(m_service);
        job.setKey(account);
        const auto [error, text] = finish(job);
        if (error == QKeychain::EntryNotFound)
            return std::optional<QString> {};
        if (error != QKeychain::NoError)
            return keychainError(text);
        return std::optional<QString> {job.textData()};
    });
}

Result<void> KeychainTokenStore::remove(const QString &account)
{
    return onKeychainThread([&]() -> Result<void> {
        QKeychain::DeletePasswordJob job(m_service);
        job.setKey(account);
        const auto [error, text] = finish(job);
        if (error != QKeychain::NoError && error != QKeychain::EntryNotFound)
            return keychainError(text);
        return {};
    });
}

} // namespace javumbo::gui
