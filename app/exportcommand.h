#pragma once

#include <QStringList>

namespace javumbo::app {

// `javumbo export --format apkg|colpkg|csv [--deck NAME] [--no-scheduling] [--user NAME | --profile NAME]
// [--data-dir DIR] -o FILE`: one user's collection (or a deck of it) as a file Anki opens.
int runExport(const QStringList &arguments);

} // namespace javumbo::app
