#pragma once

#include "common/result.h"
#include "interop/importsummary.h"
#include "interop/interopprogress.h"
#include "interop/packageexporter.h"
#include "remoterequest.h"

#include <functional>
#include <optional>

namespace javumbo::gui::remoteinterop {

using Send = std::function<Result<RemoteReply>(const RemoteRequest &)>;

// POST /import (docs/api.md §7a): an .apkg (told by its zip signature) or a
// CSV/TSV file, sent whole; `progress` hears of the upload and the answer.
Result<interop::ImportSummary> importFile(const Send &send, const QString &path, std::optional<qint64> deckId,
    const interop::ProgressSink &progress);

// GET /export into `path`. A .colpkg (options.wholeCollection) is not served
// by the API: UnsupportedPackage. The counts of an .apkg are not reported
// (the API sends only the file); a text export counts its notes.
Result<interop::PackageExportResult> exportFile(const Send &send, const QString &path, bool csv,
    const interop::PackageExportOptions &options, const interop::ProgressSink &progress);

} // namespace javumbo::gui::remoteinterop
