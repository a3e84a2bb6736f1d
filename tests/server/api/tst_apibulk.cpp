// Bulk changes over the API and their undo (docs/api.md §4.6): each action
// changes what it says, the server keeps the undo record and an undo puts
// every row back exactly (compared as SQLite stores them), a stale or
// foreign undo id changes nothing, and bad bodies are refused by code.
#include "studentapi.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace javumbo;
using testsupport::StudentApi;

class TestApiBulk : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<StudentApi> m_api;
    QList<qint64> m_cards; // hola, adiós, gracias: in Default, tagged verbs

    StudentApi &api() { return *m_api; }
    QJsonObject card(qint64 cardId)
    {
        return api().call("GET", u"/api/v1/cards/%1"_s.arg(cardId)).json().toObject();
    }
    net::HttpResult bulk(const QString &action, const QList<qint64> &cardIds, QJsonObject extra = {})
    {
        QJsonArray ids;
        for (qint64 id : cardIds)
            ids.append(id);
        extra.insert(u"action"_s, action);
        extra.insert(u"card_ids"_s, ids);
        return api().call("POST", u"/api/v1/cards/bulk"_s, extra);
    }
    static QJsonValue sortedIfTags(const QJsonValue &value)
    {
        if (!value.isArray())
            return value;
        QStringList tags = value.toVariant().toStringList();
        tags.sort();
        return QJsonArray::fromStringList(tags);
    }
    net::HttpResult undo(qint64 undoId)
    {
        return api().call("POST", u"/api/v1/cards/bulk/undo"_s, {{u"undo_id"_s, undoId}});
    }

