#pragma once

#include "common/errorcode.h"

namespace javumbo::server {

// The one table that maps an error code to its HTTP status (API.md).
int httpStatusFor(ErrorCode code);

} // namespace javumbo::server
