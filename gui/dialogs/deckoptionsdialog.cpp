#include "deckoptionsdialog.h"

#include "client/clientcontext.h"
#include "client/errormessages.h"
#include "deckoptionsform.h"
#include "models/counttext.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

using collection::OptionsPreset;

DeckOptionsDialog::DeckOptionsDialog(
    ClientContext *context, qint64 deckId, const QString &deckName, QWidget *parent)
    : QDialog(parent)
    , m_context(context)
    , m_deckId(deckId)
    , m_preset(new QComboBox(this))
    , m_usedBy(new QLabel(this))
    , m_form(new DeckOptionsForm(this))
    , m_error(new QLabel(this))
{
    setObjectName(u"deckOptions"_s);
    setWindowTitle(u"Options for %1"_s.arg(deckName));
    m_preset->setObjectName(u"presetChooser"_s);
    m_preset->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_preset->setMinimumContentsLength(16);
    m_usedBy->setObjectName(u"presetUsedBy"_s);
    m_error->setObjectName(u"optionsError"_s);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(u"color: #d32f2f; font-weight: bold;"_s);
    m_error->hide();
    connect(m_preset, &QComboBox::activated, this, &DeckOptionsDialog::presetChosen);
    connect(m_form, &DeckOptionsForm::edited, m_error, &QWidget::hide);

    auto *presetRow = new QHBoxLayout;
    presetRow->addWidget(new QLabel(u"Preset:"_s, this));
    presetRow->addWidget(m_preset, 1);
    const std::pair<QString, std::function<void()>> commands[] = {
        {u"Add"_s, [this] { addPreset(QInputDialog::getText(this, u"Add preset"_s, u"Name:"_s), false); }},
        {u"Clone"_s,
            [this] {
                addPreset(QInputDialog::getText(this, u"Clone preset"_s, u"Name:"_s, QLineEdit::Normal,
                              m_preset->currentData(Qt::UserRole + 1).toString() + u" copy"_s),
                    true);
            }},
        {u"Rename"_s,
            [this] {
                renamePreset(QInputDialog::getText(this, u"Rename preset"_s, u"Name:"_s, QLineEdit::Normal,
                    m_preset->currentData(Qt::UserRole + 1).toString()));
            }},
        {u"Remove"_s, [this] { removePreset(); }},
    };
    for (const auto &[text, command] : commands) {
        auto *button = new QPushButton(text, this);
        button->setObjectName(u"preset"_s + text);
        connect(button, &QPushButton::clicked, this, command);
        presetRow->addWidget(button);
        m_presetButtons.append(button);
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_save = buttons->addButton(u"Save"_s, QDialogButtonBox::AcceptRole);
    m_save->setObjectName(u"saveOptions"_s);
    QPushButton *defaults = buttons->addButton(u"Restore defaults"_s, QDialogButtonBox::ResetRole);
    connect(defaults, &QPushButton::clicked, this, &DeckOptionsDialog::restoreDefaults);
    connect(buttons, &QDialogButtonBox::accepted, this, &DeckOptionsDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(presetRow);
    layout->addWidget(m_usedBy);
    layout->addWidget(m_form, 1);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    setBusy(true);
    load(0);
}

QString DeckOptionsDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

qint64 DeckOptionsDialog::chosenPreset() const
{
    return m_preset->currentData().toLongLong();
}

void DeckOptionsDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_save->setEnabled(!busy);
    for (QPushButton *button : std::as_const(m_presetButtons))
        button->setEnabled(!busy);
    if (!busy)
        m_presetButtons.constLast()->setEnabled(chosenPreset() != collection::deckoptions::kDefaultPresetId);
}

void DeckOptionsDialog::showError(const QString &text)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

void DeckOptionsDialog::load(qint64 select)
{
    setBusy(true);
    m_context->call(
        this,
        [deckId = m_deckId](CollectionClient &client) -> Result<Loaded> {
            auto presets = client.optionPresets();
            if (!presets)
                return presets.error();
            auto current = client.deckOptions(deckId);
            if (!current)
                return current.error();
            return Loaded {presets.value(), current->id};
        },
        [this, select](Result<Loaded> loaded) {
            m_loaded = true;
            setBusy(false);
            if (!loaded)
                return showError(errorMessage(loaded.error()));
            showPresets(loaded.value(), select);
        });
}

void DeckOptionsDialog::showPresets(const Loaded &loaded, qint64 select)
{
    const qint64 wanted = select ? select : (m_shown ? m_shown : loaded.deckPreset);
    if (!m_deckPreset)
        m_deckPreset = loaded.deckPreset;
    m_presets.clear();
    m_preset->clear();
    for (const OptionsPreset &preset : loaded.presets) {
        m_presets.insert(preset.id, preset);
        const QString name = m_edited.contains(preset.id) ? m_edited.value(preset.id).name : preset.name;
        m_preset->addItem(
            u"%1 (used by %2)"_s.arg(name, counted(preset.deckCount, u"deck"_s, u"decks"_s)), preset.id);
        m_preset->setItemData(m_preset->count() - 1, name, Qt::UserRole + 1);
    }
    m_preset->setCurrentIndex(std::max(0, m_preset->findData(wanted)));
    m_shown = 0; // nothing of the form to keep: it shows the chosen preset next
    presetChosen();
}

bool DeckOptionsDialog::stashForm()
{
    if (!m_shown)
        return true;
    auto config = m_form->config();
    if (!config) {
        showError(config.error().message);
        m_preset->setCurrentIndex(m_preset->findData(m_shown));
        return false;
    }
    OptionsPreset edited = m_edited.value(m_shown, m_presets.value(m_shown));
    if (config.value() != edited.config || m_edited.contains(m_shown)) {
        edited.config = config.value();
        m_edited.insert(m_shown, edited);
    }
    return true;
}

void DeckOptionsDialog::presetChosen()
{
    if (!stashForm())
        return;
    m_shown = chosenPreset();
    const OptionsPreset preset = m_edited.value(m_shown, m_presets.value(m_shown));
    m_form->setConfig(preset.config);
    const int others = m_presets.value(m_shown).deckCount - (m_shown == m_deckPreset ? 1 : 0);
    m_usedBy->setText(others > 0
            ? u"Changes here apply to %1 as well."_s.arg(counted(others, u"other deck"_s, u"other decks"_s))
            : u"Only this deck uses this preset."_s);
    setBusy(false);
}

void DeckOptionsDialog::restoreDefaults()
{
    m_form->setConfig(scheduling::DeckConfig {});
    Q_EMIT m_form->edited();
}

void DeckOptionsDialog::addPreset(const QString &name, bool cloneCurrent)
{
    if (name.trimmed().isEmpty())
        return;
    auto config = cloneCurrent ? m_form->config() : Result<scheduling::DeckConfig>(scheduling::DeckConfig {});
    if (!config)
        return showError(config.error().message);
    if (!stashForm())
        return;
    setBusy(true);
    // The new preset is used by this deck at once, as in Anki; Cancel does not take it back.
    m_context->call(
        this,
        [deckId = m_deckId, name, config = config.value()](
            CollectionClient &client) { return client.addOptionPreset(deckId, name, config); },
        [this](Result<OptionsPreset> added) {
            if (!added) {
                setBusy(false);
                return showError(errorMessage(added.error()));
            }
            m_deckPreset = added->id;
            m_shown = 0;
            load(added->id);
        });
}

void DeckOptionsDialog::renamePreset(const QString &name)
{
    if (name.trimmed().isEmpty() || !stashForm())
        return;
    OptionsPreset edited = m_edited.value(m_shown, m_presets.value(m_shown));
    edited.name = name.trimmed();
    m_edited.insert(m_shown, edited);
    const int index = m_preset->currentIndex();
    m_preset->setItemText(
        index, u"%1 (used by %2)"_s.arg(edited.name, counted(edited.deckCount, u"deck"_s, u"decks"_s)));
    m_preset->setItemData(index, edited.name, Qt::UserRole + 1);
}

void DeckOptionsDialog::removePreset()
{
    const qint64 presetId = chosenPreset();
    if (presetId == collection::deckoptions::kDefaultPresetId)
        return;
    const OptionsPreset preset = m_presets.value(presetId);
    if (QMessageBox::question(this, u"Remove preset"_s,
            u"Remove the preset “%1”? The %2 using it go back to Default."_s.arg(
                preset.name, counted(preset.deckCount, u"deck"_s, u"decks"_s)))
        != QMessageBox::Yes)
        return;
    setBusy(true);
    m_context->call(
        this, [presetId](CollectionClient &client) { return client.removeOptionPreset(presetId); },
        [this, presetId](Result<void> removed) {
            if (!removed) {
                setBusy(false);
                return showError(errorMessage(removed.error()));
            }
            m_edited.remove(presetId);
            if (m_deckPreset == presetId)
                m_deckPreset = collection::deckoptions::kDefaultPresetId;
            m_shown = 0;
            load(m_deckPreset);
        });
}

void DeckOptionsDialog::save()
{
    if (m_busy || !stashForm())
        return;
    const qint64 chosen = chosenPreset();
    const QList<OptionsPreset> edited = m_edited.values();
    setBusy(true);
    showError({});
    m_context->call(
        this,
        [deckId = m_deckId, chosen, edited](CollectionClient &client) -> Result<void> {
            // Every preset edited here, then the deck's choice; the first refusal stops it and says why.
            for (const OptionsPreset &preset : edited) {
                if (auto saved = client.saveOptionPreset(preset.id, preset.config, preset.name); !saved)
                    return saved.error();
            }
            if (auto used = client.useOptionPreset(deckId, chosen); !used)
                return used.error();
            return {};
        },
        [this](Result<void> saved) {
            setBusy(false);
            if (!saved)
                return showError(errorMessage(saved.error()));
            m_context->notifyChanged(); // new daily limits change the deck list's counts
            accept();
        });
}

} // namespace javumbo::gui
