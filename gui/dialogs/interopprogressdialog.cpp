#include "interopprogressdialog.h"

#include <QCoreApplication>
#include <QPointer>

#include <atomic>
#include <memory>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

InteropProgressDialog::InteropProgressDialog(const QString &title, QWidget *parent) : QProgressDialog(parent)
{
    setWindowTitle(title);
    setLabelText(u"Starting…"_s);
    setCancelButton(nullptr); // one transaction: it finishes or changes nothing
    setMinimumDuration(300);
    setRange(0, 0);
    setAutoClose(false);
    setAutoReset(false);
    m_started.start();
}

interop::ProgressSink InteropProgressDialog::sink()
{
    struct Throttle
    {
        std::atomic<qint64> lastMs {-1000};
        QElapsedTimer clock;
    };
    auto throttle = std::make_shared<Throttle>();
    throttle->clock.start();
    QPointer<InteropProgressDialog> guard(this);
    return [guard, throttle](const interop::InteropProgress &progress) {
        const qint64 now = throttle->clock.elapsed();
        if (now - throttle->lastMs.load() < 100 && progress.done != progress.total)
            return;
        throttle->lastMs.store(now);
        // Queued to the application object, which outlives every dialog; the guard is read on the UI thread.
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [guard, progress] {
                if (guard)
                    guard->showProgress(progress);
            },
            Qt::QueuedConnection);
    };
}

void InteropProgressDialog::showProgress(const interop::InteropProgress &progress)
{
    QString text = progress.stage;
    if (progress.total > 0) {
        setRange(0, 1000);
        const double fraction = std::clamp(double(progress.done) / double(progress.total), 0.0, 1.0);
        setValue(int(fraction * 1000));
        text += u": %1 of %2"_s.arg(progress.done).arg(progress.total);
        const double elapsed = double(m_started.elapsed()) / 1000.0;
        if (fraction > 0.02 && elapsed > 1.0)
            text += u" (about %1 s left)"_s.arg(qRound(elapsed * (1.0 - fraction) / fraction));
    } else {
        setRange(0, 0);
        if (progress.done > 0)
            text += u": %1"_s.arg(progress.done);
    }
    setLabelText(text);
}

} // namespace javumbo::gui
