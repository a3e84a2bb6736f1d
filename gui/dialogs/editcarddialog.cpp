#include "editcarddialog.h"

#include "client/clientcontext.h"
#include "views/cardeditor.h"

#include <QDialogButtonBox>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

EditCardDialog::EditCardDialog(ClientContext *context, const collection::CardRecord &card, QWidget *parent)
    : QDialog(parent), m_editor(new CardEditor(context, this))
{
    setObjectName(u"editCardDialog"_s);
    setWindowTitle(u"Edit card"_s);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_editor, 1);
    layout->addWidget(buttons);
    resize(560, 420);
    connect(m_editor, &CardEditor::cardSaved, this, &EditCardDialog::cardSaved);
    m_editor->setMediaDirectory(context->hasClient() ? context->client()->mediaDirectory() : QString());
    m_editor->setCard(card);
    context->call(
        this, [](CollectionClient &client) { return client.decks(); },
        [this](Result<QList<collection::DeckSummary>> decks) {
            if (!decks)
                return;
            QList<std::pair<qint64, QString>> list;
            for (const auto &deck : decks.value())
                list.append({deck.id, deck.name});
            m_editor->setDecks(list);
        });
}

void EditCardDialog::done(int result)
{
    if (m_closing)
        return;
    m_closing = true;
    m_editor->saveThen([this, result](bool saved) {
        m_closing = false;
        if (saved)
            QDialog::done(result);
    });
}

} // namespace javumbo::gui
