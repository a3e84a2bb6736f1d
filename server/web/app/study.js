// Studying one deck: front, Space/Enter for the answer, 1–4 to answer (each
// button shows the interval the server previews), Z or Ctrl+Z to undo.
// One answer per card, whatever the keyboard does: auto-repeat is ignored,
// nothing is sent while a request is in flight, and expected_reps lets the
// server refuse a second answer that slipped through anyway.
import { request } from './api.js';
import { cardHtml, formatInterval, formatWhen, h, status } from './dom.js';

const EASES = [[1, 'Again'], [2, 'Hard'], [3, 'Good'], [4, 'Easy']];
const REFRESH_WITHIN_S = 20 * 60; // a learning card due this soon: reload by itself when it is
const UNDO_KEPT = 10; // docs/api.md: the server keeps at least the last 10 answers undoable

const EXPLAIN = {
  already_answered: 'That card had already been answered (on another device, or just before the connection dropped): here is the next one.',
  card_not_found: 'That card was deleted elsewhere: here is the next one.',
  stale_card: 'That card was changed elsewhere meanwhile: it has been reloaded.',
};

export async function show(root, context) {
  const deckId = Number(context.arg);
  const deck = (await request('GET', '/decks')).find((d) => d.id === deckId);
  if (!deck) throw new Error('This deck does not exist (any more).');
  request('PUT', '/me/current-deck', { body: { deck_id: deckId } }).catch(() => {}); // Add defaults to it

  const counts = h('p', { class: 'queue-counts' });
  const card = h('div', { class: 'card', id: 'card', 'aria-live': 'polite', tabindex: '-1' });
  const message = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const reveal = h('button', { type: 'button', class: 'primary', id: 'show-answer', onclick: () => showAnswer() },
    'Show answer ', h('kbd', { text: 'Space' }));
  const easeButtons = EASES.map(([ease, label]) => h('button', { type: 'button', class: `ease ease${ease}`,
    'data-ease': ease, onclick: () => answer(ease) }, h('span', { class: 'interval' }), label, ' ', h('kbd', { text: ease })));
  const answers = h('div', { class: 'answers', role: 'group', 'aria-label': 'How well did you remember?' }, easeButtons);
  const undoButton = h('button', { type: 'button', class: 'subtle', id: 'undo', onclick: () => undo() },
    'Undo ', h('kbd', { text: 'Z' }));
  const view = h('section', { class: 'study' },
    h('h1', { tabindex: '-1', text: deck.name }), counts, card,
    h('div', { class: 'controls' }, reveal, answers), h('div', { class: 'study-foot' }, undoButton, message));

  let next = null;
  let phase = 'loading';
  let busy = false;
  let shownAt = 0;
  let timer = 0;
  const undoIds = [];

  function refresh() {
    view.dataset.phase = phase;
    view.dataset.busy = String(busy);
    reveal.hidden = phase !== 'front';
    answers.hidden = phase !== 'back';
    for (const button of [reveal, ...easeButtons]) button.disabled = busy;
    undoButton.disabled = busy || undoIds.length === 0;
    // Focus never stays on a control that just went away (a keyboard user would be lost).
    const focused = document.activeElement;
    if (!busy && (focused === document.body || (view.contains(focused) && focused.closest('[hidden]')))) {
      (phase === 'front' ? reveal : card).focus({ preventScroll: true });
    }
  }

  // One thing at a time: while it runs, keys and buttons do nothing.
  async function run(work) {
    if (busy) return;
    busy = true;
    refresh();
    try {
      await work();
    } catch (error) {
      if (error.status !== 401) status(message, error.message, 'error');
    } finally {
      busy = false;
      refresh();
    }
  }

  function showCounts(numbers, queue) {
    const current = { 0: 'new', 2: 'due' }[queue] ?? 'learn';
    counts.replaceChildren(...[['new', numbers.new, 'new'], ['learn', numbers.learning, 'learning'],
      ['due', numbers.review, 'due']].map(([kind, n, word]) => h('span', {
      class: `count ${kind}${kind === current ? ' current' : ''}`, 'aria-current': kind === current ? 'true' : false,
    }, h('span', { class: 'visually-hidden', text: `${word}: ` }), String(n))));
  }

  async function load(note = '') {
    clearTimeout(timer);
    next = await request('GET', '/review/next', { query: { deck_id: deckId } });
    if (!context.live()) return;
    status(message, note);
    if (!next) return finished();
    showCounts(next.counts, next.card.queue);
    for (const button of easeButtons) {
      button.querySelector('.interval').textContent = formatInterval(next.intervals[button.dataset.ease]);
    }
    card.replaceChildren(h('div', { class: 'front' }, cardHtml(next.card.front)));
    card.dataset.cardId = next.card.card_id;
    shownAt = Date.now();
    phase = 'front';
  }

  async function finished() {
    phase = 'done';
    delete card.dataset.cardId;
    counts.replaceChildren();
    card.replaceChildren(h('h2', { text: 'Congratulations!' }), h('p', { text: 'You have finished this deck for now.' }));
    const latest = (await request('GET', '/decks')).find((d) => d.id === deckId);
    if (latest && 'next_due_at' in latest) {
      const due = latest.next_due_at;
      card.append(h('p', { id: 'next-due', text: due == null
        ? 'No card in this deck is waiting for a later day.'
        : `The next card is due ${formatWhen(due)}.` }));
      const wait = due - Date.now() / 1000;
      if (due != null && wait < REFRESH_WITHIN_S) timer = setTimeout(() => run(load), Math.max(1, wait) * 1000);
    }
    card.append(h('p', {}, h('a', { href: '#/decks', text: 'Back to the decks' }), ' · ',
      h('a', { href: '#/add', text: 'Add cards' })));
  }

  function showAnswer() {
    if (phase !== 'front' || busy) return;
    card.append(h('hr', { id: 'answer' }), h('div', { class: 'back' }, cardHtml(next.card.back)));
    phase = 'back';
    refresh();
  }

  function answer(ease) {
    if (phase !== 'back' || busy) return;
    const { card_id: cardId, reps } = next.card;
    const timeTaken = Math.min(60000, Date.now() - shownAt);
    run(async () => {
      try {
        const answered = await request('POST', '/review/answer', { retry: true,
          body: { card_id: cardId, ease, time_taken_ms: timeTaken, expected_reps: reps } });
        if (answered.undo_id != null) undoIds.push(answered.undo_id);
        if (undoIds.length > UNDO_KEPT) undoIds.shift();
        await load();
      } catch (error) {
        if (!EXPLAIN[error.code]) throw error;
        await load(EXPLAIN[error.code]);
      }
    });
  }

  function undo() {
    run(async () => {
      if (undoIds.length === 0) return status(message, 'Nothing to undo.');
      try {
        await request('POST', '/review/undo', { body: { undo_id: undoIds.at(-1) } });
        undoIds.pop();
        await load('The last answer was undone.');
      } catch (error) {
        if (error.code !== 'nothing_to_undo' && error.code !== 'stale_card') throw error;
        undoIds.pop();
        status(message, error.code === 'stale_card' ? 'That card changed after the answer, so it cannot be undone.'
          : 'That answer can no longer be undone.', 'error');
      }
    });
  }

  function onKey(event) {
    if (event.repeat || event.altKey || event.metaKey || event.target.closest?.('input, textarea, select')) return;
    const { key } = event;
    if (key === ' ' || key === 'Enter') {
      // Enter on a link or another button is that control's business.
      if (event.target !== reveal && event.target.closest?.('a, button, summary')) return;
      if (phase === 'front') {
        event.preventDefault();
        showAnswer();
      }
    } else if (/^[1-4]$/.test(key) && !event.ctrlKey) {
      event.preventDefault();
      answer(Number(key));
    } else if (key === 'z' || key === 'Z') {
      event.preventDefault();
      undo();
    }
  }

  root.append(view);
  await run(load);
  document.addEventListener('keydown', onKey);
  return () => {
    clearTimeout(timer);
    document.removeEventListener('keydown', onKey);
  };
}
