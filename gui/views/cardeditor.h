#pragma once

#include "collection/records.h"

#include <QWidget>

#include <functional>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QFrame;

namespace javumbo::gui {

class ClientContext;
class RichFieldEdit;

// The edit pane for one card (the browser's, and the reviewer's Edit).
// Fields are rich text stored as Anki's HTML. Saves with the card's version
// (CardEdit::expectedEtag, the API's If-Match): when someone changed the card
// meanwhile, it says so, keeps the user's text and offers to reload or to
// save over the other change. Its owner saves it before the card goes away
// (saveThen), as Anki saves the note when the editor loses it.
class CardEditor : public QWidget
{
    Q_OBJECT
public:
    explicit CardEditor(ClientContext *context, QWidget *parent = nullptr);

    void setDecks(const QList<std::pair<qint64, QString>> &decks);
    void setCard(const std::optional<collection::CardRecord> &card);
    void setMediaDirectory(const QString &directory);
    std::optional<qint64> cardId() const;
    bool isModified() const;
    bool isSaving() const { return m_saving; }
    bool hasConflict() const;
    QString conflictMessage() const;
    // Saves a pending edit, then calls done(true); done(false) when it could
    // not be saved (a conflict shows its banner, any other error its message).
    // With nothing to save, done(true) at once.
    void saveThen(std::function<void(bool saved)> done);
    // The formatting commands of the focused field's kind, for the shortcut list.
    QList<QAction *> formatActions() const;

public Q_SLOTS:
    void save();
    void reload();
    void saveOverOtherChange();

Q_SIGNALS:
    void cardSaved(const javumbo::collection::CardRecord &card);

private:
    collection::CardEdit currentEdit() const;
    void send(const collection::CardEdit &edit, std::function<void(bool saved)> done);
    void showConflict(bool shown);
    void showStatus(const QString &text);

    ClientContext *m_context;
    std::optional<collection::CardRecord> m_card; // as loaded: its mod is the version we edit
    RichFieldEdit *m_front;
    RichFieldEdit *m_back;
    QLineEdit *m_tags;
    QComboBox *m_deck;
    QPushButton *m_save;
    QFrame *m_conflict;
    QLabel *m_conflictText;
    QLabel *m_status;
    bool m_saving = false;
};

} // namespace javumbo::gui
