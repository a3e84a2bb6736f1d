#pragma once

#include "collection/records.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QFrame;

namespace javumbo::gui {

class ClientContext;

// The browser's edit pane for one card. Saves with the card's version
// (CardEdit::expectedEtag, the API's If-Match): when someone changed the card
// meanwhile, it says so, keeps the user's text and offers to reload or to
// save over the other change.
class CardEditor : public QWidget
{
    Q_OBJECT
public:
    explicit CardEditor(ClientContext *context, QWidget *parent = nullptr);

    void setDecks(const QList<std::pair<qint64, QString>> &decks);
    void setCard(const std::optional<collection::CardRecord> &card);
    std::optional<qint64> cardId() const;
    bool isModified() const;
    bool hasConflict() const;
    QString conflictMessage() const;

public Q_SLOTS:
    void save();
    void reload();
    void saveOverOtherChange();

Q_SIGNALS:
    void cardSaved(const javumbo::collection::CardRecord &card);

private:
    collection::CardEdit currentEdit() const;
    void send(const collection::CardEdit &edit);
    void showConflict(bool shown);
    void showStatus(const QString &text);

    ClientContext *m_context;
    std::optional<collection::CardRecord> m_card; // as loaded: its mod is the version we edit
    QPlainTextEdit *m_front;
    QPlainTextEdit *m_back;
    QLineEdit *m_tags;
    QComboBox *m_deck;
    QPushButton *m_save;
    QFrame *m_conflict;
    QLabel *m_conflictText;
    QLabel *m_status;
};

} // namespace javumbo::gui
