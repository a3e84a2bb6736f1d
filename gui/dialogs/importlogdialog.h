#pragma once

#include "interop/importsummary.h"

#include <QDialog>

namespace javumbo::gui {

// The result of an import, like Anki's import log: the counts (added,
// updated, unchanged, cards, decks, media), what was simplified and every
// skipped note or line with its reason.
class ImportLogDialog : public QDialog
{
    Q_OBJECT
public:
    ImportLogDialog(
        const QString &file, const interop::ImportSummary &summary, const QString &note, QWidget *parent);
};

} // namespace javumbo::gui
