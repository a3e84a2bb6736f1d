// The desktop's option presets and reads over the API (docs/api.md §3.2,
// §4.7, §4.8, §7.1.2): values checked against what the requests did, and
// another user's presets never reachable.
#include "studentapi.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace javumbo;
using testsupport::StudentApi;

namespace {

// A complete <options> (docs/api.md §3.1) with `perDay` new cards a day.
QJsonObject options(int perDay)
{
    return QJsonObject {
        {u"new"_s,
            QJsonObject {{u"perDay"_s, perDay}, {u"delays"_s, QJsonArray {1, 10}},
                {u"ints"_s, QJsonArray {1, 4}}, {u"initialFactor"_s, 2500}}},
        {u"rev"_s,
            QJsonObject {{u"perDay"_s, 200}, {u"ease4"_s, 1.3}, {u"ivlFct"_s, 1}, {u"maxIvl"_s, 36500},
                {u"hardFactor"_s, 1.2}}},
        {u"lapse"_s,
            QJsonObject {{u"delays"_s, QJsonArray {10}}, {u"mult"_s, 0}, {u"minInt"_s, 1},
                {u"leechFails"_s, 8}, {u"leechAction"_s, 1}}},
    };
}

QJsonObject with(QJsonObject object, const QString &key, const QJsonValue &value)
{
    object.insert(key, value);
    return object;
}

} // namespace

class TestApiDesktopReads : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<StudentApi> m_api;
    StudentApi &api() { return *m_api; }

    QJsonArray presets() { return api().call("GET", u"/api/v1/option-presets"_s).json().toArray(); }
    QJsonObject presetNamed(const QString &name)
    {
        for (const QJsonValue &preset : presets()) {
            if (preset[u"name"_s].toString() == name)
                return preset.toObject();
        }
        return {};
    }

