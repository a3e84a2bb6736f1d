#pragma once

#include <QString>

#include <chrono>
#include <optional>

namespace javumbo::app {

// "90s", "30m", "6h", "1d" (a bare number is seconds).
std::optional<std::chrono::milliseconds> parseDuration(const QString &text);
QString formatDuration(std::chrono::milliseconds duration);

} // namespace javumbo::app
