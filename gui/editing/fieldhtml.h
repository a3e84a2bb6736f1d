#pragma once

#include <QString>

class QTextDocument;

namespace javumbo::gui::fieldhtml {

// The document as a card field in Anki's plain HTML: text escaped, <b>, <i>,
// <u>, <ul>/<ol> with <li>, <br> between lines, <img src="name"> for media
// images; never Qt's verbose HTML document (no <html>, <style>, spans with
// styles). Text without formatting comes out as the text itself.
QString fromDocument(const QTextDocument &document);

// Loads a stored field for editing: HTML (made safe, cardhtml::safeHtml) or
// plain text, whose line breaks are kept.
void toDocument(QTextDocument &document, const QString &field);

} // namespace javumbo::gui::fieldhtml
