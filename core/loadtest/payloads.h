#pragma once

#include "apiactor.h"
#include "runcontext.h"
#include "sampledeck.h"

#include <QRandomGenerator>

namespace javumbo::loadtest {

// What the load tester sends, drawn from the run's seed only: the same seed
// gives the same accounts and the same card texts.
namespace payloads {

int draw(QRandomGenerator &random, const IntRange &range);

// Test account number `index` of the run: a random-looking name, email and
// area of interest. Usernames carry the seed, so runs with different seeds
// never collide on one server.
TestAccount account(quint64 seed, int index);

// A writer's card: the front carries [USER:u][SEQ:n][TIME:t][TOPIC:x] and the
// back [MARKER:u_n], as the load-testing plan specifies.
CardPayload writerCard(const QString &username, int number, qint64 timeMs, QRandomGenerator &random);

// Card `number` of the sample deck for `username`: its text, with a marker
// tag "<username>_vt<number>" on the back so every copy is told apart.
CardPayload sampleCard(
    const QString &username, int number, const SampleCard &card, qint64 deckId, const QString &deckName);

// An ease as students press them: mostly Good, some Again, Hard and Easy.
int ease(QRandomGenerator &random);

} // namespace payloads

} // namespace javumbo::loadtest
