#include "statsjson.h"

#include "jsonfields.h"

using namespace Qt::StringLiterals;

namespace javumbo::gui::statsjson {

namespace {

std::array<qint64, 4> buttons(JsonFields &fields, QStringView key)
{
    const QList<qint64> counts = fields.integers(key);
    std::array<qint64, 4> result {};
    for (qsizetype i = 0; i < counts.size() && i < 4; ++i)
        result[size_t(i)] = counts[i];
    return result;
}

} // namespace

Result<collection::CollectionStats> readStats(const QJsonObject &json)
{
    JsonFields fields(json, u"statistics"_s);
    collection::CollectionStats stats;
    stats.cards = fields.integer(u"cards");
    stats.notes = fields.integer(u"notes");
    stats.reviewsToday = fields.integer(u"reviews_today");
    stats.dueToday = fields.integer(u"due_today");
    stats.decks = fields.integer(u"decks");
    stats.newCards = fields.integer(u"new_cards");
    stats.learningCards = fields.integer(u"learning_cards");
    stats.reviewCards = fields.integer(u"review_cards");
    stats.suspendedCards = fields.integer(u"suspended_cards");
    if (auto valid = fields.check(); !valid)
        return valid.error();
    return stats;
}

Result<collection::DayCounts> readDayCounts(const QJsonObject &json)
{
    JsonFields fields(json, u"day counts"_s);
    collection::DayCounts counts = fields.integers(u"counts");
    if (auto valid = fields.check(); !valid)
        return valid.error();
    return counts;
}

Result<collection::DeckStatsReport> readReport(const QJsonObject &json)
{
    JsonFields fields(json, u"statistics report"_s);
    collection::DeckStatsReport report;
    report.cards = fields.integer(u"cards");
    report.newCards = fields.integer(u"new_cards");
    report.learningCards = fields.integer(u"learning_cards");
    report.reviewCards = fields.integer(u"review_cards");
    report.suspendedCards = fields.integer(u"suspended_cards");
    report.reviewsToday = fields.integer(u"reviews_today");
    report.secondsToday = fields.integer(u"seconds_today");
    report.reviews = fields.integers(u"reviews");
    report.studySeconds = fields.integers(u"study_seconds");
    report.forecast = fields.integers(u"forecast");
    JsonFields buttonFields(fields.object(u"buttons"), u"answer buttons"_s);
    report.buttons.learning = buttons(buttonFields, u"learning");
    report.buttons.young = buttons(buttonFields, u"young");
    report.buttons.mature = buttons(buttonFields, u"mature");
    JsonFields retention(fields.object(u"retention"), u"retention"_s);
    report.retention.youngPassed = retention.integer(u"young_passed");
    report.retention.youngTotal = retention.integer(u"young_total");
    report.retention.maturePassed = retention.integer(u"mature_passed");
    report.retention.matureTotal = retention.integer(u"mature_total");
    for (const JsonFields *checked : {&fields, &buttonFields, &retention}) {
        if (auto valid = checked->check(); !valid)
            return valid.error();
    }
    return report;
}

} // namespace javumbo::gui::statsjson
