// Deck options as Anki keeps them: presets in col.dconf, each deck naming its
// preset in `conf`; edits validated with Anki's ranges, shared by every deck
// of the preset, and readable by the scheduler (and by Anki) from the file.
#include "collection/deckoptions.h"
#include "collection/deckoptionsjson.h"
#include "collection/readview.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace javumbo;
using namespace javumbo::collection;
using javumbo::testsupport::CollectionFixture;
using javumbo::testsupport::queryColumn;

namespace {

scheduling::DeckConfig customConfig()
{
    scheduling::DeckConfig config;
    config.learnSteps = {0.5f, 5.0f, 20.0f};
    config.graduatingInterval = 2;
    config.easyInterval = 5;
    config.initialFactor = 2300;
    config.newPerDay = 15;
    config.reviewsPerDay = 150;
    config.easyBonus = 1.4f;
    config.intervalModifier = 0.9f;
    config.hardFactor = 1.1f;
    config.maximumInterval = 3650;
    config.relearnSteps = {5.0f, 30.0f};
    config.lapseMultiplier = 0.2f;
    config.minimumInterval = 2;
    config.leechThreshold = 6;
    config.leechAction = 0;
    config.maxAnswerSeconds = 90;
    return config;
}

QJsonObject storedDconf(const CollectionFixture &fixture)
{
    return QJsonDocument::fromJson(queryColumn(fixture.path(), u"SELECT dconf FROM col"_s).value(0).toUtf8())
        .object();
}

QList<double> numbers(const QJsonValue &array)
{
    QList<double> result;
    for (const QJsonValue &value : array.toArray())
        result.append(value.toDouble());
    return result;
}

QJsonObject storedDecks(const CollectionFixture &fixture)
{
    return QJsonDocument::fromJson(queryColumn(fixture.path(), u"SELECT decks FROM col"_s).value(0).toUtf8())
        .object();
}

} // namespace

class TestDeckOptions : public QObject
{
    Q_OBJECT
private:
    template<typename Work>
    static auto write(CollectionFixture &fixture, Work work)
    {
        return fixture.collection().transact([&](WriteContext &context) { return work(context); });
    }
    static OptionsPreset read(CollectionFixture &fixture, qint64 deckId)
    {
        auto view = ReadView::open(fixture.path(), fixture.clock);
        if (!view)
            qFatal("view: %s", qPrintable(view.error().message));
        auto preset = deckoptions::forDeck(view->meta, deckId);
        if (!preset)
            qFatal("forDeck: %s", qPrintable(preset.error().message));
        return preset.value();
    }

private slots:
    void initTestCase() { testsupport::enterTestMode(); }

    void freshCollection_defaultDeckUsesDefaultPresetWithAnkisDefaults()
    {
        CollectionFixture fixture;
        const OptionsPreset preset = read(fixture, 1);
        QCOMPARE(preset.id, qint64(1));
        QCOMPARE(preset.name, u"Default"_s);
        QCOMPARE(preset.config, scheduling::DeckConfig {});
        QCOMPARE(preset.deckCount, 1);
    }

