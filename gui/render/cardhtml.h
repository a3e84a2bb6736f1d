#pragma once

#include <QString>

namespace javumbo::gui::cardhtml {

// A card field is HTML, as in Anki (bold, lists, images from the media
// folder); cards typed before fields were HTML are plain text with line
// breaks. True when `field` has tags or entities, i.e. is HTML.
bool looksLikeHtml(const QString &field);

// The field as HTML that is safe to give a QTextDocument: plain text is
// escaped (line breaks kept); from HTML go scripts, styles, frames, objects,
// event attributes and every reference that would leave the media folder
// (http:, file:, data:, //host …): a remote image becomes a short note, a
// remote link plain text. Anki's [sound:x.mp3] shows as its file name.
QString safeHtml(const QString &field);

// What a card shows: the front, and on the answer side a rule and the back
// after an anchor named "answer" (Anki's <hr id=answer>).
QString cardHtml(const QString &front, const QString &back, bool answerShown);

// True when `url` names a file in the media folder: a plain relative name,
// no scheme, no host, no "..".
bool isMediaReference(const QString &url);

} // namespace javumbo::gui::cardhtml
