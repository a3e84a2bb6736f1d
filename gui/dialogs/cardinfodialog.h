#pragma once

#include "collection/cardinfo.h"

#include <QDialog>

class QLabel;
class QTableWidget;

namespace javumbo::gui {

class ClientContext;

// Anki's Card Info: when the card was added, its state and every answer it
// had (the revlog rows: date, type, rating, interval, ease, time).
class CardInfoDialog : public QDialog
{
    Q_OBJECT
public:
    CardInfoDialog(ClientContext *context, qint64 cardId, QWidget *parent = nullptr);

    // Opens one (non-modal, deleted on close) for the card.
    static CardInfoDialog *showFor(ClientContext *context, qint64 cardId, QWidget *parent);
    bool isLoaded() const { return m_loaded; }
    QTableWidget *reviewTable() const { return m_reviews; }

private:
    void display(const collection::CardInfo &info);

    QLabel *m_summary;
    QTableWidget *m_reviews;
    bool m_loaded = false;
};

} // namespace javumbo::gui
