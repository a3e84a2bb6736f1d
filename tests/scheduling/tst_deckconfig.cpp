// DeckConfig: §2 defaults, reading and writing §9's dconf JSON, validation.

#include "scheduling/deckconfig.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTest>

using namespace javumbo::scheduling;
using namespace Qt::StringLiterals;

namespace {

// §9's default dconf entry, as text.
const char s_defaultDconf[] = R"({
    "id": 1, "name": "Default", "mod": 0, "usn": 0, "maxTaken": 60, "autoplay": true,
    "timer": 0, "replayq": true, "dyn": false,
    "new": {"delays": [1, 10], "ints": [1, 4, 0], "initialFactor": 2500, "order": 1,
            "perDay": 20, "bury": false},
    "rev": {"perDay": 200, "ease4": 1.3, "ivlFct": 1.0, "maxIvl": 36500, "hardFactor": 1.2,
            "bury": false},
    "lapse": {"delays": [10], "mult": 0.0, "minInt": 1, "leechFails": 8, "leechAction": 1}
})";

QJsonObject parse(const char *json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(json), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("fixture JSON does not parse: %s", qPrintable(error.errorString()));
    return document.object();
}

DeckConfig unusualConfig()
{
    DeckConfig config;
    config.learnSteps = {0.5f, 3.0f, 1440.0f};
    config.graduatingInterval = 2;
    config.easyInterval = 6;
    config.initialFactor = 2300;
    config.newPerDay = 35;
    config.reviewsPerDay = 9999;
    config.easyBonus = 1.45f;
    config.intervalModifier = 0.85f;
    config.hardFactor = 1.15f;
    config.maximumInterval = 3650;
    config.relearnSteps = {};
    config.lapseMultiplier = 0.2f;
    config.minimumInterval = 3;
    config.leechThreshold = 5;
    config.leechAction = 0;
    config.maxAnswerSeconds = 90;
    return config;
}

} // namespace

class TestDeckConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void defaults_matchSpec();
    void fromDconfJson_readsDefaultEntry();
    void toDconfJson_writesSpecDefaultEntry();
    void toDconfJson_writesShortestDecimals();
    void roundTrip_keepsEveryOption();
    void fromDconfJson_keepsDefaultsForMissingKeys();
    void fromDconfJson_acceptsValidEdges();
    void fromDconfJson_rejectsInvalid_data();
    void fromDconfJson_rejectsInvalid();
};

void TestDeckConfig::defaults_matchSpec()
{
    const DeckConfig config;
    QCOMPARE(config.learnSteps, (QList<float> {1.0f, 10.0f}));
    QCOMPARE(config.graduatingInterval, 1);
    QCOMPARE(config.easyInterval, 4);
    QCOMPARE(config.initialFactor, 2500);
    QCOMPARE(config.newPerDay, 20);
    QCOMPARE(config.reviewsPerDay, 200);
    QCOMPARE(config.easyBonus, 1.3f);
    QCOMPARE(config.intervalModifier, 1.0f);
    QCOMPARE(config.hardFactor, 1.2f);
    QCOMPARE(config.maximumInterval, 36500);
    QCOMPARE(config.relearnSteps, (QList<float> {10.0f}));
    QCOMPARE(config.lapseMultiplier, 0.0f);
    QCOMPARE(config.minimumInterval, 1);
    QCOMPARE(config.leechThreshold, 8);
    QCOMPARE(config.leechAction, 1);
    QCOMPARE(config.maxAnswerSeconds, 60);
}

void TestDeckConfig::fromDconfJson_readsDefaultEntry()
{
    const auto config = DeckConfig::fromDconfJson(parse(s_defaultDconf));
    QVERIFY(config.ok());
    QVERIFY(*config == DeckConfig {});
}

void TestDeckConfig::toDconfJson_writesSpecDefaultEntry()
{
    QCOMPARE(DeckConfig {}.toDconfJson(1, u"Default"_s), parse(s_defaultDconf));
}

void TestDeckConfig::toDconfJson_writesShortestDecimals()
{
    // Floats are written as the decimal Anki would write, not their double expansion.
    const QByteArray text
        = QJsonDocument(DeckConfig {}.toDconfJson(1, u"Default"_s)).toJson(QJsonDocument::Compact);
    QVERIFY2(text.contains("\"ease4\":1.3,"), text.constData());
    QVERIFY2(text.contains("\"hardFactor\":1.2,"), text.constData());
    QVERIFY2(text.contains("\"delays\":[1,10]"), text.constData());
}

void TestDeckConfig::roundTrip_keepsEveryOption()
{
    const DeckConfig original = unusualConfig();
    const QJsonObject json = original.toDconfJson(1704081600000, u"Languages"_s);
    QCOMPARE(json.value(u"id"_s).toInteger(), 1704081600000);
    QCOMPARE(json.value(u"name"_s).toString(), u"Languages"_s);

    // Through text, as it is stored in col.dconf.
    const QByteArray text = QJsonDocument(json).toJson(QJsonDocument::Compact);
    const auto read = DeckConfig::fromDconfJson(QJsonDocument::fromJson(text).object());
    QVERIFY(read.ok());
    QVERIFY(*read == original);
    QVERIFY(!(*read == DeckConfig {}));
}

