#pragma once

#include <QList>
#include <QMap>
#include <QString>

namespace javumbo::testsupport {

// One sample line of a parsed exposition, label values unescaped.
struct ExpositionSample
{
    QString name;
    QString family;
    QMap<QString, QString> labels;
    double value = 0;
    int line = 0;
};

struct Exposition
{
    QMap<QString, QString> types; // family -> counter, gauge, histogram, ...
    QMap<QString, QString> help; // family -> unescaped help
    QList<ExpositionSample> samples;
    QString error; // empty when the text is valid

    double value(const QString &name, const QMap<QString, QString> &labels = {}) const;
    QList<ExpositionSample> samplesOf(const QString &name) const;
};

// A deliberately strict reader of the Prometheus text format 0.0.4: it accepts only what
// a valid exposition may contain and that our renderer produces (no timestamps, no free
// comments, no blank lines), and checks family grouping and histogram consistency, so
// that a test can validate a whole /metrics body instead of spot-checking lines.
Exposition parseExposition(const QString &text);

} // namespace javumbo::testsupport
