#include "expositionparser.h"

#include <cmath>
#include <limits>
#include <optional>

#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace javumbo::testsupport {

namespace {

bool isNameChar(QChar c, bool first, bool allowColon)
{
    const char16_t u = c.unicode();
    const bool letter = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || u == u'_';
    const bool digit = u >= u'0' && u <= u'9';
    return letter || (allowColon && u == u':') || (digit && !first);
}

// Reads a metric name (colons allowed) or a label name (no colons) starting at pos.
QString readName(QStringView line, qsizetype &pos, bool allowColon)
{
    const qsizetype start = pos;
    while (pos < line.size() && isNameChar(line.at(pos), pos == start, allowColon))
        ++pos;
    return line.mid(start, pos - start).toString();
}

// HELP allows \\ and \n; label values also \". Any other escape is invalid.
std::optional<QString> unescape(QStringView raw, bool allowQuote)
{
    QString out;
    for (qsizetype i = 0; i < raw.size(); ++i) {
        if (raw.at(i) != u'\\') {
            out += raw.at(i);
            continue;
        }
        if (++i == raw.size())
            return std::nullopt;
        if (raw.at(i) == u'\\')
            out += u'\\';
        else if (raw.at(i) == u'n')
            out += u'\n';
        else if (allowQuote && raw.at(i) == u'"')
            out += u'"';
        else
            return std::nullopt;
    }
    return out;
}

std::optional<double> parseValue(QStringView text)
{
    static const QRegularExpression grammar(
        u"^(?:[+-]?Inf|NaN|[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?)$"_s);
    if (!grammar.match(text.toString()).hasMatch())
        return std::nullopt;
    if (text.endsWith(u"Inf"))
        return text.startsWith(u'-') ? -std::numeric_limits<double>::infinity()
                                     : std::numeric_limits<double>::infinity();
    if (text == u"NaN")
        return std::numeric_limits<double>::quiet_NaN();
    bool ok = false;
    const double value = text.toDouble(&ok);
    return ok ? std::optional<double>(value) : std::nullopt;
}

// Resolves a sample name to the family its TYPE line declared.
QString familyOf(const QString &name, const QMap<QString, QString> &types)
{
    const QString type = types.value(name);
    if (!type.isEmpty())
        return type == u"histogram"_s || type == u"summary"_s ? QString() : name;
    for (const QString &suffix : {u"_bucket"_s, u"_sum"_s, u"_count"_s}) {
        if (!name.endsWith(suffix))
            continue;
        const QString base = name.chopped(suffix.size());
        const QString baseType = types.value(base);
        if (baseType == u"histogram"_s || (baseType == u"summary"_s && suffix != u"_bucket"_s))
            return base;
    }
    return {};
}

QString seriesKey(const QString &name, const QMap<QString, QString> &labels)
{
    QString key = name;
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        key += u'\x1f' + it.key() + u'=' + it.value();
    return key;
}

struct HistogramSeries
{
    QList<std::pair<double, double>> buckets; // le, cumulative count
    std::optional<double> sum;
    std::optional<double> count;
    int line = 0;
};

QString checkHistograms(const Exposition &exposition)
{
    QMap<QString, HistogramSeries> series;
    for (const ExpositionSample &sample : exposition.samples) {
        if (exposition.types.value(sample.family) != u"histogram"_s)
            continue;
        QMap<QString, QString> labels = sample.labels;
        const QString le = labels.take(u"le"_s);
        HistogramSeries &entry = series[seriesKey(sample.family, labels)];
        entry.line = sample.line;
        if (sample.name.endsWith(u"_bucket"_s)) {
            const std::optional<double> bound = parseValue(le);
            if (!bound)
                return u"line %1: bucket without a valid le label"_s.arg(sample.line);
            entry.buckets.append({*bound, sample.value});
        } else if (!le.isEmpty()) {
            return u"line %1: le label outside a bucket"_s.arg(sample.line);
        } else if (sample.name.endsWith(u"_sum"_s)) {
            entry.sum = sample.value;
        } else {
            entry.count = sample.value;
        }
    }
    for (auto it = series.cbegin(); it != series.cend(); ++it) {
        const HistogramSeries &h = it.value();
        const QString where = u"histogram ending line %1"_s.arg(h.line);
        if (h.buckets.isEmpty() || !std::isinf(h.buckets.constLast().first))
            return where + u": no le=\"+Inf\" bucket last"_s;
        for (qsizetype i = 1; i < h.buckets.size(); ++i) {
            if (!(h.buckets.at(i).first > h.buckets.at(i - 1).first))
                return where + u": le bounds not increasing"_s;
            if (h.buckets.at(i).second < h.buckets.at(i - 1).second)
                return where + u": bucket counts not cumulative"_s;
        }
        if (!h.sum || !h.count)
            return where + u": missing _sum or _count"_s;
        if (*h.count != h.buckets.constLast().second)
            return where + u": +Inf bucket differs from _count"_s;
    }
    return {};
}

} // namespace

double Exposition::value(const QString &name, const QMap<QString, QString> &labels) const
{
    for (const ExpositionSample &sample : samples) {
        if (sample.name == name && sample.labels == labels)
            return sample.value;
    }
    return std::numeric_limits<double>::quiet_NaN();
}

