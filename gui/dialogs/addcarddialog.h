#pragma once

#include "collection/records.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTimer;

namespace javumbo::gui {

class ClientContext;
class RichFieldEdit;

// Adding cards, as Anki's Add window: front and back (rich text: bold,
// italic, underline, lists), tags and deck. Opens on the deck chosen in the
// deck list (or being studied) with the cursor in Front; stays open for rapid
// entry (Ctrl+Enter adds and clears the fields). A front that another note of
// the deck already has is marked as a duplicate, and can still be added.
class AddCardDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AddCardDialog(ClientContext *context, QWidget *parent = nullptr);

    // The deck new cards go to (the one chosen in the deck list or being studied).
    void setPreferredDeck(qint64 deckId);
    qint64 chosenDeck() const;
    int addedCount() const { return m_added; }
    bool isDuplicateShown() const;
    QString duplicateMessage() const;
    // True while the deck list or a duplicate check is on its way.
    bool isChecking() const { return m_checking; }

public Q_SLOTS:
    void addCard();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void loadDecks();
    void checkDuplicate();
    void showDuplicate(bool duplicate);

    ClientContext *m_context;
    QComboBox *m_deck;
    RichFieldEdit *m_front;
    RichFieldEdit *m_back;
    QLineEdit *m_tags;
    QLabel *m_duplicate;
    QLabel *m_status;
    QPushButton *m_add;
    QTimer *m_duplicateTimer;
    qint64 m_wantedDeck = 0;
    int m_added = 0;
    bool m_checking = false;
    int m_checkGeneration = 0; // a check's answer counts only if nothing changed since it was asked
};

} // namespace javumbo::gui
