#pragma once

#include "collection/records.h"

#include <QElapsedTimer>
#include <QWidget>

#include <array>
#include <optional>

class QLabel;
class QPushButton;
class QStackedWidget;

namespace javumbo {
struct Error;
}

namespace javumbo::gui {

class ClientContext;

// Studying one deck as in Anki: the front, Show Answer (Space or Enter),
// four buttons labelled with the interval each would schedule (keys 1–4),
// the remaining counts, Ctrl+Z to take answers back (several deep: the
// collection keeps them, collection/undolog.h), and a "Congratulations" page
// saying when the next card is due.
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

    explicit ReviewView(ClientContext *context, QWidget *parent = nullptr);

    Stage stage() const { return m_stage; }
    bool canUndo() const { return !m_undoIds.isEmpty(); }
    qint64 deckId() const { return m_deckId; }
    std::optional<qint64> currentCardId() const;

public Q_SLOTS:
    void startDeck(qint64 deckId, const QString &deckName);
    void showAnswer();
    void answer(int ease);
    void undo();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    QWidget *buildCardPage();
    QWidget *buildFinishedPage();
    void loadNext();
    void showCard(const collection::NextCard &next);
    void showFinished();
    void showError(const Error &error);
    void setStage(Stage stage);
    void addShortcut(const QString &text, const QList<QKeySequence> &keys, std::function<void()> slot);

    ClientContext *m_context;
    qint64 m_deckId = 0;
    QString m_deckName;
    Stage m_stage = Stage::Idle;
    std::optional<collection::NextCard> m_card;
    QList<qint64> m_undoIds; // this session's answers, newest last
    QElapsedTimer m_shownFor; // time taken, written to the revlog

    QLabel *m_deckLabel;
    QLabel *m_counts;
    QStackedWidget *m_pages;
    QLabel *m_front;
    QLabel *m_back;
    QWidget *m_separator;
    QLabel *m_finishedText;
    QLabel *m_status;
    QStackedWidget *m_bar;
    QPushButton *m_showAnswer;
    std::array<QPushButton *, 4> m_easeButtons {};
};

} // namespace javumbo::gui
