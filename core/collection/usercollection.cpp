#include "usercollection.h"

#include "cardrows.h"
#include "cardsearch.h"
#include "collectionmeta.h"
#include "decktree.h"
#include "notefields.h"
#include "reviewqueue.h"
#include "scheduling/answer.h"
#include "scheduling/limits.h"
#include "scheduling/preview.h"
#include "storage/collectionschema.h"
#include "storage/database.h"
#include "storage/transaction.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <thread>

using namespace Qt::StringLiterals;

namespace javumbo::collection {

namespace {

constexpr int kDeckGrave = 2;

Result<void> validateFields(const QString &front, const QString &back)
{
    if (front.trimmed().isEmpty())
        return makeError(ErrorCode::BadRequest, u"front must not be empty"_s);
    for (const auto &[name, text] : {std::pair {u"front"_s, &front}, std::pair {u"back"_s, &back}}) {
        if (text->size() > UserCollection::kMaxFieldLength)
            return makeError(ErrorCode::BadRequest,
                u"%1 is longer than %2 characters"_s.arg(name).arg(UserCollection::kMaxFieldLength));
        if (text->contains(QChar(0x1f)))
            return makeError(ErrorCode::BadRequest, u"%1 contains the field separator U+001F"_s.arg(name));
    }
    return {};
}

Result<QStringList> validTags(const QStringList &tags)
{
    bool ok = true;
    QStringList normalized = notefields::normalizeTags(tags, &ok);
    if (!ok)
        return makeError(
            ErrorCode::BadRequest, u"tags must be non-empty words without spaces, at most 100 characters"_s);
    return normalized;
}

Error cardNotFound(qint64 cardId)
{
    return makeError(ErrorCode::CardNotFound, u"card %1 not found"_s.arg(cardId));
}

Error deckNotFound(qint64 deckId)
{
    return makeError(ErrorCode::DeckNotFound, u"deck %1 not found"_s.arg(deckId));
}

// What every read starts from: the calling thread's connection, the parsed col
// row and today's day numbers (SCHEDULING.md §3).
struct ReadView
{
    storage::Connection *db = nullptr;
    CollectionMeta meta;
    scheduling::DayTiming timing;
};

Result<ReadView> readView(Result<storage::Connection *> db, const Clock &clock)
{
    if (!db)
        return db.error();
    auto meta = CollectionMeta::load(*db.value());
    if (!meta)
        return meta.error();
    const qint64 now = clock.nowSeconds();
    const scheduling::DayTiming timing = meta->timing(now, clock.utcOffsetMinutesWest(now));
    return ReadView {db.value(), std::move(meta).value(), timing};
}

// Planted faults (loadtest self-test, common/fault.h) that act in storage.
cardrows::IdScheme idSchemeFor(Fault fault)
{
    return fault == Fault::ClockIds ? cardrows::IdScheme::ClockOnly : cardrows::IdScheme::Unique;
}
// no-user-lock: long enough that concurrent answers of one card all read it before the first
// writes, even on a loaded machine (sanitizers, parallel tests).
constexpr std::chrono::milliseconds kAnswerRaceWindow {100};

Result<CardRecord> existingCard(storage::Connection &connection, qint64 cardId)
{
    auto loaded = cardrows::load(connection, cardId);
    if (!loaded)
        return loaded.error();
    if (!loaded.value())
        return cardNotFound(cardId);
    return *loaded.value();
}

} // namespace

QString CardRecord::etag() const
{
    return u"\"%1-%2\""_s.arg(cardId).arg(mod);
}

UserCollection::UserCollection(QString path, const Clock &clock, scheduling::FuzzSource fuzz)
    : m_path(std::move(path)), m_clock(clock), m_fuzz(fuzz)
{ }

Result<storage::Connection *> UserCollection::connection()
{
    return storage::Database::open(m_path, storage::OpenMode::ReadWrite, &storage::collectionschema::verify);
}

Result<void> UserCollection::create(const QString &path, const Clock &clock)
{
    if (QFileInfo::exists(path))
        return makeError(ErrorCode::StorageUnavailable, u"collection %1 already exists"_s.arg(path));
    const QString partial = path + u".creating"_s;
    auto removePartial = [&] {
        storage::Database::closeOnThisThread(partial);
        for (const QString &suffix : {QString(), u"-wal"_s, u"-shm"_s, u"-journal"_s})
            QFile::remove(partial + suffix);
    };
    removePartial();
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return makeError(ErrorCode::StorageUnavailable, u"cannot create directory for %1"_s.arg(path));

    auto opened = storage::Database::open(
        partial, storage::OpenMode::CreateIfMissing, &storage::collectionschema::verify);
    if (!opened) {
        removePartial();
        return opened.error();
    }
    const qint64 now = clock.nowMs();
    if (auto created
        = storage::collectionschema::create(*opened.value(), now, clock.utcOffsetMinutesWest(now / 1000));
        !created) {
        removePartial();
        return created;
    }
    // Closing the last connection checkpoints the WAL into the file, so the
    // renamed file is complete on its own.
    storage::Database::closeOnThisThread(partial);
    if (!QFile::rename(partial, path)) {
        removePartial();
        return makeError(
            ErrorCode::StorageUnavailable, u"cannot move the new collection into place at %1"_s.arg(path));
    }
    return {};
}

Result<QList<DeckSummary>> UserCollection::decks()
{
    auto view = readView(connection(), m_clock);
    if (!view)
        return view.error();
    storage::Connection &db = *view->db;
    CollectionMeta &meta = view.value().meta;
    const scheduling::DayTiming &timing = view->timing;
    DeckTree tree(meta.decks());
    QList<DeckSummary> result;
    for (const auto &[id, name] : tree.all()) {
        DeckSummary summary {id, name};
        const QList<qint64> members = tree.withDescendants(id);
        QStringList ids;
        for (qint64 member : members)
            ids.append(QString::number(member));
        storage::Query total(db, u"SELECT count(*) FROM cards WHERE did IN ("_s % ids.join(u',') % u")"_s,
            storage::Query::Caching::Uncached);
        auto cards = total.scalar();
        if (!cards)
            return cards.error();
        summary.cardCount = cards.value() ? cards.value()->toInt() : 0;
        auto config = meta.deckConfig(id);
        if (!config)
            return config.error();
        const auto today = tree.todayCounts(id, timing.today);
        ReviewQueue queue(db, members,
            scheduling::dailyLimits(config.value(), today.newToday, today.reviewToday), timing,
            meta.collapseTimeSeconds());
        auto counts = queue.counts();
        if (!counts)
            return counts.error();
        summary.newCount = counts->newCount;
        summary.learningCount = counts->learning;
        summary.dueCount = counts->review;
        result.append(summary);
    }
    return result;
}

Result<bool> UserCollection::hasDeck(qint64 deckId)
{
    auto view = readView(connection(), m_clock);
    if (!view)
        return view.error();
    return DeckTree(view->meta.decks()).contains(deckId);
}

Result<DeckSummary> UserCollection::createDeck(const QString &name)
{
    return storage::inTransaction(connection(), [&](storage::Connection &db) -> Result<DeckSummary> {
        auto meta = CollectionMeta::load(db);
        if (!meta)
            return meta.error();
        DeckTree tree(meta.value().editDecks());
        auto id = tree.add(name, nowMs());
        if (!id)
            return id.error();
        if (auto saved = meta->save(db, nowMs()); !saved)
            return saved.error();
        return DeckSummary {id.value(), tree.name(id.value())};
    });
}

Result<DeckSummary> UserCollection::renameDeck(qint64 deckId, const QString &name)
{
    return storage::inTransaction(connection(), [&](storage::Connection &db) -> Result<DeckSummary> {
        auto meta = CollectionMeta::load(db);
        if (!meta)
            return meta.error();
        DeckTree tree(meta.value().editDecks());
        if (auto renamed = tree.rename(deckId, name, nowMs()); !renamed)
            return renamed.error();
        if (auto saved = meta->save(db, nowMs()); !saved)
            return saved.error();
        return DeckSummary {deckId, tree.name(deckId)};
    });
}

Result<void> UserCollection::deleteDeck(qint64 deckId)
{
    if (deckId == storage::collectionschema::kDefaultDeckId)
        return makeError(ErrorCode::DefaultDeckProtected, u"the Default deck cannot be deleted"_s);
    return storage::inTransaction(connection(), [&](storage::Connection &db) -> Result<void> {
        auto meta = CollectionMeta::load(db);
        if (!meta)
            return meta.error();
        DeckTree tree(meta.value().editDecks());
        if (!tree.contains(deckId))
            return deckNotFound(deckId);
        const QList<qint64> removed = tree.remove(deckId);
        auto notes = cardrows::noteIdsInDecks(db, removed);
        if (!notes)
            return notes.error();
        if (auto deleted = cardrows::deleteNotes(db, notes.value()); !deleted)
            return deleted;
        for (qint64 id : removed) {
            if (auto grave = cardrows::addGrave(db, id, kDeckGrave); !grave)
                return grave;
        }
        // The current deck must still exist afterwards.
        if (!tree.contains(meta->conf().value(u"curDeck"_s).toVariant().toLongLong()))
            meta.value().editConf().insert(u"curDeck"_s, storage::collectionschema::kDefaultDeckId);
        if (auto saved = meta->save(db, nowMs()); !saved)
            return saved;
        return {};
    });
}

Result<CardRecord> UserCollection::addCard(const NewCard &card)
{
    if (auto valid = validateFields(card.front, card.back); !valid)
        return valid.error();
    auto tags = validTags(card.tags);
    if (!tags)
        return tags.error();
    return storage::inTransaction(connection(), [&](storage::Connection &db) -> Result<CardRecord> {
        auto meta = CollectionMeta::load(db);
        if (!meta)
            return meta.error();
        if (!DeckTree(meta->decks()).contains(card.deckId))
            return deckNotFound(card.deckId);
        const qint64 position = meta->conf().value(u"nextPos"_s).toVariant().toLongLong();
        meta.value().editConf().insert(u"nextPos"_s, position + 1);
        NewCard normalized = card;
        normalized.tags = tags.value();
        auto inserted
            = cardrows::insert(db, normalized, meta->modelId(), position, nowMs(), idSchemeFor(m_fault));
        if (!inserted)
            return inserted.error();
        if (auto saved = meta->save(db, nowMs()); !saved)
            return saved.error();
        return inserted;
    });
}

Result<CardRecord> UserCollection::card(qint64 cardId)
{
    auto db = connection();
    if (!db)
        return db.error();
    return existingCard(*db.value(), cardId);
}

Result<std::optional<CardRecord>> UserCollection::cardByGuid(const QString &guid)
{
    auto db = connection();
    if (!db)
        return db.error();
    storage::Query query(*db.value(),
        u"SELECT "_s % cardrows::kSelectColumns
            % u" FROM cards c JOIN notes n ON n.id = c.nid WHERE n.guid = ? ORDER BY c.id LIMIT 1"_s);
    query.bind(guid);
    if (auto done = query.exec(); !done)
        return done.error();
    if (!query.next())
        return std::optional<CardRecord> {};
    return std::optional<CardRecord> {cardrows::readCard(query)};
}

Result<CardPage> UserCollection::findCards(const CardQuery &query)
{
    auto view = readView(connection(), m_clock);
    if (!view)
        return view.error();
    storage::Connection &db = *view->db;
    CollectionMeta &meta = view.value().meta;
    const scheduling::DayTiming &timing = view->timing;
    DeckTree tree(meta.decks());
    if (query.deckId && !tree.contains(*query.deckId))
        return deckNotFound(*query.deckId);
    auto filter = buildCardFilter(query.search, tree, timing, query.deckId);
    if (!filter)
        return filter.error();
    const QString from = u" FROM cards c JOIN notes n ON n.id = c.nid WHERE "_s % filter->where;

    CardPage page;
    storage::Query total(db, u"SELECT count(*)"_s % from, storage::Query::Caching::Uncached);
    for (const QVariant &binding : filter->bindings)
        total.bind(binding);
    auto count = total.scalar();
    if (!count)
        return count.error();
    page.total = count.value() ? count.value()->toLongLong() : 0;

    storage::Query rows(db,
        u"SELECT "_s % cardrows::kSelectColumns % from % u" ORDER BY c.id LIMIT ? OFFSET ?"_s,
        storage::Query::Caching::Uncached);
    for (const QVariant &binding : filter->bindings)
        rows.bind(binding);
    rows.bind(std::clamp(query.limit, 0, 1000)).bind(std::max(query.offset, 0));
    if (auto done = rows.exec(); !done)
        return done.error();
    while (rows.next())
        page.cards.append(cardrows::readCard(rows));
    return page;
}

Result<CardRecord> UserCollection::updateCard(qint64 cardId, const CardEdit &edit)
{
    if (auto valid = validateFields(edit.front, edit.back); !valid)
        return valid.error();
    return storage::inTransaction(connection(), [&](storage::Connection &db) -> Result<CardRecord> {
        auto existing = existingCard(db, cardId);
        if (!existing)
            return existing.error();
        CardRecord card = existing.value();
        if (edit.expectedMod && *edit.expectedMod != card.mod)
            return makeError(ErrorCode::StaleCard,
                u"card %1 changed since version %2 (now %3)"_s.arg(cardId)
                    .arg(*edit.expectedMod)
                    .arg(card.mod));
        if (edit.deckId && *edit.deckId != card.deckId) {
            auto meta = CollectionMeta::load(db);
            if (!meta)
                return meta.error();
            if (!DeckTree(meta->decks()).contains(*edit.deckId))
                return deckNotFound(*edit.deckId);
            card.deckId = *edit.deckId;
        }
        if (edit.tags) {
            auto tags = validTags(*edit.tags);
            if (!tags)
                return tags.error();
            card.tags = tags.value();
        }
        card.front = edit.front;
        card.back = edit.back;
        card.mod = cardrows::nextMod(card.mod, m_clock.nowSeconds());
        if (auto done
            = cardrows::updateNote(db, card.noteId, card.front, card.back, card.tags, m_clock.nowSeconds());
            !done)
            return done.error();
        if (auto done = cardrows::updateCard(db, cardId, card.deckId, card.state, card.mod); !done)
            return done.error();
        return card;
    });
}

Result<void> UserCollection::deleteCard(qint64 cardId, std::optional<qint64> expectedMod)
{
    return storage::inTransaction(connection(), [&](storage::Connection &db) -> Result<void> {
        auto existing = existingCard(db, cardId);
        if (!existing)
            return existing.error();
        if (expectedMod && *expectedMod != existing->mod)
            return makeError(
                ErrorCode::StaleCard, u"card %1 changed since version %2"_s.arg(cardId).arg(*expectedMod));
        // Basic notes have one card: deleting the card deletes its note.
        if (auto deleted = cardrows::deleteNotes(db, {existing->noteId}); !deleted)
            return deleted;
        return {};
    });
}

Result<CardRecord> UserCollection::setSuspended(qint64 cardId, bool suspended)
{
    return storage::inTransaction(connection(), [&](storage::Connection &db) -> Result<CardRecord> {
        auto existing = existingCard(db, cardId);
        if (!existing)
            return existing.error();
        CardRecord card = existing.value();
        card.state.queue = suspended ? -1 : scheduling::queueForType(card.state.type, card.state.due);
        card.mod = cardrows::nextMod(card.mod, m_clock.nowSeconds());
        if (auto done = cardrows::updateCard(db, cardId, card.deckId, card.state, card.mod); !done)
            return done.error();
        return card;
    });
}

Result<ReviewCounts> UserCollection::counts(qint64 deckId)
{
    auto next = nextCard(deckId);
    if (!next)
        return next.error();
    if (next.value())
        return next.value()->counts;
    return ReviewCounts {};
}

Result<std::optional<NextCard>> UserCollection::nextCard(qint64 deckId)
{
    auto view = readView(connection(), m_clock);
    if (!view)
        return view.error();
    storage::Connection &db = *view->db;
    CollectionMeta &meta = view.value().meta;
    const scheduling::DayTiming &timing = view->timing;
    DeckTree tree(meta.decks());
    if (!tree.contains(deckId))
        return deckNotFound(deckId);
    auto config = meta.deckConfig(deckId);
    if (!config)
        return config.error();
    const auto today = tree.todayCounts(deckId, timing.today);
    ReviewQueue queue(db, tree.withDescendants(deckId),
        scheduling::dailyLimits(config.value(), today.newToday, today.reviewToday), timing,
        meta.collapseTimeSeconds());
    auto counts = queue.counts();
    if (!counts)
        return counts.error();
    auto next = queue.next();
    if (!next)
        return next.error();
    if (!next.value())
        return std::optional<NextCard> {};
    NextCard result;
    result.card = *next.value();
    result.counts = counts.value();
    auto cardConfig = meta.deckConfig(result.card.deckId);
    if (!cardConfig)
        return cardConfig.error();
    auto intervals = scheduling::previewIntervals(result.card.state, cardConfig.value(), timing, m_fuzz);
    if (!intervals)
        return intervals.error();
    result.intervals = intervals.value();
    return std::optional<NextCard> {result};
}

Result<CardRecord> UserCollection::answer(const AnswerRequest &request)
{
    const auto ease = scheduling::easeFromInt(request.ease);
    if (!ease)
        return makeError(ErrorCode::InvalidEase, u"ease must be 1, 2, 3 or 4, not %1"_s.arg(request.ease));
    if (request.timeTakenMs < 0)
        return makeError(ErrorCode::BadRequest, u"time_taken_ms must not be negative"_s);
    // Planted fault (loadtest self-test) no-user-lock: as the original, read the
    // card (and check expected_reps) before the write, then write what that
    // stale read implies: concurrent answers all pass and all set reps + 1.
    std::optional<CardRecord> staleRead;
    if (m_fault == Fault::NoUserLock) [[unlikely]] {
        auto read = card(request.cardId);
        if (!read)
            return read.error();
        staleRead = std::move(read).value();
        std::this_thread::sleep_for(kAnswerRaceWindow);
    }
    return storage::inTransaction(connection(), [&](storage::Connection &db) -> Result<CardRecord> {
        auto existing = staleRead ? Result<CardRecord>(*staleRead) : existingCard(db, request.cardId);
        if (!existing)
            return existing.error();
        CardRecord card = existing.value();
        if (request.expectedReps && *request.expectedReps != card.state.reps)
            return makeError(ErrorCode::AlreadyAnswered,
                u"card %1 has %2 reviews, not the expected %3"_s.arg(request.cardId)
                    .arg(card.state.reps)
                    .arg(*request.expectedReps));
        auto meta = CollectionMeta::load(db);
        if (!meta)
            return meta.error();
        auto config = meta->deckConfig(card.deckId);
        if (!config)
            return config.error();
        const qint64 now = m_clock.nowSeconds();
        const int offset = m_clock.utcOffsetMinutesWest(now);
        meta.value().updateLocalOffset(offset);
        const auto timing = meta->timing(now, offset);
        auto outcome
            = scheduling::answerCard(card.state, *ease, config.value(), timing, m_fuzz, request.timeTakenMs);
        if (!outcome)
            return outcome.error();

        const int queueBefore = card.state.queue;
        card.state = outcome->card;
        card.mod = cardrows::nextMod(card.mod, now);
        if (auto done = cardrows::updateCard(db, card.cardId, card.deckId, card.state, card.mod); !done)
            return done.error();
        if (auto logged
            = cardrows::insertRevlog(db, card.cardId, outcome->revlog, nowMs(), idSchemeFor(m_fault));
            !logged)
            return logged.error();
        // Planted fault (loadtest self-test) double-revlog: the answer is logged twice.
        if (m_fault == Fault::DoubleRevlog) [[unlikely]] {
            if (auto again = cardrows::insertRevlog(db, card.cardId, outcome->revlog, nowMs()); !again)
                return again.error();
        }
        if (outcome->becameLeech && !card.tags.contains(u"leech"_s, Qt::CaseInsensitive)) {
            card.tags.append(u"leech"_s);
            if (auto done = cardrows::updateNote(db, card.noteId, card.front, card.back, card.tags, now);
                !done)
                return done.error();
        }
        DeckTree tree(meta.value().editDecks());
        for (qint64 deckId : tree.withAncestors(card.deckId))
            tree.recordAnswer(deckId, timing.today, queueBefore, outcome->revlog.timeMs);
        if (auto saved = meta->save(db, nowMs()); !saved)
            return saved.error();
        return card;
    });
}

Result<CollectionStats> UserCollection::stats()
{
    auto view = readView(connection(), m_clock);
    if (!view)
        return view.error();
    storage::Connection &db = *view->db;
    CollectionMeta &meta = view.value().meta;
    const scheduling::DayTiming &timing = view->timing;
    const qint64 dayStartMs = (timing.nextDayAt - 86400) * 1000;
    const QString sql
        = u"SELECT (SELECT count(*) FROM cards), (SELECT count(*) FROM notes),"
          " (SELECT count(*) FROM revlog WHERE id >= ?),"
          " (SELECT count(*) FROM cards WHERE (queue IN (2, 3) AND due <= ?) OR (queue = 1 AND due < ?)),"
          " (SELECT count(*) FROM cards WHERE type = 0 AND queue >= 0),"
          " (SELECT count(*) FROM cards WHERE type IN (1, 3) AND queue >= 0),"
          " (SELECT count(*) FROM cards WHERE type = 2 AND queue >= 0),"
          " (SELECT count(*) FROM cards WHERE queue = -1)"_s;
    storage::Query query(db, sql);
    query.bind(dayStartMs).bind(timing.today).bind(timing.nextDayAt);
    if (auto done = query.exec(); !done)
        return done.error();
    if (!query.next())
        return makeError(ErrorCode::Internal, u"statistics query returned no row"_s);
    CollectionStats stats;
    stats.cards = query.int64(0);
    stats.notes = query.int64(1);
    stats.reviewsToday = query.int64(2);
    stats.dueToday = query.int64(3);
    stats.newCards = query.int64(4);
    stats.learningCards = query.int64(5);
    stats.reviewCards = query.int64(6);
    stats.suspendedCards = query.int64(7);
    stats.decks = meta.decks().size();
    return stats;
}

Result<QString> UserCollection::integrityCheck()
{
    auto db = connection();
    if (!db)
        return db.error();
    storage::Query query(*db.value(), u"PRAGMA integrity_check"_s, storage::Query::Caching::Uncached);
    if (auto done = query.exec(); !done)
        return done.error();
    QStringList findings;
    while (query.next())
        findings.append(query.text(0));
    return findings.join(u'\n');
}

} // namespace javumbo::collection
