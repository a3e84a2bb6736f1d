#pragma once

#include <QCoreApplication>
#include <QObject>
#include <QPointer>
#include <QThread>

#include <atomic>
#include <functional>
#include <memory>
#include <type_traits>

namespace javumbo::gui {

// One background thread that runs client calls in the order they were asked
// for, so a view never blocks the UI on SQLite or a lock (docs/architecture.md §5)
// and an answer is never overtaken by the "next card" that follows it. The
// thread keeps its own cached database connections.
class ClientWorker : public QObject
{
    Q_OBJECT
public:
    explicit ClientWorker(QObject *parent = nullptr);
    ~ClientWorker() override;

    // Runs `work()` on the worker thread, then `done(result)` on the UI
    // thread, unless `receiver` was destroyed in between.
    template<typename Work, typename Done>
    void run(QObject *receiver, Work work, Done done)
    {
        using R = std::invoke_result_t<Work &>;
        post([guard = QPointer<QObject>(receiver), work = std::move(work), done = std::move(done)]() mutable {
            auto result = std::make_shared<R>(work());
            // The guard is read on the UI thread, where receivers live and die.
            QMetaObject::invokeMethod(QCoreApplication::instance(), [guard, result, done]() mutable {
                if (guard)
                    done(std::move(*result));
            });
        });
    }

    // Tasks posted and not yet finished (the screenshot tour waits for 0).
    int pendingCount() const { return m_pending.load(); }

private:
    void post(std::function<void()> task);

    QThread m_thread;
    QObject *m_context = nullptr; // lives on m_thread; tasks are queued to it
    std::atomic<int> m_pending {0};
};

} // namespace javumbo::gui