void TestDeckConfig::fromDconfJson_keepsDefaultsForMissingKeys()
{
    const auto config = DeckConfig::fromDconfJson(parse(R"({"rev": {"maxIvl": 100}, "new": {"ints": [3]}})"));
    QVERIFY(config.ok());
    DeckConfig expected;
    expected.maximumInterval = 100;
    expected.graduatingInterval = 3;
    QVERIFY(*config == expected);

    const auto empty = DeckConfig::fromDconfJson(QJsonObject {});
    QVERIFY(empty.ok());
    QVERIFY(*empty == DeckConfig {});
}

void TestDeckConfig::fromDconfJson_acceptsValidEdges()
{
    // No steps at all, a lapse multiplier of 0 (the default), maxIvl 1, whole
    // numbers written as 2500.0.
    const auto config = DeckConfig::fromDconfJson(parse(R"({
        "new": {"delays": [], "initialFactor": 2500.0},
        "rev": {"maxIvl": 1},
        "lapse": {"delays": [], "mult": 0, "leechFails": 0, "leechAction": 0}
    })"));
    QVERIFY2(config.ok(), config.ok() ? "" : qPrintable(config.error().message));
    QVERIFY(config->learnSteps.isEmpty());
    QVERIFY(config->relearnSteps.isEmpty());
    QCOMPARE(config->maximumInterval, 1);
    QCOMPARE(config->leechThreshold, 0);
    QCOMPARE(config->leechAction, 0);
}

void TestDeckConfig::fromDconfJson_rejectsInvalid_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("zero learning step") << QByteArray(R"({"new": {"delays": [1, 0]}})") << u"new.delays"_s;
    QTest::newRow("negative learning step") << QByteArray(R"({"new": {"delays": [-1]}})") << u"new.delays"_s;
    QTest::newRow("zero relearning step") << QByteArray(R"({"lapse": {"delays": [0]}})") << u"lapse.delays"_s;
    QTest::newRow("steps not an array") << QByteArray(R"({"new": {"delays": "1 10"}})") << u"new.delays"_s;
    QTest::newRow("step not a number") << QByteArray(R"({"new": {"delays": [1, "10"]}})") << u"new.delays"_s;
    QTest::newRow("ease4 0") << QByteArray(R"({"rev": {"ease4": 0}})") << u"rev.ease4"_s;
    QTest::newRow("ivlFct negative") << QByteArray(R"({"rev": {"ivlFct": -1}})") << u"rev.ivlFct"_s;
    QTest::newRow("hardFactor 0") << QByteArray(R"({"rev": {"hardFactor": 0}})") << u"rev.hardFactor"_s;
    QTest::newRow("lapse mult negative") << QByteArray(R"({"lapse": {"mult": -0.5}})") << u"lapse.mult"_s;
    QTest::newRow("maxIvl 0") << QByteArray(R"({"rev": {"maxIvl": 0}})") << u"rev.maxIvl"_s;
    QTest::newRow("initialFactor 0") << QByteArray(R"({"new": {"initialFactor": 0}})")
                                     << u"new.initialFactor"_s;
    QTest::newRow("perDay a string") << QByteArray(R"({"rev": {"perDay": "200"}})") << u"rev.perDay"_s;
    QTest::newRow("perDay fractional") << QByteArray(R"({"new": {"perDay": 2.5}})") << u"new.perDay"_s;
    QTest::newRow("perDay negative") << QByteArray(R"({"new": {"perDay": -1}})") << u"perDay"_s;
    QTest::newRow("maxIvl too large") << QByteArray(R"({"rev": {"maxIvl": 1e12}})") << u"rev.maxIvl"_s;
    QTest::newRow("ints not an array") << QByteArray(R"({"new": {"ints": 1}})") << u"new.ints"_s;
    QTest::newRow("ints entry a string") << QByteArray(R"({"new": {"ints": [1, "4"]}})") << u"new.ints[1]"_s;
    QTest::newRow("leechAction 2") << QByteArray(R"({"lapse": {"leechAction": 2}})")
                                   << u"lapse.leechAction"_s;
    QTest::newRow("leechFails negative")
        << QByteArray(R"({"lapse": {"leechFails": -1}})") << u"lapse.leechFails"_s;
    QTest::newRow("maxTaken 0") << QByteArray(R"({"maxTaken": 0})") << u"maxTaken"_s;
    QTest::newRow("section not an object") << QByteArray(R"({"rev": [1]})") << u"rev"_s;
}

void TestDeckConfig::fromDconfJson_rejectsInvalid()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, mentions);

    const auto config = DeckConfig::fromDconfJson(parse(json.constData()));
    QVERIFY(!config.ok());
    QCOMPARE(config.code(), javumbo::ErrorCode::BadRequest);
    QVERIFY2(config.error().message.contains(mentions), qPrintable(config.error().message));
}

QTEST_GUILESS_MAIN(TestDeckConfig)
#include "tst_deckconfig.moc"
