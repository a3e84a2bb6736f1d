#pragma once

#include "collection/records.h"
#include "common/result.h"

#include <QJsonObject>

namespace javumbo::gui::reviewjson {

// GET /review/next's {"card","intervals","counts"} (docs/api.md §6): the
// preview labels and counts are the server's, computed on its study day.
Result<collection::NextCard> readNext(const QJsonObject &json);

// POST /review/answer's body; `expected_reps` makes the answer conditional.
QJsonObject answerBody(const collection::AnswerRequest &request);

} // namespace javumbo::gui::reviewjson
