#pragma once

#include "collection/records.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace javumbo::gui {

class ClientContext;

// Adding cards: front, back, tags and deck. Stays open for rapid entry
// (Ctrl+Enter adds and clears the fields) and remembers the last deck.
class AddCardDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AddCardDialog(ClientContext *context, QWidget *parent = nullptr);

    // Preselects a deck (the one chosen in the deck list), unless the user picked another last time.
    void setPreferredDeck(qint64 deckId);
    int addedCount() const { return m_added; }

public Q_SLOTS:
    void addCard();

private:
    void loadDecks();
    qint64 chosenDeck() const;

    ClientContext *m_context;
    QComboBox *m_deck;
    QPlainTextEdit *m_front;
    QPlainTextEdit *m_back;
    QLineEdit *m_tags;
    QLabel *m_status;
    QPushButton *m_add;
    qint64 m_wantedDeck = 0;
    int m_added = 0;
};

} // namespace javumbo::gui
