#include "interopoptionsdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

InteropOptionsDialog::InteropOptionsDialog(
    Purpose purpose, const QList<collection::DeckSummary> &decks, QWidget *parent)
    : QDialog(parent), m_deck(new QComboBox(this))
{
    const bool importing = purpose == Purpose::Import;
    setWindowTitle(importing ? u"Import"_s : u"Export"_s);
    auto *form = new QFormLayout(this);
    if (!importing) {
        m_format = new QComboBox(this);
        m_format->setObjectName(u"format"_s);
        m_format->addItem(u"Anki deck package (.apkg)"_s, u"apkg"_s);
        m_format->addItem(u"Anki collection package (.colpkg)"_s, u"colpkg"_s);
        m_format->addItem(u"Notes as text, Anki's format (.txt)"_s, u"csv"_s);
        form->addRow(u"Format:"_s, m_format);
    }
    m_deck->setObjectName(u"deck"_s);
    m_deck->addItem(importing ? u"As named in the file"_s : u"All decks"_s, QVariant());
    for (const collection::DeckSummary &deck : decks)
        m_deck->addItem(deck.name, deck.id);
    form->addRow(u"Deck:"_s, m_deck);
    if (!importing) {
        m_scheduling = new QCheckBox(u"Include scheduling and review history"_s, this);
        m_scheduling->setObjectName(u"scheduling"_s);
        m_scheduling->setChecked(true);
        form->addRow(m_scheduling);
        connect(m_format, &QComboBox::currentIndexChanged, this, [this] {
            const QString chosen = format();
            m_deck->setEnabled(chosen != u"colpkg"_s);
            m_scheduling->setEnabled(chosen != u"csv"_s);
        });
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
}

std::optional<qint64> InteropOptionsDialog::deckId() const
{
    const QVariant id = m_deck->currentData();
    if (!id.isValid() || !m_deck->isEnabled())
        return std::nullopt;
    return id.toLongLong();
}

QString InteropOptionsDialog::format() const
{
    return m_format ? m_format->currentData().toString() : QString();
}

bool InteropOptionsDialog::withScheduling() const
{
    return !m_scheduling || m_scheduling->isChecked();
}

} // namespace javumbo::gui