    void update_roundTripsThroughTheDconfJsonAnkiReads()
    {
        CollectionFixture fixture;
        // Something Anki wrote that Javumbo does not know must survive the edit.
        QVERIFY(write(fixture, [](WriteContext &context) -> Result<void> {
            auto dconf = context.meta().value()->editDconf();
            QJsonObject preset = dconf.value()->value(u"1"_s).toObject();
            QJsonObject newSection = preset.value(u"new"_s).toObject();
            newSection.insert(u"order"_s, 0);
            preset.insert(u"new"_s, newSection);
            preset.insert(u"fsrsWeights"_s, QJsonArray {0.4, 0.6});
            dconf.value()->insert(u"1"_s, preset);
            return {};
        }));
        fixture.clock.advanceMs(5000);
        QVERIFY(write(fixture, [](WriteContext &context) {
            return deckoptions::update(context, 1, customConfig(), u"Spanish pace"_s);
        }));

        // The file holds Anki's keys with Anki's numbers (floats as their shortest decimal).
        const QJsonObject preset = storedDconf(fixture).value(u"1"_s).toObject();
        const QJsonObject newSection = preset.value(u"new"_s).toObject();
        const QJsonObject rev = preset.value(u"rev"_s).toObject();
        const QJsonObject lapse = preset.value(u"lapse"_s).toObject();
        QCOMPARE(preset.value(u"name"_s).toString(), u"Spanish pace"_s);
        QCOMPARE(numbers(newSection.value(u"delays"_s)), (QList<double> {0.5, 5, 20}));
        QCOMPARE(numbers(newSection.value(u"ints"_s)), (QList<double> {2, 5, 0}));
        QCOMPARE(newSection.value(u"initialFactor"_s).toInt(), 2300);
        QCOMPARE(newSection.value(u"perDay"_s).toInt(), 15);
        QCOMPARE(newSection.value(u"order"_s).toInt(-1), 0);
        QCOMPARE(rev.value(u"perDay"_s).toInt(), 150);
        QCOMPARE(rev.value(u"ease4"_s).toDouble(), 1.4);
        QCOMPARE(rev.value(u"ivlFct"_s).toDouble(), 0.9);
        QCOMPARE(rev.value(u"hardFactor"_s).toDouble(), 1.1);
        QCOMPARE(rev.value(u"maxIvl"_s).toInt(), 3650);
        QCOMPARE(numbers(lapse.value(u"delays"_s)), (QList<double> {5, 30}));
        QCOMPARE(lapse.value(u"mult"_s).toDouble(), 0.2);
        QCOMPARE(lapse.value(u"minInt"_s).toInt(), 2);
        QCOMPARE(lapse.value(u"leechFails"_s).toInt(), 6);
        QCOMPARE(lapse.value(u"leechAction"_s).toInt(), 0);
        QCOMPARE(preset.value(u"maxTaken"_s).toInt(), 90);
        QCOMPARE(numbers(preset.value(u"fsrsWeights"_s)), (QList<double> {0.4, 0.6}));
        QCOMPARE(preset.value(u"usn"_s).toInt(), -1); // a local change, as Anki marks one
        QCOMPARE(preset.value(u"mod"_s).toInteger(), fixture.clock.nowSeconds());
        const QString raw = queryColumn(fixture.path(), u"SELECT dconf FROM col"_s).value(0);
        QVERIFY2(raw.contains(u"\"ease4\":1.4,"_s) || raw.contains(u"\"ease4\":1.4}"_s), qPrintable(raw));

        // Read back, by the options code and by the scheduler's own reader.
        QCOMPARE(read(fixture, 1).config, customConfig());
        QCOMPARE(scheduling::DeckConfig::fromDconfJson(preset).value(), customConfig());
    }

    void update_theSchedulerUsesTheNewSteps()
    {
        CollectionFixture fixture;
        QVERIFY(write(
            fixture, [](WriteContext &context) { return deckoptions::update(context, 1, customConfig()); }));
        const CardRecord card = fixture.addCard(u"hola"_s);
        auto next = fixture.collection().nextCard(1);
        QVERIFY(next && next.value());
        // Good on a new card: the second learning step, 5 minutes here (1m 10m by default).
        QCOMPARE(next.value()->intervals[2], qint64(300));
        QCOMPARE(next.value()->intervals[0], qint64(30));
        Q_UNUSED(card)
    }

