#pragma once

#include "collection/deckoptions.h"

#include <QDialog>
#include <QHash>

class QComboBox;
class QLabel;
class QPushButton;

namespace javumbo::gui {

class ClientContext;
class DeckOptionsForm;

// A deck's options, as Anki's deck options screen: the preset the deck uses
// (shared with other decks: "used by 3 decks"), adding, cloning, renaming
// and removing presets, and the preset's options (DeckOptionsForm). Save
// points the deck at the chosen preset and writes every preset edited in the
// dialog; refusals (Anki's ranges) are shown under the form.
class DeckOptionsDialog : public QDialog
{
    Q_OBJECT
public:
    DeckOptionsDialog(
        ClientContext *context, qint64 deckId, const QString &deckName, QWidget *parent = nullptr);

    DeckOptionsForm *form() const { return m_form; }
    QComboBox *presetChooser() const { return m_preset; }
    bool isLoaded() const { return m_loaded; }
    bool isBusy() const { return m_busy; }
    QString errorText() const;
    qint64 chosenPreset() const;

public Q_SLOTS:
    void save();
    void addPreset(const QString &name, bool cloneCurrent);
    void renamePreset(const QString &name);
    void removePreset();
    void restoreDefaults();

private:
    struct Loaded
    {
        QList<collection::OptionsPreset> presets;
        qint64 deckPreset = 0;
    };
    void load(qint64 select);
    void showPresets(const Loaded &loaded, qint64 select);
    void presetChosen();
    bool stashForm(); // keeps the shown preset's edits when another is chosen
    void showError(const QString &text);
    void setBusy(bool busy);

    ClientContext *m_context;
    qint64 m_deckId;
    QComboBox *m_preset;
    QLabel *m_usedBy;
    DeckOptionsForm *m_form;
    QLabel *m_error;
    QPushButton *m_save;
    QList<QPushButton *> m_presetButtons;
    QHash<qint64, collection::OptionsPreset> m_presets; // as stored
    QHash<qint64, collection::OptionsPreset> m_edited; // changed here, not yet saved
    qint64 m_shown = 0;
    qint64 m_deckPreset = 0;
    bool m_loaded = false;
    bool m_busy = false;
};

} // namespace javumbo::gui
