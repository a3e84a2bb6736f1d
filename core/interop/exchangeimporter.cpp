#include "exchangeimporter.h"

#include "collection/decktree.h"
#include "collection/notefields.h"
#include "collection/usercollection.h"
#include "importrows.h"
#include "mediafolder.h"
#include "notemapping.h"
#include "scheduling/cardstate.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace javumbo::interop {

namespace notefields = collection::notefields;

namespace {

constexpr qint64 kDefaultDeck = 1;
constexpr qint64 kSecondsThreshold = 1'000'000'000; // a due above this is Unix seconds, not a day number

qint64 floorDiv(qint64 a, qint64 b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

} // namespace

struct ExchangeImporter::State
{
    explicit State(const QHash<qint64, SourceNotetype> &notetypes) : mapping(notetypes) { }
    TargetIndex index;
    IdPool revlogIds;
    NoteMapping mapping;
    QHash<qint64, const SourceNote *> sourceNotes;
    QSet<qint64> skippedNotes;
    QHash<qint64, qint64> noteMap;
    QHash<qint64, qint64> cardMap;
    QHash<qint64, qint64> deckMap;
    QHash<qint64, qint64> configMap;
    std::optional<QJsonObject> dconf;
    collection::CollectionMeta *meta = nullptr;
};

ExchangeImporter::ExchangeImporter(collection::WriteContext &context, const ExchangeData &data,
    const ImportOptions &options, Matching matching, ProgressSink progress)
    : m_context(context)
    , m_data(data)
    , m_options(options)
    , m_matching(matching)
    , m_progress(std::move(progress))
    , m_state(std::make_shared<State>(data.notetypes))
{ }

Result<ImportSummary> ExchangeImporter::run()
{
    auto meta = m_context.meta();
    if (!meta)
        return meta.error();
    m_state->meta = meta.value();
    if (m_options.deckId && !collection::DeckTree(m_state->meta->decks()).contains(*m_options.deckId))
        return makeError(ErrorCode::DeckNotFound, u"deck %1 not found"_s.arg(*m_options.deckId));
    auto index = TargetIndex::load(m_context.db());
    if (!index)
        return index.error();
    m_state->index = std::move(index).value();
    for (auto it = m_state->index.revlogCards.constBegin(); it != m_state->index.revlogCards.constEnd(); ++it)
        m_state->revlogIds.insert(it.key());
    for (const SourceNote &note : m_data.notes)
        m_state->sourceNotes.insert(note.id, &note);

    for (auto step :
        {&ExchangeImporter::importNotes, &ExchangeImporter::importCards, &ExchangeImporter::importRevlog}) {
        if (auto done = (this->*step)(); !done)
            return done.error();
    }
    if (m_state->dconf) {
        // Through the col row of the transaction, which WriteContext::finish() writes once.
        auto edited = m_state->meta->editDconf();
        if (!edited)
            return edited.error();
        *edited.value() = *m_state->dconf;
    }
    m_summary.simplified += m_state->mapping.simplifications();
    for (const QString &line : m_state->mapping.skippedCards())
        m_summary.skip(0, line);
    return m_summary;
}

qint64 ExchangeImporter::dayShift() const
{
    if (m_data.crt <= 0)
        return 0;
    const QJsonObject &conf = m_state->meta->conf();
    const int targetOffset = conf.value(u"creationOffset"_s).toInt(conf.value(u"localOffset"_s).toInt(0));
    const qint64 targetDay = floorDiv(m_state->meta->crt() - 60 * qint64(targetOffset), 86400);
    const qint64 sourceDay
        = floorDiv(m_data.crt - 60 * qint64(m_data.creationOffset.value_or(targetOffset)), 86400);
    return sourceDay - targetDay;
}

Result<qint64> ExchangeImporter::targetConfig(qint64 sourceConfigId)
{
    const auto source = m_data.deckConfigs.constFind(sourceConfigId);
    if (sourceConfigId == 1 || source == m_data.deckConfigs.constEnd())
        return qint64(1); // the package's defaults never override the user's Default preset
    if (auto known = m_state->configMap.constFind(sourceConfigId); known != m_state->configMap.constEnd())
        return *known;
    if (!m_state->dconf) {
        auto dconf = m_state->meta->dconf();
        if (!dconf)
            return dconf.error();
        m_state->dconf = std::move(dconf).value();
    }
    const QString key = QString::number(sourceConfigId);
    if (!m_state->dconf->contains(key))
        m_state->dconf->insert(key, source->config.toDconfJson(sourceConfigId, source->name));
    m_state->configMap.insert(sourceConfigId, sourceConfigId);
    return sourceConfigId;
}

Result<qint64> ExchangeImporter::targetDeck(qint64 sourceDeckId)
{
    if (auto known = m_state->deckMap.constFind(sourceDeckId); known != m_state->deckMap.constEnd())
        return *known;
    const qint64 fallback = m_options.deckId.value_or(kDefaultDeck);
    const SourceDeck source
        = m_data.decks.value(sourceDeckId, SourceDeck {sourceDeckId, u"Default"_s, 1, false});
    qint64 target = fallback;
    if (sourceDeckId != kDefaultDeck && source.name.compare(u"Default"_s, Qt::CaseInsensitive) != 0) {
        collection::DeckTree tree(m_state->meta->decks());
        // A package's decks go under the chosen deck; a text file's deck names are whole names (or ids).
        const bool underParent = m_options.deckId && m_matching == Matching::Package;
        const QString parent = underParent ? tree.name(*m_options.deckId) % u"::"_s : QString();
        auto name = collection::DeckTree::normalizeName(parent + source.name);
        bool isNumber = false;
        const qint64 asId = source.name.toLongLong(&isNumber);
        if (!name) {
            m_summary.simplified.append(u"deck \"%1\": %2; its cards went to \"%3\""_s.arg(
                source.name, name.error().message, tree.name(fallback)));
        } else if (m_matching == Matching::TextFile && isNumber && tree.contains(asId)) {
            target = asId;
        } else if (auto existing = tree.findByName(name.value())) {
            target = *existing;
        } else {
            auto config = targetConfig(source.configId);
            if (!config)
                return config.error();
            collection::DeckTree editable(m_state->meta->editDecks());
            const qsizetype before = editable.all().size();
            auto added = editable.add(name.value(), m_context.nowMs());
            if (!added)
                return added.error();
            target = added.value();
            m_summary.decksCreated += editable.all().size() - before;
            QJsonObject deck = m_state->meta->decks().value(QString::number(target)).toObject();
            deck.insert(u"conf"_s, config.value());
            m_state->meta->editDecks().insert(QString::number(target), deck);
        }
    }
    m_state->deckMap.insert(sourceDeckId, target);
    return target;
}

Result<void> ExchangeImporter::importNotes()
{
    TargetIndex &index = m_state->index;
    const qint64 modelId = m_state->meta->modelId();
    const qint64 now = m_context.nowSeconds();
    qint64 done = 0;
    for (const SourceNote &note : m_data.notes) {
        if (++done % 2000 == 0)
            report(m_progress, u"Importing notes"_s, done, m_data.notes.size());
        auto [front, back] = m_state->mapping.map(note);
        front = mediafolder::renameReferences(front, m_data.mediaRenames);
        back = mediafolder::renameReferences(back, m_data.mediaRenames);
        const QString label = note.line > 0 ? QString() : u"note %1: "_s.arg(note.guid);
        const QString sortField = notefields::stripHtml(front);
        if (sortField.trimmed().isEmpty()) {
            m_summary.skip(note.line, label % u"the first field is empty"_s);
            m_state->skippedNotes.insert(note.id);
            continue;
        }
        if (front.size() > collection::UserCollection::kMaxFieldLength
            || back.size() > collection::UserCollection::kMaxFieldLength) {
            m_summary.skip(note.line,
                label
                    % u"a field is longer than %1 characters"_s.arg(
                        collection::UserCollection::kMaxFieldLength));
            m_state->skippedNotes.insert(note.id);
            continue;
        }
        importrows::NoteRow row {
            0, note.guid, modelId, note.mod, front, back, notefields::normalizeTags(note.tags), sortField};
        if (row.guid.isEmpty() && m_matching == Matching::TextFile) {
            for (const QString &guid :
                index.guidsByChecksum.values(notefields::checksumOfStripped(sortField))) {
                const auto candidate = index.notesByGuid.constFind(guid);
                if (candidate != index.notesByGuid.constEnd()
                    && notefields::stripHtml(notefields::splitFields(candidate->flds).first) == sortField)
                    row.guid = guid;
            }
        }
        if (row.guid.isEmpty())
            row.guid = notefields::newGuid();
        auto existing = index.notesByGuid.find(row.guid);
        if (existing != index.notesByGuid.end()) {
            row.id = existing->id;
            m_state->noteMap.insert(note.id, row.id);
            if (m_matching == Matching::TextFile && !note.tagsGiven)
                row.tags = notefields::splitTags(existing->tags);
            const QString flds = notefields::joinFields(front, back);
            const bool changed = m_matching == Matching::Package
                ? row.mod > existing->mod
                : (flds != existing->flds || notefields::joinTags(row.tags) != existing->tags);
            if (!changed) {
                ++m_summary.notesUnchanged;
                continue;
            }
            if (m_matching == Matching::TextFile)
                row.mod = std::max(now, existing->mod + 1);
            if (auto updated = importrows::updateNote(m_context.db(), row); !updated)
                return updated;
            *existing = TargetIndex::NoteRef {row.id, row.mod, flds, notefields::joinTags(row.tags)};
            ++m_summary.notesUpdated;
            continue;
        }
        // A text file's note ids are its line numbers, keys within the file only: never stored.
        row.id = index.noteIds.claim(m_matching == Matching::TextFile ? 0 : note.id, m_context.nowMs());
        if (row.mod <= 0)
            row.mod = now;
        if (auto inserted = importrows::insertNote(m_context.db(), row); !inserted)
            return inserted;
        index.notesByGuid.insert(row.guid,
            TargetIndex::NoteRef {
                row.id, row.mod, notefields::joinFields(front, back), notefields::joinTags(row.tags)});
        index.guidsByChecksum.insert(notefields::checksumOfStripped(sortField), row.guid);
        m_state->noteMap.insert(note.id, row.id);
        ++m_summary.notesAdded;
    }
    return {};
}

Result<void> ExchangeImporter::importCards()
{
    TargetIndex &index = m_state->index;
    const bool keepScheduling = m_options.withScheduling && m_matching == Matching::Package;
    const qint64 shift = dayShift();
    qint64 nextPosition = m_state->meta->conf().value(u"nextPos"_s).toVariant().toLongLong();
    qint64 highestNewDue = 0;
    for (const SourceCard &card : m_data.cards) {
        const qint64 noteId = m_state->noteMap.value(card.noteId, 0);
        if (noteId == 0) {
            if (!m_state->sourceNotes.contains(card.noteId))
                m_summary.skip(0, u"card %1 belongs to no note of the package"_s.arg(card.id));
            continue;
        }
        if (card.ord != 0) {
            m_state->mapping.skipCard(*m_state->sourceNotes.value(card.noteId), card.ord);
            continue;
        }
        if (index.notesWithCard.contains(noteId))
            continue; // an existing card keeps its scheduling
        auto deck = targetDeck(card.odid != 0 ? card.odid : card.deckId);
        if (!deck)
            return deck.error();
        SourceCard row;
        row.id = index.cardIds.claim(card.id, m_context.nowMs());
        row.noteId = noteId;
        row.deckId = deck.value();
        row.mod = card.mod > 0 ? card.mod : m_context.nowSeconds();
        if (keepScheduling) {
            row.type = card.type;
            row.queue = card.queue == 4 ? scheduling::queueForType(card.type, card.due) : card.queue;
            row.due = card.odid != 0 && card.odue != 0 ? card.odue : card.due; // home from a filtered deck
            // Day numbers count from crt: shift them so the card stays due on the same calendar day.
            if ((row.queue == 2 || row.queue == 3 || row.type == 2) && row.due < kSecondsThreshold)
                row.due += shift;
            row.ivl = card.ivl;
            row.factor = card.factor;
            row.reps = card.reps;
            row.lapses = card.lapses;
            row.left = card.left;
            if (row.type == 0)
                highestNewDue = std::max(highestNewDue, row.due);
        } else {
            row.due = nextPosition++;
        }
        if (auto inserted = importrows::insertCard(m_context.db(), row); !inserted)
            return inserted;
        index.notesWithCard.insert(noteId);
        m_state->cardMap.insert(card.id, row.id);
        ++m_summary.cardsAdded;
    }
    nextPosition = std::max(nextPosition, highestNewDue + 1);
    if (nextPosition != m_state->meta->conf().value(u"nextPos"_s).toVariant().toLongLong())
        m_state->meta->editConf().insert(u"nextPos"_s, nextPosition);
    return {};
}

Result<void> ExchangeImporter::importRevlog()
{
    if (!m_options.withScheduling || m_matching != Matching::Package)
        return {};
    for (const SourceRevlog &entry : m_data.revlog) {
        const qint64 cardId = m_state->cardMap.value(entry.cardId, 0);
        if (cardId == 0)
            continue; // only the history of cards this import added
        SourceRevlog row = entry;
        row.cardId = cardId;
        if (m_state->index.revlogCards.value(entry.id, 0) == cardId)
            continue; // the same answer, already here
        row.id = m_state->revlogIds.claim(entry.id, m_context.nowMs());
        if (auto inserted = importrows::insertRevlog(m_context.db(), row); !inserted)
            return inserted;
    }
    return {};
}

} // namespace javumbo::interop