    void update_everyDeckOfThePresetFollows_anotherPresetDoesNot()
    {
        CollectionFixture fixture;
        const qint64 spanish = fixture.collection().createDeck(u"Spanish"_s).value().id;
        const qint64 german = fixture.collection().createDeck(u"German"_s).value().id;
        QCOMPARE(read(fixture, spanish).deckCount, 3); // Default, Spanish and German share Default

        auto own = write(fixture, [&](WriteContext &context) {
            return deckoptions::addPreset(context, german, u"German"_s, scheduling::DeckConfig {});
        });
        QVERIFY(own);
        QVERIFY(own->id != 1);
        QCOMPARE(storedDecks(fixture).value(QString::number(german)).toObject().value(u"conf"_s).toInteger(),
            own->id);

        QVERIFY(write(fixture,
            [&](WriteContext &context) { return deckoptions::update(context, spanish, customConfig()); }));
        QCOMPARE(read(fixture, 1).config, customConfig()); // Default shares Spanish's preset
        QCOMPARE(read(fixture, spanish).deckCount, 2);
        QCOMPARE(read(fixture, german).config, scheduling::DeckConfig {});

        QVERIFY(write(
            fixture, [&](WriteContext &context) { return deckoptions::removePreset(context, own->id); }));
        QCOMPARE(read(fixture, german).id, qint64(1));
        QCOMPARE(read(fixture, german).config, customConfig());
        QVERIFY(!storedDconf(fixture).contains(QString::number(own->id)));
    }

    void removePreset_defaultIsRefused()
    {
        CollectionFixture fixture;
        auto removed
            = write(fixture, [](WriteContext &context) { return deckoptions::removePreset(context, 1); });
        QCOMPARE(removed.code(), ErrorCode::InvalidOptions);
    }

    void update_unknownDeck_isDeckNotFound()
    {
        CollectionFixture fixture;
        auto updated = write(fixture, [](WriteContext &context) {
            return deckoptions::update(context, 424242, scheduling::DeckConfig {});
        });
        QCOMPARE(updated.code(), ErrorCode::DeckNotFound);
    }

    void validate_outsideAnkisRange_namesTheFieldAndTheRange_data()
    {
        QTest::addColumn<int>("field");
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("new per day") << 0 << 10000.0
                                     << u"new.perDay (new cards per day) must be from 0 to 9999"_s;
        QTest::newRow("reviews per day") << 1 << -1.0 << u"rev.perDay"_s;
        QTest::newRow("starting ease")
            << 2 << 1300.0 << u"new.initialFactor (starting ease in permille) must be from 1310 to 5000"_s;
        QTest::newRow("easy bonus") << 3 << 0.9 << u"rev.ease4 (easy bonus) must be from 1 to 5"_s;
        QTest::newRow("interval modifier")
            << 4 << 2.5 << u"rev.ivlFct (interval modifier) must be from 0.5 to 2"_s;
        QTest::newRow("hard interval")
            << 5 << 1.4 << u"rev.hardFactor (hard interval) must be from 0.5 to 1.3"_s;
        QTest::newRow("maximum interval") << 6 << 0.0 << u"rev.maxIvl"_s;
        QTest::newRow("new interval")
            << 7 << 1.5 << u"lapse.mult (new interval after a lapse) must be from 0 to 1"_s;
        QTest::newRow("minimum interval") << 8 << 0.0 << u"lapse.minInt"_s;
        QTest::newRow("leech threshold") << 9 << 0.0 << u"lapse.leechFails"_s;
        QTest::newRow("leech action") << 10 << 2.0 << u"lapse.leechAction"_s;
        QTest::newRow("learning step") << 11 << 0.0 << u"new.delays (learning steps)"_s;
        QTest::newRow("answer seconds") << 12 << 7201.0 << u"maxTaken"_s;
        QTest::newRow("graduating interval") << 13 << 0.0 << u"new.ints[0]"_s;
    }
    void validate_outsideAnkisRange_namesTheFieldAndTheRange()
    {
        QFETCH(int, field);
        QFETCH(double, value);
        QFETCH(QString, expected);
        scheduling::DeckConfig config;
        switch (field) {
        case 0:
            config.newPerDay = int(value);
            break;
        case 1:
            config.reviewsPerDay = int(value);
            break;
        case 2:
            config.initialFactor = int(value);
            break;
        case 3:
            config.easyBonus = float(value);
            break;
        case 4:
            config.intervalModifier = float(value);
            break;
        case 5:
            config.hardFactor = float(value);
            break;
        case 6:
            config.maximumInterval = int(value);
            break;
        case 7:
            config.lapseMultiplier = float(value);
            break;
        case 8:
            config.minimumInterval = int(value);
            break;
        case 9:
            config.leechThreshold = int(value);
            break;
        case 10:
            config.leechAction = int(value);
            break;
        case 11:
            config.learnSteps = {1.0f, float(value)};
            break;
        case 12:
            config.maxAnswerSeconds = int(value);
            break;
        case 13:
            config.graduatingInterval = int(value);
            break;
        }
        const auto checked = deckoptions::validate(config);
        QCOMPARE(checked.code(), ErrorCode::InvalidOptions);
        QVERIFY2(checked.error().message.contains(expected), qPrintable(checked.error().message));

        // Refused inside the write as well, leaving the file as it was.
        CollectionFixture fixture;
        const QString before = queryColumn(fixture.path(), u"SELECT dconf FROM col"_s).value(0);
        auto updated
            = write(fixture, [&](WriteContext &context) { return deckoptions::update(context, 1, config); });
        QCOMPARE(updated.code(), ErrorCode::InvalidOptions);
        QCOMPARE(queryColumn(fixture.path(), u"SELECT dconf FROM col"_s).value(0), before);
    }

