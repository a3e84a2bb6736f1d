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

// POST /import?format=colpkg&replace=true: the package replaces the whole
// collection after the server backed it up; the second value is the name of
// that backup on the server.
Result<std::pair<interop::ImportSummary, QString>> replaceCollection(
    const Send &send, const QString &path, const interop::ProgressSink &progress);

// GET /export into `path`: a CSV/TSV text, an .apkg, or a .colpkg
// (options.wholeCollection); the counts come from X-Export-* headers.
Result<interop::PackageExportResult> exportFile(const Send &send, const QString &path, bool csv,
    const interop::PackageExportOptions &options, const interop::ProgressSink &progress);

} // namespace javumbo::gui::remoteinterop
