#include "notefields.h"

#include <QCryptographicHash>
#include <QHash>
#include <QRandomGenerator>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace javumbo::collection::notefields {

namespace {

QString decodeEntities(const QString &text)
{
    static const QHash<QString, QChar> named = {
        {u"amp"_s, u'&'},
        {u"lt"_s, u'<'},
        {u"gt"_s, u'>'},
        {u"quot"_s, u'"'},
        {u"apos"_s, u'\''},
        {u"nbsp"_s, QChar(0xa0)},
        {u"copy"_s, QChar(0xa9)},
        {u"reg"_s, QChar(0xae)},
        {u"hellip"_s, QChar(0x2026)},
        {u"mdash"_s, QChar(0x2014)},
        {u"ndash"_s, QChar(0x2013)},
        {u"laquo"_s, QChar(0xab)},
        {u"raquo"_s, QChar(0xbb)},
        {u"euro"_s, QChar(0x20ac)},
    };
    static const QRegularExpression entity(u"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z]{2,8});"_s);
    QString out;
    out.reserve(text.size());
    qsizetype last = 0;
    auto it = entity.globalMatch(text);
    while (it.hasNext()) {
        const auto match = it.next();
        out += QStringView(text).mid(last, match.capturedStart() - last);
        last = match.capturedEnd();
        const QString body = match.captured(1);
        if (body.startsWith(u'#')) {
            bool ok = false;
            const bool hex = body.size() > 1 && (body[1] == u'x' || body[1] == u'X');
            const uint code = hex ? body.mid(2).toUInt(&ok, 16) : body.mid(1).toUInt(&ok, 10);
            if (ok && code > 0 && code <= 0x10FFFF && !(code >= 0xD800 && code <= 0xDFFF)) {
                const char32_t c = char32_t(code);
                out += QString::fromUcs4(&c, 1);
                continue;
            }
        } else if (auto found = named.constFind(body); found != named.constEnd()) {
            out += *found;
            continue;
        }
        out += match.captured(0); // unknown entity: keep the text as written
    }
    out += QStringView(text).mid(last);
    return out;
}

} // namespace

QString stripHtml(const QString &html)
{
    // Most fields are plain text: skip the regular expressions entirely.
    if (!html.contains(u'<') && !html.contains(u'&') && !html.contains(QChar(0xa0)))
        return html;
    static const QRegularExpression comments(u"<!--.*?-->"_s, QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression blocks(u"<(style|script)\\b[^>]*>.*?</\\1\\s*>"_s,
        QRegularExpression::DotMatchesEverythingOption | QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression media(
        u"<(?:img|audio|video|object|source)\\b[^>]*?\\b(?:src|data)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+))[^>]*>"_s,
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression tags(u"<[^>]*>"_s, QRegularExpression::DotMatchesEverythingOption);

    QString text = html;
    text.remove(comments);
    text.remove(blocks);
    QString withMedia;
    qsizetype last = 0;
    auto it = media.globalMatch(text);
    while (it.hasNext()) {
        const auto match = it.next();
        withMedia += QStringView(text).mid(last, match.capturedStart() - last);
        QString file = match.captured(1);
        if (file.isEmpty())
            file = match.captured(2);
        if (file.isEmpty())
            file = match.captured(3);
        withMedia += u' ' % file % u' ';
        last = match.capturedEnd();
    }
    withMedia += QStringView(text).mid(last);
    withMedia.remove(tags);
    QString decoded = decodeEntities(withMedia);
    decoded.replace(QChar(0xa0), u' ');
    return decoded;
}

qint64 checksum(const QString &firstField)
{
    return checksumOfStripped(stripHtml(firstField));
}

qint64 checksumOfStripped(const QString &strippedField)
{
    const QByteArray digest = QCryptographicHash::hash(strippedField.toUtf8(), QCryptographicHash::Sha1);
    return qint64((quint32(quint8(digest[0])) << 24) | (quint32(quint8(digest[1])) << 16)
        | (quint32(quint8(digest[2])) << 8) | quint32(quint8(digest[3])));
}

QString base91(quint64 value)
{
    static const QString alphabet
        = u"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~"_s;
    Q_ASSERT(alphabet.size() == 91);
    QString digits;
    do {
        digits.prepend(alphabet.at(qsizetype(value % 91)));
        value /= 91;
    } while (value > 0);
    return digits;
}

QString newGuid()
{
    return base91(QRandomGenerator::system()->generate64());
}

QString joinTags(const QStringList &tags)
{
    if (tags.isEmpty())
        return QString();
    return u' ' % tags.join(u' ') % u' ';
}

QStringList splitTags(const QString &stored)
{
    return stored.split(u' ', Qt::SkipEmptyParts);
}

QStringList normalizeTags(const QStringList &tags, bool *ok)
{
    QStringList result;
    bool valid = true;
    for (const QString &tag : tags) {
        const QString trimmed = tag.trimmed();
        if (trimmed.isEmpty() || trimmed.size() > 100
            || std::any_of(trimmed.begin(), trimmed.end(), [](QChar c) { return c.isSpace(); })) {
            valid = false;
            continue;
        }
        if (!result.contains(trimmed, Qt::CaseInsensitive))
            result.append(trimmed);
    }
    if (ok)
        *ok = valid;
    return result;
}

QString joinFields(const QString &front, const QString &back)
{
    return front % kFieldSeparator % back;
}

std::pair<QString, QString> splitFields(const QString &flds)
{
    const qsizetype separator = flds.indexOf(kFieldSeparator);
    if (separator < 0)
        return {flds, QString()};
    return {flds.left(separator), flds.mid(separator + 1)};
}

} // namespace javumbo::collection::notefields