    void validate_edgesOfTheRanges_areAccepted()
    {
        scheduling::DeckConfig lowest;
        lowest.newPerDay = 0;
        lowest.reviewsPerDay = 0;
        lowest.initialFactor = 1310;
        lowest.easyBonus = 1.0f;
        lowest.intervalModifier = 0.5f;
        lowest.hardFactor = 0.5f;
        lowest.lapseMultiplier = 0.0f;
        lowest.learnSteps = {};
        lowest.relearnSteps = {};
        QVERIFY(deckoptions::validate(lowest));
        scheduling::DeckConfig highest;
        highest.newPerDay = 9999;
        highest.initialFactor = 5000;
        highest.easyBonus = 5.0f;
        highest.intervalModifier = 2.0f;
        highest.hardFactor = 1.3f;
        highest.maximumInterval = 36500;
        highest.lapseMultiplier = 1.0f;
        QVERIFY(deckoptions::validate(highest));
    }

    void json_roundTrips_andAMissingOrMistypedFieldIsNamed()
    {
        OptionsPreset preset {7, u"Seven"_s, customConfig(), 1};
        const QJsonObject json = deckoptions::toJson(preset);
        QCOMPARE(numbers(json.value(u"new"_s).toObject().value(u"ints"_s)), (QList<double> {2, 5}));
        auto back = deckoptions::fromJson(json, scheduling::DeckConfig {});
        QVERIFY(back);
        QCOMPARE(back->config, customConfig());
        QCOMPARE(back->name, std::optional<QString>(u"Seven"_s));

        QJsonObject missing = json;
        QJsonObject rev = missing.value(u"rev"_s).toObject();
        rev.remove(u"maxIvl"_s);
        missing.insert(u"rev"_s, rev);
        auto refused = deckoptions::fromJson(missing, scheduling::DeckConfig {});
        QCOMPARE(refused.code(), ErrorCode::InvalidOptions);
        QVERIFY2(refused.error().message.contains(u"rev.maxIvl"_s), qPrintable(refused.error().message));

        QJsonObject mistyped = json;
        QJsonObject lapse = mistyped.value(u"lapse"_s).toObject();
        lapse.insert(u"minInt"_s, u"two"_s);
        mistyped.insert(u"lapse"_s, lapse);
        refused = deckoptions::fromJson(mistyped, scheduling::DeckConfig {});
        QCOMPARE(refused.code(), ErrorCode::InvalidOptions);
        QVERIFY2(refused.error().message.contains(u"lapse.minInt"_s), qPrintable(refused.error().message));
    }
};

QTEST_MAIN(TestDeckOptions)
#include "tst_deckoptions.moc"
