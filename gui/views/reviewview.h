#pragma once

#include "collection/bulkedit.h"
#include "collection/records.h"

#include <QElapsedTimer>
#include <QWidget>

#include <array>
#include <functional>
#include <optional>
#include <variant>

class QLabel;
class QPushButton;
class QStackedWidget;
class QToolButton;

namespace javumbo {
struct Error;
}

namespace javumbo::gui {

class CardView;
class ClientContext;

// Studying one deck as in Anki: the front, Show Answer (Space or Enter),
// four buttons labelled with the interval each would schedule (keys 1–4;
// Space or Enter on the answer side is Good), the remaining counts; while
// reviewing, E edits the card, @ or Ctrl+J suspends it, - buries it until
// tomorrow and Ctrl+1..4 flag it; Ctrl+Z takes back the last steps (up to
// ten answers, buries, suspensions and flags; answers are taken back
// through the undo the collection keeps, collection/undolog.h), each with a
// visible note; and
// a "Congratulations" page saying when the next card is due, with a way back
// to the deck list. Cards show as HTML, inert (CardView).
class ReviewView : public QWidget
{
    Q_OBJECT
public:
    enum class Stage
    {
        Idle, // no deck chosen or a call in flight
        Question,
        Answer,
        Finished,
    };
    static constexpr int kUndoDepth = 10; // like the API's undo of answers

    explicit ReviewView(ClientContext *context, QWidget *parent = nullptr);

    Stage stage() const { return m_stage; }
    bool canUndo() const { return !m_undo.isEmpty(); }
    int undoDepth() const { return int(m_undo.size()); }
    qint64 deckId() const { return m_deckId; }
    std::optional<qint64> currentCardId() const;
    std::optional<collection::CardRecord> currentCard() const;
    CardView *cardView() const { return m_cardView; }
    QString statusText() const;

public Q_SLOTS:
    void startDeck(qint64 deckId, const QString &deckName);
    void showAnswer();
    void answer(int ease);
    void undo();
    void editCard();
    void suspendCard();
    void buryCard();
    void flagCard(int flag);
    // Card font size and the like, after Preferences changed them.
    void applyPreferences();

Q_SIGNALS:
    void backToDecksRequested();

protected:
    void showEvent(QShowEvent *event) override;

private:
    // One step Ctrl+Z can take back.
    struct UndoStep
    {
        // An answer's undo id (the collection keeps the answer, collection/undolog.h) or a bulk change.
        std::variant<qint64, collection::BulkUndoRecord> record;
        QString name; // "answer", "bury", …: "Undid answer."
    };
    QWidget *buildCardPage();
    QWidget *buildFinishedPage();
    void loadNext();
    void showCard(const collection::NextCard &next);
    void redrawCard();
    void showFinished();
    void showError(const Error &error);
    void setStage(Stage stage);
    void pushUndo(UndoStep step);
    void changeCard(collection::BulkChange::Kind kind, int flag, const QString &name, const QString &done);
    QAction *addShortcut(const QString &text, const QList<QKeySequence> &keys, std::function<void()> slot);

    ClientContext *m_context;
    qint64 m_deckId = 0;
    QString m_deckName;
    Stage m_stage = Stage::Idle;
    bool m_answerShown = false; // of the current card, also while a call is in flight
    std::optional<collection::NextCard> m_card;
    QList<UndoStep> m_undo; // newest last
    QElapsedTimer m_shownFor; // time taken, written to the revlog

    QLabel *m_deckLabel;
    QLabel *m_counts;
    QLabel *m_flag;
    QToolButton *m_more;
    QStackedWidget *m_pages;
    CardView *m_cardView;
    QLabel *m_finishedText;
    QLabel *m_status;
    QStackedWidget *m_bar;
    QPushButton *m_showAnswer;
    std::array<QPushButton *, 4> m_easeButtons {};
};

} // namespace javumbo::gui
