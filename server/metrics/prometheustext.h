#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <utility>

namespace javumbo::server {

// Building blocks of the Prometheus text exposition format 0.0.4.
namespace prometheus {

// The Content-Type a /metrics answer must carry for scrapers to pick the text parser.
QByteArray contentType();

// Label values may hold anything; the format reserves backslash, double quote and newline.
QString escapeLabelValue(const QString &value);
// HELP text escapes backslash and newline only (quotes are literal there).
QString escapeHelp(const QString &text);
// A sample value as Prometheus parses it: integers without exponent, NaN, +Inf, -Inf,
// otherwise the shortest text that reads back to the same double.
QString formatValue(double value);
QString formatValue(quint64 value);
// [a-zA-Z_:][a-zA-Z0-9_:]*
bool isValidMetricName(const QString &name);

using Label = std::pair<QString, QString>;

// Appends families and samples to one text; keeps the line syntax in one place.
class TextWriter
{
public:
    // A HELP line (if help is not empty) and a TYPE line; once per family, before its samples.
    void beginFamily(const QString &name, const QString &help, const QString &type);
    void addSample(const QString &name, const QList<Label> &labels, const QString &value);
    // Labels added to every sample after this call (the instance's name, when several run).
    void setConstantLabels(QList<Label> labels) { m_constantLabels = std::move(labels); }
    QString text() const { return m_text; }

private:
    QString m_text;
    QList<Label> m_constantLabels;
};

} // namespace prometheus
} // namespace javumbo::server
