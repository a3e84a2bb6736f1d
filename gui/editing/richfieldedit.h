#pragma once

#include "render/mediaresources.h"

#include <QTextEdit>

namespace javumbo::gui {

// One field of a card in the editor: rich text with bold, italic, underline
// (Ctrl+B, Ctrl+I, Ctrl+U) and lists (Ctrl+Shift+8 bullets, Ctrl+Shift+7
// numbers), stored as Anki's plain HTML (fieldhtml). Images show from the
// media folder only. Tab moves to the next field.
class RichFieldEdit : public QTextEdit
{
    Q_OBJECT
public:
    explicit RichFieldEdit(QWidget *parent = nullptr);

    void setMediaDirectory(const QString &directory) { m_resources.setDirectory(directory); }
    // Loads a stored field; the editor counts as unmodified afterwards.
    void setField(const QString &field);
    // The field to store: the text as loaded while nothing changed, else the document as HTML.
    QString field() const;
    bool isModified() const;
    void clearField() { setField(QString()); }

    // The formatting commands, for a toolbar and the shortcut list.
    QAction *boldAction() const { return m_bold; }
    QAction *italicAction() const { return m_italic; }
    QAction *underlineAction() const { return m_underline; }
    QAction *bulletListAction() const { return m_bullets; }
    QAction *numberedListAction() const { return m_numbers; }
    QList<QAction *> formatActions() const { return {m_bold, m_italic, m_underline, m_bullets, m_numbers}; }

    QSize sizeHint() const override;

protected:
    QVariant loadResource(int type, const QUrl &name) override;
    void insertFromMimeData(const QMimeData *source) override;

private:
    QAction *addFormatAction(const QString &text, const QKeySequence &key, std::function<void()> apply);
    void toggleList(int style);
    void updateActions();

    MediaResources m_resources;
    QString m_loaded;
    bool m_changed = false;
    QAction *m_bold;
    QAction *m_italic;
    QAction *m_underline;
    QAction *m_bullets;
    QAction *m_numbers;
};

} // namespace javumbo::gui
