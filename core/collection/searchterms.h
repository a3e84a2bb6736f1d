#pragma once

#include "common/result.h"
#include "scheduling/daytiming.h"

#include <QString>
#include <QVariantList>

namespace javumbo::collection {

// The search terms about scheduling (docs/api.md §5), each an SQL condition
// over "cards c JOIN notes n" with Anki's meaning. `term` is the term as
// written, for the message of an invalid_query.
namespace searchterms {

struct SqlTerm
{
    QString condition;
    QVariantList bindings;
};

// invalid_query: the term, and why.
Error invalid(const QString &term, const QString &why);

// is:new|learn|review|due|suspended|buried
Result<SqlTerm> state(const QString &value, const QString &term, const scheduling::DayTiming &timing);
// added:N — added in the last N days (today is day 1).
Result<SqlTerm> added(const QString &value, const QString &term, const scheduling::DayTiming &timing);
// rated:N and rated:N:EASE — answered in the last N days (at most 365, as Anki).
Result<SqlTerm> rated(const QString &value, const QString &term, const scheduling::DayTiming &timing);
// prop:ivl|due|reps|lapses|ease with = != < > <= >= and a number (ease as 2.5).
Result<SqlTerm> property(const QString &value, const QString &term, const scheduling::DayTiming &timing);

} // namespace searchterms
} // namespace javumbo::collection
