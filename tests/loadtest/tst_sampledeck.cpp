#include "loadtest/sampledeck.h"

#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace javumbo;
using namespace javumbo::loadtest;

Q_DECLARE_METATYPE(javumbo::ErrorCode)

class TestSampleDeck : public QObject
{
    Q_OBJECT
private:
    static void checkVerbalTenses(const SampleDeck &deck)
    {
        QCOMPARE(deck.name, u"Verbal Tenses"_s);
        QVERIFY(!deck.description.isEmpty());
        QCOMPARE(deck.cards.size(), 100);
        QSet<QString> fronts;
        for (const SampleCard &card : deck.cards) {
            QVERIFY2(!card.front.trimmed().isEmpty(), qPrintable(card.back));
            QVERIFY2(!card.back.trimmed().isEmpty(), qPrintable(card.front));
            QVERIFY2(!fronts.contains(card.front), qPrintable(u"duplicate front: "_s + card.front));
            fronts.insert(card.front);
            QVERIFY2(card.tags.contains(u"tenses"_s), qPrintable(card.front));
            for (const QString &tag : card.tags)
                QVERIFY2(!tag.isEmpty() && !tag.contains(u' '), qPrintable(card.front));
        }
    }

    static QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
    {
        const QString path = dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
            return {};
        return path;
    }

private slots:
    void loadsTheCompiledInDeck()
    {
        const Result<SampleDeck> deck = SampleDeck::load();
        QVERIFY2(deck.ok(), qPrintable(deck.ok() ? QString() : deck.error().message));
        checkVerbalTenses(*deck);
        QCOMPARE(SampleDeck::defaultPath(), u":/decks/verbal-tenses.json"_s);
    }

    void loadsTheSameDeckFromTheSourceTree()
    {
        const Result<SampleDeck> fromFile = SampleDeck::load(
            QString::fromUtf8(JAVUMBO_SOURCE_DIR) + u"/resources/decks/verbal-tenses.json"_s);
        QVERIFY2(fromFile.ok(), qPrintable(fromFile.ok() ? QString() : fromFile.error().message));
        checkVerbalTenses(*fromFile);
        const Result<SampleDeck> fromResource = SampleDeck::load();
        QVERIFY(fromResource.ok());
        QCOMPARE(fromFile->cards.size(), fromResource->cards.size());
        for (qsizetype i = 0; i < fromFile->cards.size(); ++i) {
            QCOMPARE(fromFile->cards.at(i).front, fromResource->cards.at(i).front);
            QCOMPARE(fromFile->cards.at(i).back, fromResource->cards.at(i).back);
            QCOMPARE(fromFile->cards.at(i).tags, fromResource->cards.at(i).tags);
        }
    }

    void keepsTextExactly()
    {
        const Result<SampleDeck> deck = SampleDeck::load();
        QVERIFY(deck.ok());
        const SampleCard &card = deck->cards.at(3);
        QCOMPARE(card.front, u"Present perfect continuous: form"_s);
        QCOMPARE(card.back, u"have/has + been + verb-ing — 'She has been studying for three hours.'"_s);
        QCOMPARE(card.tags, (QStringList {u"tenses"_s, u"present-perfect-continuous"_s, u"form"_s}));
    }

    void reportsBadFiles_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<ErrorCode>("code");
        QTest::newRow("not json") << QByteArray("{\"name\": ") << ErrorCode::InvalidJson;
        QTest::newRow("array") << QByteArray("[]") << ErrorCode::BadRequest;
        QTest::newRow("no name") << QByteArray(R"({"cards": []})") << ErrorCode::BadRequest;
        QTest::newRow("no cards") << QByteArray(R"({"name": "x"})") << ErrorCode::BadRequest;
        QTest::newRow("empty back") << QByteArray(R"({"name": "x", "cards": [{"front": "f", "back": " "}]})")
                                    << ErrorCode::BadRequest;
        QTest::newRow("tag not a string")
            << QByteArray(R"({"name": "x", "cards": [{"front": "f", "back": "b", "tags": [1]}]})")
            << ErrorCode::BadRequest;
    }

    void reportsBadFiles()
    {
        QFETCH(QByteArray, content);
        QFETCH(ErrorCode, code);
        QTemporaryDir dir;
        const QString path = writeFile(dir, u"deck.json"_s, content);
        QVERIFY(!path.isEmpty());
        const Result<SampleDeck> deck = SampleDeck::load(path);
        QVERIFY(!deck.ok());
        QCOMPARE(deck.code(), code);
    }

    void acceptsCardsWithoutTags()
    {
        QTemporaryDir dir;
        const QString path
            = writeFile(dir, u"deck.json"_s, R"({"name": "x", "cards": [{"front": "f", "back": "b"}]})");
        const Result<SampleDeck> deck = SampleDeck::load(path);
        QVERIFY(deck.ok());
        QCOMPARE(deck->cards.size(), 1);
        QVERIFY(deck->cards.first().tags.isEmpty());
    }

    void reportsAMissingFile()
    {
        const Result<SampleDeck> deck = SampleDeck::load(u"/nonexistent/deck.json"_s);
        QVERIFY(!deck.ok());
        QCOMPARE(deck.code(), ErrorCode::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestSampleDeck)
#include "tst_sampledeck.moc"
