#pragma once

#include "scheduling/deckconfig.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace javumbo::interop {

// What an Anki collection holds, read from a package (any version) before it
// is merged into a Javumbo collection: plain rows, ids as the source wrote them.
struct SourceNote
{
    qint64 id = 0;
    QString guid;
    qint64 notetypeId = 0;
    qint64 mod = 0; // seconds (normalised from writers that use milliseconds)
    QStringList tags;
    QStringList fields;
    qint64 line = 0; // the line of a text file it came from (0 for packages)
    bool tagsGiven = true; // false: a text file without tags, whose updates keep the note's tags
};

struct SourceCard
{
    qint64 id = 0;
    qint64 noteId = 0;
    qint64 deckId = 0;
    int ord = 0;
    qint64 mod = 0;
    int type = 0;
    int queue = 0;
    qint64 due = 0;
    int ivl = 0;
    int factor = 0;
    int reps = 0;
    int lapses = 0;
    int left = 0;
    qint64 odue = 0;
    qint64 odid = 0;
};

struct SourceRevlog
{
    qint64 id = 0;
    qint64 cardId = 0;
    int ease = 0;
    int ivl = 0;
    int lastIvl = 0;
    int factor = 0;
    int time = 0;
    int type = 0;
};

struct SourceDeck
{
    qint64 id = 0;
    QString name; // "Parent::Child"
    qint64 configId = 1;
    bool filtered = false;
};

struct SourceNotetype
{
    qint64 id = 0;
    QString name;
    bool cloze = false;
    QStringList fieldNames;
    QStringList templateNames;
};

struct SourceDeckConfig
{
    qint64 id = 0;
    QString name;
    scheduling::DeckConfig config;
};

struct ExchangeData
{
    int packageVersion = 0; // 1, 2 or 3; 0 for text files
    qint64 crt = 0; // the source collection's creation time (seconds)
    std::optional<int> creationOffset; // minutes west, when the source stored it
    QList<SourceNote> notes;
    QList<SourceCard> cards;
    QList<SourceRevlog> revlog;
    QHash<qint64, SourceDeck> decks;
    QHash<qint64, SourceNotetype> notetypes;
    QHash<qint64, SourceDeckConfig> deckConfigs;
    QHash<QString, QString> mediaRenames; // name in the package -> name it got here

    // Anki stores note mod in seconds; some writers use milliseconds.
    static qint64 normalizedSeconds(qint64 mod);
};

} // namespace javumbo::interop
