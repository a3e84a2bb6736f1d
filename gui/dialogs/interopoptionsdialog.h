#pragma once

#include "collection/records.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QComboBox;

namespace javumbo::gui {

// The choices before an import or an export: the deck (import: where the
// notes go, or "as in the file"; export: one deck with its children, or all),
// and for an export the format and whether scheduling goes along.
class InteropOptionsDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Purpose
    {
        Import,
        Export
    };
    InteropOptionsDialog(Purpose purpose, const QList<collection::DeckSummary> &decks, QWidget *parent);

    std::optional<qint64> deckId() const;
    QString format() const; // export: "apkg", "colpkg" or "csv"
    bool withScheduling() const;

private:
    QComboBox *m_deck;
    QComboBox *m_format = nullptr;
    QCheckBox *m_scheduling = nullptr;
};

} // namespace javumbo::gui
