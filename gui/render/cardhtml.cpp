#include "cardhtml.h"

#include <QRegularExpression>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace javumbo::gui::cardhtml {

namespace {

// A field is HTML when it holds an element a browser knows (or an entity): "a < b" and "<tags>" are text,
// as they were typed before fields were HTML. A tag starts right after '<', as in HTML.
const QRegularExpression kTag(
    u"</"
    u"?(b|i|u|s|em|strong|strike|del|ins|sub|sup|small|big|mark|font|span|div|p|br|hr|ul|ol|li|dl|dt|dd|img|"
    u"a|"
    u"h[1-6]|pre|code|blockquote|table|thead|tbody|tr|td|th|center|"
    u"script|style|iframe|frame|frameset|object|embed|applet|template|noscript|audio|video|svg|math|head|"
    u"title|"
    u"textarea|select|link|meta|base|source|track|param|form|input|button)(\\s[^<>]*)?/?>|"
    u"&(#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);"_s,
    QRegularExpression::CaseInsensitiveOption);
// Elements that go with everything inside them: they run code, load other documents or style the page.
const QRegularExpression kDangerousElement(
    u"<\\s*(script|style|iframe|frame|frameset|object|embed|applet|template|noscript|audio|video|svg|math|head|title|textarea|select)\\b.*?(<\\s*/\\s*\\1\\s*>|$)"_s,
    QRegularExpression::CaseInsensitiveOption | QRegularExpression::DotMatchesEverythingOption);
// Elements that go alone: they would load or redirect something.
const QRegularExpression kDangerousTag(
    u"<\\s*/?\\s*(link|meta|base|source|track|param|form|input|button)\\b[^>]*>"_s,
    QRegularExpression::CaseInsensitiveOption);
const QRegularExpression kComment(u"<!--.*?(-->|$)"_s, QRegularExpression::DotMatchesEverythingOption);
const QRegularExpression kOpenTag(u"<\\s*([a-zA-Z][a-zA-Z0-9]*)((?:\\s+[^>]*?)?)\\s*(/?)>"_s);
const QRegularExpression kAttribute(u"([^\\s=/>]+)(?:\\s*=\\s*(\"[^\"]*\"|'[^']*'|[^\\s>]+))?"_s);
const QRegularExpression kScheme(u"^\\s*([a-zA-Z][a-zA-Z0-9+.-]*:|//|\\\\\\\\)"_s);
const QRegularExpression kSound(u"\\[sound:([^\\]]+)\\]"_s);

QString unquoted(QString value)
{
    if (value.size() >= 2 && (value.startsWith(u'"') || value.startsWith(u'\'')))
        value = value.mid(1, value.size() - 2);
    return value;
}

// One start tag with only harmless attributes; an image that is not in the media folder becomes a note.
QString cleanTag(const QString &name, const QString &attributes, const QString &selfClosing)
{
    const QString element = name.toLower();
    QStringList kept;
    auto it = kAttribute.globalMatch(attributes);
    while (it.hasNext()) {
        const auto match = it.next();
        const QString key = match.captured(1).toLower();
        const QString value = unquoted(match.captured(2));
        if (key.startsWith(u"on"_s) || key == u"srcset"_s || key == u"background"_s || key == u"poster"_s
            || key == u"data"_s || key == u"xmlns"_s)
            continue;
        if (key == u"style"_s && value.contains(u"url("_s, Qt::CaseInsensitive))
            continue; // a CSS url() would be fetched as a resource
        if (key == u"src"_s && !isMediaReference(value)) {
            if (element == u"img"_s)
                return u"<i>[image not shown: it is not in the collection's media folder]</i>"_s;
            continue;
        }
        if (key == u"href"_s && !value.startsWith(u'#'))
            continue; // links never navigate: their text stays
        kept.append(match.captured(0)); // as written: its value is already HTML
    }
    return u'<' % element % (kept.isEmpty() ? QString() : u' ' % kept.join(u' ')) % selfClosing % u'>';
}

} // namespace

bool looksLikeHtml(const QString &field)
{
    return kTag.match(field).hasMatch();
}

bool isMediaReference(const QString &url)
{
    const QString name = url.trimmed();
    return !name.isEmpty() && !kScheme.match(name).hasMatch() && !name.startsWith(u'/')
        && !name.contains(u".."_s) && !name.contains(u'\\') && !name.contains(u'?');
}

QString safeHtml(const QString &field)
{
    QString html = looksLikeHtml(field) ? field : field.toHtmlEscaped().replace(u'\n', u"<br>"_s);
    html.remove(kComment);
    html.remove(kDangerousElement);
    html.remove(kDangerousTag);
    QString result;
    qsizetype from = 0;
    auto it = kOpenTag.globalMatch(html);
    while (it.hasNext()) {
        const auto match = it.next();
        result += QStringView(html).mid(from, match.capturedStart() - from);
        result += cleanTag(match.captured(1), match.captured(2), match.captured(3));
        from = match.capturedEnd();
    }
    result += QStringView(html).mid(from);
    result.replace(kSound, u"🔊 \\1"_s);
    return result;
}

QString cardHtml(const QString &front, const QString &back, bool answerShown)
{
    if (!answerShown)
        return safeHtml(front);
    // The back in a block of its own: Qt draws an <hr> under its block's text, so inline text right
    // after it would land above the rule.
    return safeHtml(front) % u"<hr><div><a name=\"answer\"></a>"_s % safeHtml(back) % u"</div>"_s;
}

} // namespace javumbo::gui::cardhtml
