#pragma once

#include "exchangedata.h"
#include "interopprogress.h"

namespace javumbo::interop {

// Reads an Anki collection file taken from a package into ExchangeData:
// schema 11 (package versions 1 and 2: decks, note types and options as JSON
// in `col`) or schema 18 (version 3: their own tables, protobuf blobs; see
// schema18reader.h). Read-only; a file that is not SQLite, lacks a table or
// has another schema version is invalid_package with the reason.
Result<ExchangeData> readSourceCollection(
    const QString &path, int packageVersion, const ProgressSink &progress = {});

} // namespace javumbo::interop
