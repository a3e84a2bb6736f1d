#pragma once

#include "interop/interopprogress.h"

#include <QElapsedTimer>
#include <QProgressDialog>

namespace javumbo::gui {

// The progress of an import or export that runs on the client's worker
// thread: a bar, the stage and an estimate of the time left. sink() is the
// ProgressSink to hand to the work; it may be called from any thread and
// redraws at most ten times a second (docs/architecture.md §5).
class InteropProgressDialog : public QProgressDialog
{
    Q_OBJECT
public:
    InteropProgressDialog(const QString &title, QWidget *parent);

    interop::ProgressSink sink();
    void showProgress(const interop::InteropProgress &progress)
    {
        showProgress(progress, m_started.elapsed());
    }
    // `elapsedMs` since the dialog opened: the estimate extrapolates the current stage's pace.
    void showProgress(const interop::InteropProgress &progress, qint64 elapsedMs);

private:
    QElapsedTimer m_started;
    QString m_stage;
    qint64 m_stageStartedMs = 0;
};

} // namespace javumbo::gui
