#pragma once

#include "collection/records.h"

#include <QDialog>

namespace javumbo::gui {

class CardEditor;
class ClientContext;

// Editing the card being studied (E while reviewing), as Anki's Edit
// window: the browser's edit pane in a dialog. Closing it saves the edit.
class EditCardDialog : public QDialog
{
    Q_OBJECT
public:
    EditCardDialog(ClientContext *context, const collection::CardRecord &card, QWidget *parent = nullptr);

    CardEditor *editor() const { return m_editor; }

public Q_SLOTS:
    // Saves a pending edit first; stays open when it could not be saved (the editor says why).
    void done(int result) override;

Q_SIGNALS:
    void cardSaved(const javumbo::collection::CardRecord &card);

private:
    CardEditor *m_editor;
    bool m_closing = false;
};

} // namespace javumbo::gui
