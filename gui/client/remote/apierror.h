#pragma once

#include "common/result.h"

#include <QByteArray>

#include <optional>

namespace javumbo::gui::apierror {

// The ErrorCode of an envelope's `code` (docs/api.md §8); nothing for a name
// this app does not know.
std::optional<ErrorCode> codeFromName(const QString &name);

// An error answer as the local client would have returned it: the
// envelope's code and message, so errorMessage() shows the same sentence.
// Codes only the transport guard sends, or unknown ones, fall back on the
// status (too_many_connections is ServerBusy: retry later).
Error fromReply(int status, const QByteArray &body);

} // namespace javumbo::gui::apierror
