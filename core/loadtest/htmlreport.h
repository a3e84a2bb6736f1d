#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace javumbo::loadtest {

// report.html: one self-contained page (inline CSS, vanilla JS drawing SVG,
// nothing fetched) rendered from a load test's report data (the schema the
// page's script documents, resources/report/report.html).
//
// C++ never writes data into HTML: the data goes, as JSON, into the page's
// <script type="application/json" id="report-data"> block, and the page's
// script builds the DOM with textContent. Every '<', '>' and '&' in the JSON
// is written as \u003c, \u003e, \u0026 (valid JSON for the same value), so
// no card text, "</script>" or "<!--" included, can end or alter the block.

// The compiled-in template (javumbo_resources): ":/report/report.html".
QString defaultReportTemplatePath();

// Reads a template (a resource or a file). NotFound when it is missing,
// BadRequest when it has no report-data block.
Result<QByteArray> loadReportTemplate(const QString &path = defaultReportTemplatePath());

// The page for `reportData` from the compiled-in template. When the template
// is not linked in (a target without javumbo_resources) or unusable, a
// minimal built-in page still carries the data and shows it as text, so a
// finished run never loses its report.
QByteArray renderHtmlReport(const QJsonObject &reportData);

// The page for `reportData` from `templateText` (tests, custom templates);
// the minimal built-in page when `templateText` has no report-data block.
QByteArray renderHtmlReport(const QJsonObject &reportData, const QByteArray &templateText);

// The JSON text as it is embedded: compact, with '<', '>' and '&' escaped.
QByteArray reportDataJson(const QJsonObject &reportData);

} // namespace javumbo::loadtest
