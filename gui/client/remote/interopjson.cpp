#include "interopjson.h"

#include "jsonfields.h"

using namespace Qt::StringLiterals;

namespace javumbo::gui::interopjson {

Result<interop::ImportSummary> readImportSummary(const QJsonObject &json)
{
    JsonFields fields(json, u"import summary"_s);
    interop::ImportSummary summary;
    summary.notesAdded = fields.integer(u"notes_added");
    summary.notesUpdated = fields.integer(u"notes_updated");
    summary.notesUnchanged = fields.integer(u"notes_unchanged");
    summary.cardsAdded = fields.integer(u"cards_added");
    summary.decksCreated = fields.integer(u"decks_created");
    summary.mediaAdded = fields.optionalInteger(u"media_added").value_or(0);
    for (const QJsonValue &item : fields.array(u"skipped")) {
        JsonFields skipped(item.toObject(), u"skipped item"_s);
        summary.skipped.append(
            interop::SkippedItem {skipped.optionalInteger(u"line").value_or(0), skipped.string(u"reason")});
        if (auto valid = skipped.check(); !valid)
            return valid.error();
    }
    summary.simplified = json.value(u"simplified"_s).toVariant().toStringList();
    if (auto valid = fields.check(); !valid)
        return valid.error();
    return summary;
}

} // namespace javumbo::gui::interopjson
