#pragma once

#include <QStringList>

namespace javumbo::app {

// `javumbo import FILE [--data-dir DIR] [--user NAME | --profile NAME] [--deck NAME] [--yes]`:
// an Anki package (.apkg merges; .colpkg replaces the whole collection after a
// backup and a confirmation) or a CSV/TSV text file, into one user's collection.
int runImport(const QStringList &arguments);

} // namespace javumbo::app
