#include "clientworker.h"

#include "storage/database.h"

using namespace Qt::StringLiterals;

namespace javumbo::gui {

ClientWorker::ClientWorker(QObject *parent) : QObject(parent)
{
    m_thread.setObjectName(u"javumbo-client"_s);
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    m_thread.start();
}

ClientWorker::~ClientWorker()
{
    // Close this thread's connections on it, before the files may be removed (tests).
    QMetaObject::invokeMethod(m_context, [] { storage::Database::closeAllOnThisThread(); });
    m_thread.quit();
    m_thread.wait();
    delete m_context; // its thread has finished: nothing else can touch it
}

void ClientWorker::post(std::function<void()> task)
{
    ++m_pending;
    QMetaObject::invokeMethod(m_context, [this, task = std::move(task)] {
        task();
        --m_pending;
    });
}

} // namespace javumbo::gui
