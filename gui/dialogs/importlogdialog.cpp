#include "importlogdialog.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

ImportLogDialog::ImportLogDialog(
    const QString &file, const interop::ImportSummary &summary, const QString &note, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(u"Imported %1"_s.arg(QFileInfo(file).fileName()));
    auto *layout = new QVBoxLayout(this);
    auto *counts = new QFormLayout;
    const std::pair<QString, qint64> rows[] = {{u"Notes added"_s, summary.notesAdded},
        {u"Notes updated"_s, summary.notesUpdated}, {u"Notes unchanged"_s, summary.notesUnchanged},
        {u"Cards added"_s, summary.cardsAdded}, {u"Decks created"_s, summary.decksCreated},
        {u"Media files added"_s, summary.mediaAdded}, {u"Skipped"_s, summary.skippedCount()}};
    for (const auto &[label, value] : rows) {
        auto *number = new QLabel(QString::number(value));
        number->setObjectName(label);
        counts->addRow(label % u':', number);
    }
    layout->addLayout(counts);
    if (!note.isEmpty())
        layout->addWidget(new QLabel(note));
    QStringList details;
    for (const QString &line : summary.simplified)
        details.append(u"Simplified: "_s % line);
    for (const interop::SkippedItem &item : summary.skipped)
        details.append(
            (item.line > 0 ? u"Skipped line %1: "_s.arg(item.line) : u"Skipped: "_s) % item.reason);
    if (summary.skippedNotListed > 0)
        details.append(u"… and %1 more skipped"_s.arg(summary.skippedNotListed));
    if (!details.isEmpty()) {
        auto *log = new QPlainTextEdit(details.join(u'\n'));
        log->setObjectName(u"importLog"_s);
        log->setReadOnly(true);
        layout->addWidget(log);
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::accept);
    layout->addWidget(buttons);
}

} // namespace javumbo::gui