private slots:
    void initTestCase() { testsupport::enterTestMode(); }
    void init()
    {
        m_api = std::make_unique<StudentApi>();
        for (const QString &front : {u"hola"_s, u"adiós"_s, u"gracias"_s})
            m_cards.append(api().addCard(front, std::nullopt, {u"verbs"_s}));
    }
    void cleanup()
    {
        m_api.reset();
        m_cards.clear();
    }

    void eachAction_changesTheCards_andUndoRestoresEveryRowExactly_data()
    {
        QTest::addColumn<QString>("action");
        QTest::addColumn<QJsonObject>("extra");
        QTest::addColumn<QString>("field"); // of <card>, checked on the first two cards
        QTest::addColumn<QJsonValue>("expected");
        QTest::newRow("set_deck") << u"set_deck"_s << QJsonObject {} << u"deck_id"_s << QJsonValue();
        QTest::newRow("add_tags") << u"add_tags"_s << QJsonObject {{u"tags"_s, QJsonArray {u"food"_s}}}
                                  << u"tags"_s << QJsonValue(QJsonArray {u"food"_s, u"verbs"_s});
        QTest::newRow("remove_tags") << u"remove_tags"_s << QJsonObject {{u"tags"_s, QJsonArray {u"VERBS"_s}}}
                                     << u"tags"_s << QJsonValue(QJsonArray {});
        QTest::newRow("suspend") << u"suspend"_s << QJsonObject {} << u"queue"_s << QJsonValue(-1);
        QTest::newRow("bury") << u"bury"_s << QJsonObject {} << u"queue"_s << QJsonValue(-3);
        QTest::newRow("flag") << u"flag"_s << QJsonObject {{u"flag"_s, 3}} << u"flags"_s << QJsonValue(3);
        QTest::newRow("delete") << u"delete"_s << QJsonObject {} << QString() << QJsonValue();
    }
    void eachAction_changesTheCards_andUndoRestoresEveryRowExactly()
    {
        QFETCH(QString, action);
        QFETCH(QJsonObject, extra);
        QFETCH(QString, field);
        QFETCH(QJsonValue, expected);
        const qint64 deckId = api().createDeck(u"Elsewhere"_s);
        if (action == u"set_deck"_s) {
            extra.insert(u"deck_id"_s, deckId);
            expected = deckId;
        }
        const QStringList before = api().collectionRows();
        const QJsonObject untouched = card(m_cards[2]);
        api().clock.advanceMs(2000);

        const auto applied = bulk(action, {m_cards[1], m_cards[0], m_cards[1]}, extra); // a duplicate id
        QCOMPARE(applied.status, 200);
        QCOMPARE(applied.json()[u"changed"_s].toInt(), 2);
        const qint64 undoId = applied.json()[u"undo_id"_s].toInteger();
        QVERIFY(undoId > 0);
        if (field.isEmpty()) {
            QCOMPARE(api().call("GET", u"/api/v1/cards/%1"_s.arg(m_cards[0])).status, 404);
            QCOMPARE(api().query(u"SELECT count(*) FROM graves"_s), qint64(4)); // two cards, two notes
        } else {
            for (qint64 cardId : {m_cards[0], m_cards[1]})
                QCOMPARE(sortedIfTags(card(cardId).value(field)), expected);
        }
        QCOMPARE(card(m_cards[2]), untouched);
        QVERIFY(api().collectionRows() != before);

        api().clock.advanceMs(2000);
        const auto undone = undo(undoId);
        QCOMPARE(undone.status, 200);
        QCOMPARE(undone.json()[u"restored"_s].toInt(), 2);
        QCOMPARE(api().collectionRows(), before); // mod, usn, graves and types included

        const auto again = undo(undoId);
        QCOMPARE(again.status, 404);
        QCOMPARE(again.errorCode(), u"nothing_to_undo"_s);
    }

    void unsuspend_putsTheCardBackInItsQueue_andCardsAlreadyAsAskedAreLeftAlone()
    {
        QCOMPARE(bulk(u"suspend"_s, {m_cards[0]}).status, 200);
        const QJsonObject suspended = card(m_cards[0]);
        const QJsonObject other = card(m_cards[1]);
        const auto applied = bulk(u"unsuspend"_s, {m_cards[0], m_cards[1]});
        QCOMPARE(applied.json()[u"changed"_s].toInt(), 1);
        QCOMPARE(card(m_cards[0])[u"queue"_s].toInt(), 0);
        QVERIFY(card(m_cards[0])[u"etag"_s] != suspended[u"etag"_s]);
        QCOMPARE(card(m_cards[1]), other); // not suspended: not even its mod changed

        const auto nothing = bulk(u"unsuspend"_s, {m_cards[1]});
        QCOMPARE(nothing.status, 200);
        QCOMPARE(nothing.json()[u"changed"_s].toInt(), 0);
        QVERIFY(nothing.json()[u"undo_id"_s].isNull());
    }

    // A card changed after the bulk change: the undo would overwrite that change, so it is refused whole.
    void undoAfterACardChanged_is409AndChangesNothing()
    {
        const qint64 undoId = bulk(u"suspend"_s, m_cards).json()[u"undo_id"_s].toInteger();
        const auto edited = api().call(
            "PUT", u"/api/v1/cards/%1"_s.arg(m_cards[2]), {{u"front"_s, u"gracias!"_s}, {u"back"_s, u"b"_s}});
        QCOMPARE(edited.status, 200);
        const QStringList afterEdit = api().collectionRows();
        const auto stale = undo(undoId);
        QCOMPARE(stale.status, 409);
        QCOMPARE(stale.errorCode(), u"stale_card"_s);
        QCOMPARE(api().collectionRows(), afterEdit);
        QCOMPARE(card(m_cards[0])[u"queue"_s].toInt(), -1);
        // Still refused, not forgotten: the record was not used up by the refusal.
        QCOMPARE(undo(undoId).status, 409);
    }

    void anotherUsersCardsDecksAndUndoIds_are404()
    {
        const auto other = api().server().createUser(u"other"_s);
        // Ids are unique per collection only: made later, theirs cannot also be the student's.
        api().clock.advanceMs(60000);
        const qint64 theirCard = api().addCard(u"theirs"_s, std::nullopt, {}, &other);
        const qint64 theirDeck = api().createDeck(u"Theirs"_s, &other);
        const QStringList before = api().collectionRows();

        const auto foreignCard = bulk(u"suspend"_s, {m_cards[0], theirCard});
        QCOMPARE(foreignCard.status, 404);
        QCOMPARE(foreignCard.errorCode(), u"card_not_found"_s);
        const auto foreignDeck = bulk(u"set_deck"_s, {m_cards[0]}, {{u"deck_id"_s, theirDeck}});
        QCOMPARE(foreignDeck.status, 404);
        QCOMPARE(foreignDeck.errorCode(), u"deck_not_found"_s);
        QCOMPARE(api().collectionRows(), before); // all or nothing

        const qint64 mine = bulk(u"flag"_s, {m_cards[0]}, {{u"flag"_s, 1}}).json()[u"undo_id"_s].toInteger();
        const auto theirUndo
            = api().callAs(other, "POST", u"/api/v1/cards/bulk/undo"_s, {{u"undo_id"_s, mine}});
        QCOMPARE(theirUndo.status, 404);
        QCOMPARE(theirUndo.errorCode(), u"nothing_to_undo"_s);
        QCOMPARE(card(m_cards[0])[u"flags"_s].toInt(), 1);
    }

    void badBodies_are400WithTheirCode_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("code");
        const QByteArray bulkPath = "/api/v1/cards/bulk";
        QTest::newRow("unknown action")
            << bulkPath << R"({"action":"shred","card_ids":[1]})"_ba << u"bad_request"_s;
        QTest::newRow("no action") << bulkPath << R"({"card_ids":[1]})"_ba << u"bad_request"_s;
        QTest::newRow("no card_ids") << bulkPath << R"({"action":"suspend"})"_ba << u"bad_request"_s;
        QTest::newRow("card_ids not a list")
            << bulkPath << R"({"action":"suspend","card_ids":1})"_ba << u"bad_request"_s;
        QTest::newRow("id as text") << bulkPath << R"({"action":"suspend","card_ids":["1"]})"_ba
                                    << u"bad_request"_s;
        QTest::newRow("id zero") << bulkPath << R"({"action":"suspend","card_ids":[0]})"_ba
                                 << u"bad_request"_s;
        QTest::newRow("id fraction") << bulkPath << R"({"action":"suspend","card_ids":[1.5]})"_ba
                                     << u"bad_request"_s;
        QTest::newRow("set_deck without deck")
            << bulkPath << R"({"action":"set_deck","card_ids":[1]})"_ba << u"bad_request"_s;
        QTest::newRow("flag 8") << bulkPath << R"({"action":"flag","card_ids":[1],"flag":8})"_ba
                                << u"bad_request"_s;
        QTest::newRow("no tags") << bulkPath << R"({"action":"add_tags","card_ids":[1],"tags":[]})"_ba
                                 << u"bad_request"_s;
        QTest::newRow("tag with space")
            << bulkPath << R"({"action":"add_tags","card_ids":[1],"tags":["a b"]})"_ba << u"bad_request"_s;
        QTest::newRow("not json") << bulkPath << R"({"action":"suspend",)"_ba << u"invalid_json"_s;
        QTest::newRow("undo without id") << "/api/v1/cards/bulk/undo"_ba
                                         << R"({})"_ba << u"bad_request"_s;
        QTest::newRow("undo id as text") << "/api/v1/cards/bulk/undo"_ba
                                         << R"({"undo_id":"7"})"_ba << u"bad_request"_s;
    }
    void badBodies_are400WithTheirCode()
    {
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, body);
        QFETCH(QString, code);
        // Real card ids, so only the body's shape can be wrong.
        body.replace("[1]", QByteArray::number(m_cards[0]).prepend('[').append(']'));
        const QStringList before = api().collectionRows();
        const auto refused = api().callRaw("POST", QString::fromLatin1(path), body);
        QCOMPARE(refused.status, 400);
        QCOMPARE(refused.errorCode(), code);
        QCOMPARE(api().collectionRows(), before);
    }

    // Buried today, back tomorrow: /review/next and /decks unbury as the desktop app does.
    void buriedCards_comeBackOnTheNextStudyDay()
    {
        QCOMPARE(bulk(u"bury"_s, m_cards).json()[u"changed"_s].toInt(), 3);
        QCOMPARE(api().call("GET", u"/api/v1/review/next"_s).status, 204);
        QCOMPARE(api().call("GET", u"/api/v1/decks/1"_s).json()[u"new_count"_s].toInt(), 0);
        api().clock.advanceMs(24LL * 3600 * 1000);
        QCOMPARE(api().call("GET", u"/api/v1/decks"_s).json()[0][u"new_count"_s].toInt(), 3);
        const auto next = api().call("GET", u"/api/v1/review/next"_s);
        QCOMPARE(next.status, 200);
        QCOMPARE(next.json()[u"counts"_s][u"new"_s].toInt(), 3);
        QCOMPARE(api().query(u"SELECT count(*) FROM cards WHERE queue < 0"_s), qint64(0));
    }
};

QTEST_GUILESS_MAIN(TestApiBulk)
#include "tst_apibulk.moc"
