#include "htmlreport.h"

#include <optional>
#include <utility>

#include <QFile>
#include <QJsonDocument>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

namespace javumbo::loadtest {

namespace {

Q_LOGGING_CATEGORY(lcReport, "javumbo.loadtest.report")

constexpr QByteArrayView kDataOpen = R"(<script type="application/json" id="report-data">)";
constexpr QByteArrayView kScriptClose = "</script>";

// Used only when the real template is unavailable: the data, pretty-printed
// by a few lines of script (textContent, never innerHTML).
constexpr QByteArrayView kFallbackTemplate = R"html(<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Javumbo load test report</title></head>
<body><h1>Javumbo load test report</h1>
<p>The report template was not available; this is the report's raw data.</p>
<pre id="raw"></pre>
<script type="application/json" id="report-data">{}</script>
<script>
try {
  document.getElementById('raw').textContent =
    JSON.stringify(JSON.parse(document.getElementById('report-data').textContent), null, 2);
} catch (e) {
  document.getElementById('raw').textContent = 'unreadable report data';
}
</script>
</body></html>
)html";

// Where the data goes: [begin, end) between the block's opening tag and the
// next "</script>"; nullopt when the template has no such block.
std::optional<std::pair<qsizetype, qsizetype>> dataSlot(const QByteArray &templateText)
{
    const qsizetype open = templateText.indexOf(kDataOpen);
    if (open < 0)
        return std::nullopt;
    const qsizetype begin = open + kDataOpen.size();
    const qsizetype end = templateText.indexOf(kScriptClose, begin);
    if (end < 0)
        return std::nullopt;
    return std::pair {begin, end};
}

} // namespace

QString defaultReportTemplatePath()
{
    return u":/report/report.html"_s;
}

Result<QByteArray> loadReportTemplate(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return makeError(ErrorCode::NotFound, u"report template %1 not found"_s.arg(path));
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::StorageUnavailable,
            u"cannot read report template %1: %2"_s.arg(path, file.errorString()));
    QByteArray text = file.readAll();
    if (!dataSlot(text))
        return makeError(ErrorCode::BadRequest, u"report template %1 has no report-data block"_s.arg(path));
    return text;
}

QByteArray reportDataJson(const QJsonObject &reportData)
{
    const QByteArray json = QJsonDocument(reportData).toJson(QJsonDocument::Compact);
    // JSON has '<', '>' and '&' only inside strings, where \uXXXX means the
    // same character: the value is unchanged, the HTML parser sees no tag.
    QByteArray escaped;
    escaped.reserve(json.size() + json.size() / 16);
    for (const char c : json) {
        switch (c) {
        case '<':
            escaped += "\\u003c";
            break;
        case '>':
            escaped += "\\u003e";
            break;
        case '&':
            escaped += "\\u0026";
            break;
        default:
            escaped += c;
        }
    }
    return escaped;
}

QByteArray renderHtmlReport(const QJsonObject &reportData, const QByteArray &templateText)
{
    std::optional<std::pair<qsizetype, qsizetype>> slot = dataSlot(templateText);
    QByteArray page = templateText;
    if (!slot) {
        qCWarning(lcReport) << "the report template has no report-data block; writing the raw data";
        page = kFallbackTemplate.toByteArray();
        slot = dataSlot(page);
    }
    return page.replace(slot->first, slot->second - slot->first, reportDataJson(reportData));
}

QByteArray renderHtmlReport(const QJsonObject &reportData)
{
    const Result<QByteArray> templateText = loadReportTemplate();
    if (!templateText) {
        qCWarning(lcReport).noquote() << templateText.error().message << "- writing the raw data";
        return renderHtmlReport(reportData, kFallbackTemplate.toByteArray());
    }
    return renderHtmlReport(reportData, *templateText);
}

} // namespace javumbo::loadtest
