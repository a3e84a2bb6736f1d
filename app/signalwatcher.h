#pragma once

#include <QObject>

class QSocketNotifier;

namespace javumbo::app {

// Turns SIGINT and SIGTERM into a Qt signal on the main thread (a self-pipe:
// the only async-signal-safe way to wake an event loop).
class SignalWatcher : public QObject
{
    Q_OBJECT
public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

Q_SIGNALS:
    void terminationRequested(int signal);

private:
    void readSignal();
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace javumbo::app
