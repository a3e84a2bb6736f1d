#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace javumbo::gui {

// Learning steps as Anki's deck options write them: "1m 10m 1h 1d 30s"
// (a bare number is minutes). Stored as minutes (docs/scheduling.md §2).
QString formatSteps(const QList<float> &minutes);
// Nothing when a step cannot be read; an empty text is no steps.
std::optional<QList<float>> parseSteps(const QString &text);

} // namespace javumbo::gui