private slots:
    void initTestCase() { testsupport::enterTestMode(); }
    void init() { m_api = std::make_unique<StudentApi>(); }
    void cleanup() { m_api.reset(); }

    void presets_addEditAssignAndRemove()
    {
        const qint64 spanish = api().createDeck(u"Spanish"_s);
        const qint64 french = api().createDeck(u"French"_s);
        QCOMPARE(presets().size(), 1);
        QCOMPARE(presets()[0][u"name"_s].toString(), u"Default"_s);
        QCOMPARE(presets()[0][u"deck_count"_s].toInt(), 3);

        const auto added = api().call("POST", u"/api/v1/option-presets"_s,
            with(with(options(7), u"name"_s, u"  Slow  "_s), u"deck_id"_s, spanish));
        QCOMPARE(added.status, 201);
        const qint64 slow = added.json()[u"id"_s].toInteger();
        QVERIFY(slow > 1);
        QCOMPARE(added.json()[u"name"_s].toString(), u"Slow"_s);
        QCOMPARE(added.json()[u"new"_s][u"perDay"_s].toInt(), 7);
        QCOMPARE(added.json()[u"maxTaken"_s].toInt(), 60);
        QCOMPARE(added.json()[u"deck_count"_s].toInt(), 1);
        const auto spanishOptions = api().call("GET", u"/api/v1/decks/%1/options"_s.arg(spanish)).json();
        QCOMPARE(spanishOptions[u"id"_s].toInteger(), slow);
        QCOMPARE(presetNamed(u"Default"_s)[u"deck_count"_s].toInt(), 2);

        const auto used
            = api().call("PUT", u"/api/v1/decks/%1/preset"_s.arg(french), {{u"preset_id"_s, slow}});
        QCOMPARE(used.status, 200);
        QCOMPARE(used.json()[u"deck_count"_s].toInt(), 2);

        // Renamed and changed: both decks follow; maxTaken left out is kept.
        const auto edited = api().call("PUT", u"/api/v1/option-presets/%1"_s.arg(slow),
            with(with(options(12), u"name"_s, u"Steady"_s), u"maxTaken"_s, 90));
        QCOMPARE(edited.status, 200);
        QCOMPARE(edited.json()[u"name"_s].toString(), u"Steady"_s);
        const auto kept = api().call("PUT", u"/api/v1/option-presets/%1"_s.arg(slow), options(13));
        QCOMPARE(kept.json()[u"name"_s].toString(), u"Steady"_s);
        QCOMPARE(kept.json()[u"maxTaken"_s].toInt(), 90);
        const auto frenchOptions = api().call("GET", u"/api/v1/decks/%1/options"_s.arg(french)).json();
        QCOMPARE(frenchOptions[u"new"_s][u"perDay"_s].toInt(), 13);
        QCOMPARE(presetNamed(u"Steady"_s)[u"deck_count"_s].toInt(), 2);

        QCOMPARE(api().call("DELETE", u"/api/v1/option-presets/%1"_s.arg(slow)).status, 204);
        QCOMPARE(presets().size(), 1);
        QCOMPARE(api().call("GET", u"/api/v1/decks/%1/options"_s.arg(french)).json()[u"id"_s].toInt(), 1);
        QCOMPARE(presetNamed(u"Default"_s)[u"deck_count"_s].toInt(), 3);
        const auto gone = api().call("DELETE", u"/api/v1/option-presets/%1"_s.arg(slow));
        QCOMPARE(gone.status, 404);
        QCOMPARE(gone.errorCode(), u"preset_not_found"_s);
    }

    void anotherUsersPreset_is404AndUntouched()
    {
        const auto other = api().server().createUser(u"other"_s);
        const qint64 otherDeck = api().createDeck(u"Theirs"_s, &other);
        const qint64 theirs = api()
                                  .callAs(other, "POST", u"/api/v1/option-presets"_s,
                                      with(with(options(5), u"name"_s, u"Theirs"_s), u"deck_id"_s, otherDeck))
                                  .json()[u"id"_s]
                                  .toInteger();
        QVERIFY(theirs > 1);
        const QString path = u"/api/v1/option-presets/%1"_s.arg(theirs);
        for (const auto &result : {api().call("PUT", path, options(9)), api().call("DELETE", path),
                 api().call("PUT", u"/api/v1/decks/1/preset"_s, {{u"preset_id"_s, theirs}})}) {
            QCOMPARE(result.status, 404);
            QCOMPARE(result.errorCode(), u"preset_not_found"_s);
        }
        QCOMPARE(presets().size(), 1); // the student's own collection gained nothing
        const auto still = api().callAs(other, "GET", u"/api/v1/decks/%1/options"_s.arg(otherDeck)).json();
        QCOMPARE(still[u"id"_s].toInteger(), theirs);
        QCOMPARE(still[u"new"_s][u"perDay"_s].toInt(), 5);
    }

    void cardInfo_listsTheAnswersNewestFirst()
    {
        const qint64 deckId = api().createDeck(u"Spanish::Verbs"_s);
        const qint64 cardId = api().addCard(u"comer"_s, deckId);
        for (int ease : {1, 3}) {
            api().clock.advanceMs(60000);
            const auto answered = api().call("POST", u"/api/v1/review/answer"_s,
                {{u"card_id"_s, cardId}, {u"ease"_s, ease}, {u"time_taken_ms"_s, 4000 + ease}});
            QCOMPARE(answered.status, 200);
        }
        const auto info = api().call("GET", u"/api/v1/cards/%1/info"_s.arg(cardId));
        QCOMPARE(info.status, 200);
        QCOMPARE(info.json()[u"card"_s].toObject(),
            api().call("GET", u"/api/v1/cards/%1"_s.arg(cardId)).json().toObject());
        QCOMPARE(info.json()[u"deck_name"_s].toString(), u"Spanish::Verbs"_s);
        QCOMPARE(info.json()[u"added_at_ms"_s].toInteger(), cardId);
        QCOMPARE(info.json()[u"total_time_ms"_s].toInteger(), 4001 + 4003);
        const QJsonArray reviews = info.json()[u"reviews"_s].toArray();
        QCOMPARE(reviews.size(), 2);
        QCOMPARE(reviews[0][u"ease"_s].toInt(), 3);
        QCOMPARE(reviews[1][u"ease"_s].toInt(), 1);
        QCOMPARE(reviews[0][u"time_ms"_s].toInteger(), 4003);
        QCOMPARE(reviews[0][u"type"_s].toInt(), 0); // a learning step
        QVERIFY(reviews[0][u"answered_at_ms"_s].toInteger() > reviews[1][u"answered_at_ms"_s].toInteger());
        QCOMPARE(api().query(u"SELECT max(id) FROM revlog"_s), reviews[0][u"answered_at_ms"_s].toInteger());
    }

    void tagsAndDuplicateFronts()
    {
        const qint64 other = api().createDeck(u"Other"_s);
        const qint64 plain = api().addCard(u"hola"_s, 1, {u"verbs"_s, u"Spanish::A1"_s});
        const qint64 bold = api().addCard(u"<b>hola</b>"_s, 1, {u"food"_s});
        api().addCard(u"hola"_s, other);
        api().addCard(u"adiós"_s, 1);
        const auto tags = api().call("GET", u"/api/v1/tags"_s);
        QCOMPARE(tags.status, 200);
        QCOMPARE(tags.json()[u"tags"_s].toArray(), (QJsonArray {u"food"_s, u"Spanish::A1"_s, u"verbs"_s}));

        const auto duplicates = api().call(
            "POST", u"/api/v1/cards/duplicates"_s, {{u"deck_id"_s, 1}, {u"front"_s, u"<i>hola</i>"_s}});
        QCOMPARE(duplicates.status, 200);
        QSet<qint64> notes;
        for (const QJsonValue &id : duplicates.json()[u"note_ids"_s].toArray())
            notes.insert(id.toInteger());
        const auto noteOf = [&](qint64 cardId) {
            return api().call("GET", u"/api/v1/cards/%1"_s.arg(cardId)).json()[u"note_id"_s].toInteger();
        };
        QCOMPARE(notes, (QSet<qint64> {noteOf(plain), noteOf(bold)})); // not the one in Other
        const auto blank
            = api().call("POST", u"/api/v1/cards/duplicates"_s, {{u"deck_id"_s, 1}, {u"front"_s, u" "_s}});
        QCOMPARE(blank.json()[u"note_ids"_s].toArray(), QJsonArray {});
    }

    void statsReport_countsWhatWasAnswered()
    {
        const qint64 deckId = api().createDeck(u"Spanish"_s);
        const qint64 first = api().addCard(u"uno"_s, deckId);
        const qint64 second = api().addCard(u"dos"_s, deckId);
        api().addCard(u"elsewhere"_s, 1);
        for (const auto &[cardId, ease] : {std::pair {first, 1}, std::pair {second, 4}}) {
            QCOMPARE(api()
                         .call("POST", u"/api/v1/review/answer"_s,
                             {{u"card_id"_s, cardId}, {u"ease"_s, ease}, {u"time_taken_ms"_s, 3000}})
                         .status,
                200);
        }
        const auto report = api().call("GET", u"/api/v1/stats/report?days=7&deck_id=%1"_s.arg(deckId));
        QCOMPARE(report.status, 200);
        const QJsonValue json = report.json();
        QCOMPARE(json[u"days"_s].toInt(), 7);
        QCOMPARE(json[u"cards"_s].toInt(), 2);
        QCOMPARE(json[u"new_cards"_s].toInt(), 0);
        QCOMPARE(json[u"learning_cards"_s].toInt(), 1); // Again keeps "uno" learning
        QCOMPARE(json[u"review_cards"_s].toInt(), 1); // Easy graduates "dos"
        QCOMPARE(json[u"reviews_today"_s].toInt(), 2);
        QCOMPARE(json[u"seconds_today"_s].toInt(), 6);
        QCOMPARE(json[u"reviews"_s].toArray().size(), 7);
        QCOMPARE(json[u"reviews"_s][6].toInt(), 2);
        QCOMPARE(json[u"study_seconds"_s][6].toInt(), 6);
        QCOMPARE(json[u"forecast"_s].toArray().size(), 7);
        QCOMPARE(json[u"buttons"_s][u"learning"_s].toArray(), (QJsonArray {1, 0, 0, 1}));
        QCOMPARE(json[u"retention"_s][u"young_total"_s].toInt(), 0);
        const auto whole = api().call("GET", u"/api/v1/stats/report"_s).json();
        QCOMPARE(whole[u"cards"_s].toInt(), 3);
        QCOMPARE(whole[u"reviews"_s].toArray().size(), 30);
    }

    // What the desktop's review screen shows, from /review/next: the flag, the
    // counts and the server's previews of each button.
    void nextCard_carriesTheFlagCountsAndIntervals()
    {
        const qint64 cardId = api().addCard(u"hola"_s);
        api().addCard(u"adiós"_s);
        QCOMPARE(api()
                     .call("POST", u"/api/v1/cards/bulk"_s,
                         {{u"action"_s, u"flag"_s}, {u"card_ids"_s, QJsonArray {cardId}}, {u"flag"_s, 4}})
                     .status,
            200);
        const auto next = api().call("GET", u"/api/v1/review/next"_s);
        QCOMPARE(next.status, 200);
        QCOMPARE(next.json()[u"card"_s][u"card_id"_s].toInteger(), cardId);
        QCOMPARE(next.json()[u"card"_s][u"flags"_s].toInt(), 4);
        QCOMPARE(next.json()[u"counts"_s][u"new"_s].toInt(), 2);
        // The default steps 1 and 10 minutes: Again 1 min, Good 10 min, Easy days away (fuzzed), each
        // what the answer then schedules.
        const QJsonValue intervals = next.json()[u"intervals"_s];
        QCOMPARE(intervals[u"1"_s].toInt(), 60);
        QCOMPARE(intervals[u"3"_s].toInt(), 600);
        const auto easy
            = api().call("POST", u"/api/v1/review/answer"_s, {{u"card_id"_s, cardId}, {u"ease"_s, 4}});
        QVERIFY(easy.json()[u"ivl"_s].toInt() >= 3);
        QCOMPARE(intervals[u"4"_s].toInteger(), easy.json()[u"ivl"_s].toInteger() * 86400);
        QCOMPARE(
            api().call("GET", u"/api/v1/health"_s).json()[u"time"_s].toInteger(), api().clock.nowMs() / 1000);
    }
};

QTEST_GUILESS_MAIN(TestApiDesktopReads)
#include "tst_apidesktopreads.moc"
