#include "prometheustext.h"

#include <cmath>

#include <QLocale>

using namespace Qt::StringLiterals;

namespace javumbo::server::prometheus {

QByteArray contentType()
{
    return "text/plain; version=0.0.4; charset=utf-8"_ba;
}

QString escapeLabelValue(const QString &value)
{
    QString escaped;
    escaped.reserve(value.size());
    for (const QChar c : value) {
        if (c == u'\\')
            escaped += u"\\\\"_s;
        else if (c == u'"')
            escaped += u"\\\""_s;
        else if (c == u'\n')
            escaped += u"\\n"_s;
        else
            escaped += c;
    }
    return escaped;
}

QString escapeHelp(const QString &text)
{
    QString escaped;
    escaped.reserve(text.size());
    for (const QChar c : text) {
        if (c == u'\\')
            escaped += u"\\\\"_s;
        else if (c == u'\n')
            escaped += u"\\n"_s;
        else
            escaped += c;
    }
    return escaped;
}

QString formatValue(double value)
{
    if (std::isnan(value))
        return u"NaN"_s;
    if (std::isinf(value))
        return value > 0 ? u"+Inf"_s : u"-Inf"_s;
    // Whole numbers below 2^53 are exact as integers; printing them without an
    // exponent keeps gauges such as 100000 users readable ("1e+05" otherwise).
    constexpr double exactIntegerLimit = 9007199254740992.0;
    if (value == std::trunc(value) && std::fabs(value) < exactIntegerLimit)
        return QString::number(qint64(value));
    // Go's FormatFloat(v, 'g', -1, 64), which the official client uses for values and "le"
    // labels: exponent form only below 1e-4 or from 1e6 up. Qt's shortest 'g' switches
    // earlier (0.0005 becomes "5e-04"), so decide from the exponent ourselves.
    const QString scientific = QString::number(value, 'e', QLocale::FloatingPointShortest);
    const int exponent = QStringView(scientific).mid(scientific.indexOf(u'e') + 1).toInt();
    if (exponent < -4 || exponent >= 6)
        return scientific;
    return QString::number(value, 'f', QLocale::FloatingPointShortest);
}

QString formatValue(quint64 value)
{
    return QString::number(value);
}

bool isValidMetricName(const QString &name)
{
    if (name.isEmpty())
        return false;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const char16_t c = name.at(i).unicode();
        const bool letter = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || c == u'_' || c == u':';
        const bool digit = c >= u'0' && c <= u'9';
        if (!letter && !(digit && i > 0))
            return false;
    }
    return true;
}

void TextWriter::beginFamily(const QString &name, const QString &help, const QString &type)
{
    // An empty HELP line is legal but says nothing; omitting it is what the Go client does.
    if (!help.isEmpty())
        m_text += u"# HELP "_s + name + u' ' + escapeHelp(help) + u'\n';
    m_text += u"# TYPE "_s + name + u' ' + type + u'\n';
}

void TextWriter::addSample(const QString &name, const QList<Label> &labels, const QString &value)
{
    m_text += name;
    const QList<Label> all = m_constantLabels.isEmpty() ? labels : labels + m_constantLabels;
    if (!all.isEmpty()) {
        m_text += u'{';
        for (qsizetype i = 0; i < all.size(); ++i) {
            if (i > 0)
                m_text += u',';
            m_text += all.at(i).first + u"=\""_s + escapeLabelValue(all.at(i).second) + u'"';
        }
        m_text += u'}';
    }
    m_text += u' ' + value + u'\n';
}

} // namespace javumbo::server::prometheus
