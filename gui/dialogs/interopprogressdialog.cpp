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

void InteropProgressDialog::showProgress(const interop::InteropProgress &progress, qint64 elapsedMs)
{
    // Stages (reading, merging, media) go at different paces: each one's estimate starts afresh.
    if (progress.stage != m_stage) {
        m_stage = progress.stage;
        m_stageStartedMs = elapsedMs;
    }
    QString text = progress.stage;
    if (progress.total > 0) {
        setRange(0, 1000);
        const double fraction = std::clamp(double(progress.done) / double(progress.total), 0.0, 1.0);
        setValue(int(fraction * 1000));
        text += u": %1 of %2"_s.arg(progress.done).arg(progress.total);
        const qint64 stageMs = elapsedMs - m_stageStartedMs;
        // Too early a guess jumps around: wait for a second and 2 % of the stage.
        if (fraction > 0.02 && fraction < 1.0 && stageMs > 1000) {
            const qint64 leftSeconds = qRound64(double(stageMs) * (1.0 - fraction) / fraction / 1000.0);
            text += leftSeconds < 90 ? u" (about %1 s left)"_s.arg(leftSeconds)
                                     : u" (about %1 min left)"_s.arg(qRound64(double(leftSeconds) / 60.0));
        }
    } else {
        setRange(0, 0);
        if (progress.done > 0)
            text += u": %1"_s.arg(progress.done);
    }
    setLabelText(text);
}

} // namespace javumbo::gui