QList<ExpositionSample> Exposition::samplesOf(const QString &name) const
{
    QList<ExpositionSample> result;
    for (const ExpositionSample &sample : samples) {
        if (sample.name == name)
            result.append(sample);
    }
    return result;
}

Exposition parseExposition(const QString &text)
{
    static const QSet<QString> knownTypes
        = {u"counter"_s, u"gauge"_s, u"histogram"_s, u"summary"_s, u"untyped"_s};
    Exposition result;
    auto fail = [&result](int line, const QString &why) {
        result.error = u"line %1: %2"_s.arg(line).arg(why);
        return result;
    };
    if (!text.isEmpty() && !text.endsWith(u'\n'))
        return fail(0, u"text does not end with a newline"_s);

    QSet<QString> sampledFamilies; // families whose samples have begun
    QSet<QString> closedFamilies; // families whose group has ended
    QSet<QString> seenSeries;
    QString currentFamily;
    const QStringList lines = text.split(u'\n');
    for (qsizetype index = 0; index + 1 < lines.size(); ++index) {
        const int number = int(index + 1);
        const QStringView line = lines.at(index);
        if (line.isEmpty())
            return fail(number, u"blank line"_s);

        if (line.startsWith(u'#')) {
            const bool isHelp = line.startsWith(u"# HELP ");
            if (!isHelp && !line.startsWith(u"# TYPE "))
                return fail(number, u"comment that is neither HELP nor TYPE"_s);
            qsizetype pos = 7;
            const QString name = readName(line, pos, true);
            if (name.isEmpty())
                return fail(number, u"missing metric name"_s);
            if (isHelp) {
                if (pos < line.size() && line.at(pos) != u' ')
                    return fail(number, u"invalid metric name"_s);
                const std::optional<QString> help = unescape(line.mid(std::min(pos + 1, line.size())), false);
                if (!help)
                    return fail(number, u"invalid escape in HELP"_s);
                if (result.help.contains(name))
                    return fail(number, u"second HELP for "_s + name);
                result.help.insert(name, *help);
                continue;
            }
            if (pos >= line.size() || line.at(pos) != u' '
                || !knownTypes.contains(line.mid(pos + 1).toString()))
                return fail(number, u"invalid TYPE line"_s);
            if (result.types.contains(name))
                return fail(number, u"second TYPE for "_s + name);
            if (sampledFamilies.contains(name))
                return fail(number, u"TYPE after samples of "_s + name);
            result.types.insert(name, line.mid(pos + 1).toString());
            continue;
        }

        ExpositionSample sample;
        sample.line = number;
        qsizetype pos = 0;
        sample.name = readName(line, pos, true);
        if (sample.name.isEmpty())
            return fail(number, u"sample without a metric name"_s);
        if (pos < line.size() && line.at(pos) == u'{') {
            ++pos;
            while (true) {
                const QString label = readName(line, pos, false);
                if (label.isEmpty() || pos + 1 >= line.size() || line.at(pos) != u'='
                    || line.at(pos + 1) != u'"')
                    return fail(number, u"malformed label"_s);
                pos += 2;
                const qsizetype start = pos;
                while (pos < line.size() && line.at(pos) != u'"')
                    pos += line.at(pos) == u'\\' ? 2 : 1;
                if (pos >= line.size())
                    return fail(number, u"unterminated label value"_s);
                const std::optional<QString> value = unescape(line.mid(start, pos - start), true);
                if (!value)
                    return fail(number, u"invalid escape in label value"_s);
                if (sample.labels.contains(label))
                    return fail(number, u"repeated label "_s + label);
                sample.labels.insert(label, *value);
                ++pos; // closing quote
                if (pos < line.size() && line.at(pos) == u',') {
                    ++pos;
                    continue;
                }
                if (pos < line.size() && line.at(pos) == u'}') {
                    ++pos;
                    break;
                }
                return fail(number, u"expected , or } after a label"_s);
            }
        }
        if (pos >= line.size() || line.at(pos) != u' ')
            return fail(number, u"expected one space before the value"_s);
        const std::optional<double> value = parseValue(line.mid(pos + 1));
        if (!value)
            return fail(number, u"invalid value (timestamps are not expected either)"_s);
        sample.value = *value;

        sample.family = familyOf(sample.name, result.types);
        if (sample.family.isEmpty())
            return fail(number, u"sample of "_s + sample.name + u" has no TYPE line before it"_s);
        if (sample.family != currentFamily) {
            if (closedFamilies.contains(sample.family))
                return fail(number, u"samples of "_s + sample.family + u" are not grouped together"_s);
            if (!currentFamily.isEmpty())
                closedFamilies.insert(currentFamily);
            currentFamily = sample.family;
        }
        const QString type = result.types.value(sample.family);
        if (type == u"counter"_s && !(sample.value >= 0))
            return fail(number, u"counter that is negative or NaN"_s);
        if (!seenSeries.contains(seriesKey(sample.name, sample.labels)))
            seenSeries.insert(seriesKey(sample.name, sample.labels));
        else
            return fail(number, u"repeated series"_s);
        sampledFamilies.insert(sample.family);
        result.samples.append(sample);
    }
    result.error = checkHistograms(result);
    return result;
}

} // namespace javumbo::testsupport
