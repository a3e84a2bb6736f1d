#pragma once

#include "common/result.h"

#include <QString>

namespace javumbo::gui {

// The sentence a person reads for an error: the same codes the server maps
// to HTTP statuses, mapped here to plain words (docs/architecture.md §4).
QString errorMessage(const Error &error);

} // namespace javumbo::gui
