#pragma once

#include "common/result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace javumbo::loadtest {

struct SampleCard
{
    QString front;
    QString back;
    QStringList tags;
};

// A deck shipped with Javumbo (resources/decks/*.json): the "Verbal Tenses"
// sample deck, whose cards are also the load tester's card content.
//
// The file is read through QFile, so `path` is either a Qt resource path or a
// filesystem path. The resources live in the OBJECT library
// `javumbo_resources`: a target that links it gets the compiled-in files with
// no Q_INIT_RESOURCE call (the object file's static initialiser registers
// them); core itself does not link it, so a core-only executable must pass a
// filesystem path.
struct SampleDeck
{
    QString name;
    QString description;
    QList<SampleCard> cards;

    // NotFound when the file is missing, StorageUnavailable when it cannot
    // be read, InvalidJson when it is not JSON, BadRequest when the JSON is
    // not a deck (no name, a card without front or back, a tag not a string).
    static Result<SampleDeck> load(const QString &path = defaultPath());
    static QString defaultPath(); // ":/decks/verbal-tenses.json"
};

} // namespace javumbo::loadtest
