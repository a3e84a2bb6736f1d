#include "csvreader.h"

#include "interoperrors.h"

#include <QRegularExpression>
#include <QStringDecoder>

using namespace Qt::StringLiterals;

namespace javumbo::interop {

namespace {

std::optional<QChar> separatorFrom(const QString &raw)
{
    static const QList<std::pair<QString, QChar>> names {{u"comma"_s, u','}, {u"semicolon"_s, u';'},
        {u"tab"_s, u'\t'}, {u"space"_s, u' '}, {u"pipe"_s, u'|'}, {u"colon"_s, u':'}};
    const QString name = raw.trimmed().toLower();
    for (const auto &[word, character] : names) {
        if (name == word || raw == QString(character) || name == QString(character))
            return character;
    }
    return std::nullopt;
}

int columnNumber(const QString &value)
{
    bool ok = false;
    const int number = value.trimmed().toInt(&ok);
    return ok && number > 0 ? number : 0;
}

void readHeaderLine(const QString &line, CsvHeader &header)
{
    const qsizetype colon = line.indexOf(u':');
    if (colon < 0)
        return; // a comment
    const QString key = line.mid(1, colon - 1).trimmed().toLower();
    const QString value = line.mid(colon + 1);
    if (key == u"separator"_s)
        header.separator = separatorFrom(value);
    else if (key == u"html"_s
        && (value.trimmed().toLower() == u"true"_s || value.trimmed().toLower() == u"false"_s))
        header.html = value.trimmed().toLower() == u"true"_s;
    else if (key == u"tags"_s)
        header.tags = value.split(u' ', Qt::SkipEmptyParts);
    else if (key == u"columns"_s)
        header.columns = value.split(header.separator.value_or(u'\t'));
    else if (key == u"deck"_s)
        header.deck = value.trimmed();
    else if (key == u"notetype"_s)
        header.notetype = value.trimmed();
    else if (key == u"deck column"_s)
        header.deckColumn = columnNumber(value);
    else if (key == u"notetype column"_s)
        header.notetypeColumn = columnNumber(value);
    else if (key == u"tags column"_s)
        header.tagsColumn = columnNumber(value);
    else if (key == u"guid column"_s)
        header.guidColumn = columnNumber(value);
}

QChar guessSeparator(QStringView data)
{
    const QStringView sample = data.left(8192);
    for (QChar candidate : {u'\t', u'|', u';', u':', u','}) {
        if (sample.contains(candidate))
            return candidate;
    }
    return u' ';
}

bool looksLikeHtml(const QList<CsvRecord> &records)
{
    static const QRegularExpression tag(u"</?[A-Za-z][A-Za-z0-9]*(\\s[^>]*)?/?>|&[A-Za-z]+;|&#[0-9]+;"_s);
    for (qsizetype i = 0; i < std::min<qsizetype>(records.size(), 100); ++i) {
        for (const QString &field : records.at(i).fields) {
            if (field.contains(tag))
                return true;
        }
    }
    return false;
}

} // namespace

Result<CsvFile> readCsv(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(bytes);
    if (decoder.hasError())
        return invalidCsv(u"the file is not UTF-8 text"_s);
    if (text.startsWith(QChar(0xfeff)))
        text.remove(0, 1);

    CsvFile file;
    qsizetype pos = 0;
    qint64 line = 1;
    // Header: `#` lines at the top (and Anki's legacy "tags:" first line).
    while (pos < text.size()) {
        qsizetype end = text.indexOf(u'\n', pos);
        if (end < 0)
            end = text.size();
        QString current = text.mid(pos, end - pos);
        if (current.endsWith(u'\r'))
            current.chop(1);
        if (line == 1 && current.startsWith(u"tags:"_s))
            file.header.tags = current.mid(5).split(u' ', Qt::SkipEmptyParts);
        else if (current.startsWith(u'#'))
            readHeaderLine(current, file.header);
        else
            break;
        pos = end + 1;
        ++line;
    }
    const QStringView data = QStringView(text).mid(std::min(pos, text.size()));
    file.separator = file.header.separator.value_or(guessSeparator(data));

    // Records: RFC 4180 with any separator; blank lines and `#` comment lines skipped.
    qsizetype i = 0;
    while (i < data.size()) {
        if (data[i] == u'\n' || data[i] == u'\r') {
            line += data[i] == u'\n' ? 1 : 0;
            ++i;
            continue;
        }
        if (data[i] == u'#') {
            while (i < data.size() && data[i] != u'\n')
                ++i;
            continue;
        }
        CsvRecord record {line, {}};
        QString field;
        bool atFieldStart = true;
        for (;;) {
            if (i >= data.size() || data[i] == u'\n'
                || (data[i] == u'\r' && (i + 1 >= data.size() || data[i + 1] == u'\n'))) {
                record.fields.append(field);
                break;
            }
            const QChar c = data[i];
            if (atFieldStart && c == u'"') {
                const qint64 opened = line;
                ++i;
                for (;;) {
                    if (i >= data.size())
                        return invalidCsv(u"a quoted field is never closed"_s, opened);
                    if (data[i] == u'"' && i + 1 < data.size() && data[i + 1] == u'"') {
                        field += u'"';
                        i += 2;
                    } else if (data[i] == u'"') {
                        ++i;
                        break;
                    } else {
                        line += data[i] == u'\n' ? 1 : 0;
                        field += data[i++];
                    }
                }
                atFieldStart = false;
                continue;
            }
            if (c == file.separator) {
                record.fields.append(field);
                field.clear();
                atFieldStart = true;
            } else {
                field += c;
                atFieldStart = false;
            }
            ++i;
        }
        file.records.append(record);
    }
    file.html = file.header.html.value_or(looksLikeHtml(file.records));
    return file;
}

QString csvField(const QString &text, QChar separator)
{
    const bool quote = text.contains(separator) || text.contains(u'"') || text.contains(u'\n')
        || text.contains(u'\r') || text.startsWith(u'#');
    if (!quote)
        return text;
    return u'"' % QString(text).replace(u"\""_s, u"\"\""_s) % u'"';
}

} // namespace javumbo::interop
