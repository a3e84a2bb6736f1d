// Browsing: search (docs/api.md's syntax, sent as q), a sortable list, and an
// editor that saves with If-Match. When another device changed the card
// first (412 stale_card), neither version is lost: the form keeps the
// student's, the server's is shown beside it, and the student picks one.
import { request } from './api.js';
import { cardHtml, cardText, formatInterval, h, status } from './dom.js';
import { deckOptions } from './add.js';

const LIMIT = 200;
const STATES = { '-3': 'Buried', '-2': 'Buried', '-1': 'Suspended', 0: 'New', 1: 'Learning', 2: 'Review', 3: 'Learning' };
const COLUMNS = [
  { key: 'front', label: 'Front', text: (c) => cardText(c.front, 60) },
  { key: 'deck', label: 'Deck', text: (c, decks) => decks.get(c.deck_id) ?? '' },
  { key: 'state', label: 'State', text: (c) => STATES[c.queue] ?? '' },
  { key: 'ivl', label: 'Interval', text: (c) => (c.ivl > 0 ? formatInterval(c.ivl * 86400) : ''), value: (c) => c.ivl, wide: true },
  { key: 'ease', label: 'Ease', text: (c) => (c.factor ? `${c.factor / 10}%` : ''), value: (c) => c.factor, wide: true },
  { key: 'reps', label: 'Reviews', text: (c) => String(c.reps), value: (c) => c.reps, wide: true },
];

const fieldsOf = (c) => ({ front: c.front, back: c.back, deck_id: c.deck_id, tags: c.tags });
const sameFields = (a, b) => JSON.stringify(fieldsOf(a)) === JSON.stringify(fieldsOf(b));

export async function show(root, context) {
  const q = context.params.get('q') ?? '';
  const [decks, page] = await Promise.all([request('GET', '/decks'),
    request('GET', '/cards', { query: { q, limit: LIMIT } }).catch((error) => error)]);
  const deckNames = new Map(decks.map((d) => [d.id, d.name]));
  let cards = page instanceof Error ? [] : page.cards;
  let sort = { key: null, direction: 1 };
  let editing = 0; // the card in the editor, marked in the list

  const search = h('input', { type: 'search', name: 'q', id: 'search', value: q, 'aria-label': 'Search',
    placeholder: 'e.g. tag:verbs "to be" -is:new', autocapitalize: 'none' });
  const searchForm = h('form', { class: 'inline search', role: 'search' }, search, h('button', { type: 'submit', text: 'Search' }));
  searchForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const target = `#/browse?${new URLSearchParams({ q: search.value })}`;
    if (location.hash === target) context.reload(); // the same search again: fresh results
    else location.hash = target;
  });
  const summary = h('p', { class: 'status', id: 'browse-summary', role: 'status', 'aria-live': 'polite' });
  const head = h('tr');
  const body = h('tbody');
  const editor = h('section', { class: 'panel editor', id: 'editor', hidden: true, 'aria-label': 'Edit card' });

  function renderHead() {
    head.replaceChildren(...COLUMNS.map((column) => h('th', {
      class: column.wide ? 'wide' : false, scope: 'col',
      'aria-sort': sort.key === column.key ? (sort.direction > 0 ? 'ascending' : 'descending') : false,
    }, h('button', { type: 'button', class: 'sort', text: column.label, onclick: () => {
      sort = { key: column.key, direction: sort.key === column.key ? -sort.direction : 1 };
      renderRows();
    } }))));
  }

  function renderRows() {
    renderHead();
    const column = COLUMNS.find((c) => c.key === sort.key);
    const value = column?.value ?? ((c) => column.text(c, deckNames).toLowerCase());
    const shown = column ? [...cards].sort((a, b) => (value(a) > value(b) ? 1 : value(a) < value(b) ? -1 : 0) * sort.direction) : cards;
    body.replaceChildren(...shown.map((card) => h('tr', { 'data-id': card.card_id,
      'aria-current': card.card_id === editing ? 'true' : false }, COLUMNS.map((c, i) => h('td',
      { class: c.wide ? 'wide' : false },
      i === 0 ? h('button', { type: 'button', class: 'link', text: c.text(card) || '(empty)', onclick: () => edit(card) })
        : c.text(card, deckNames))))));
  }

  function replaceCard(card) {
    cards = cards.map((c) => (c.card_id === card.card_id ? card : c));
    renderRows();
  }

  // Closes the editor; `gone` when its card no longer exists.
  function closeEditor(gone = false) {
    const row = body.querySelector(`tr[data-id="${editing}"] button`);
    if (gone) cards = cards.filter((c) => c.card_id !== editing);
    editing = 0;
    editor.hidden = true;
    renderRows();
    if (!gone) row?.focus();
  }

  function edit(start) {
    let base = start; // the version the form was loaded from: its etag goes in If-Match
    editing = start.card_id;
    renderRows();
    const deck = h('select', { name: 'deck_id' }, deckOptions(decks, base.deck_id));
    const front = h('textarea', { name: 'front', id: 'edit-front', rows: 3 });
    const back = h('textarea', { name: 'back', id: 'edit-back', rows: 3 });
    const tags = h('input', { name: 'tags', id: 'edit-tags', autocapitalize: 'none' });
    const preview = h('div', { class: 'card preview', id: 'edit-preview', 'aria-label': 'Preview' });
    const message = h('p', { class: 'status', id: 'edit-status', role: 'status', 'aria-live': 'polite' });
    const conflict = h('div', { class: 'conflict', id: 'conflict', role: 'alert', hidden: true });
    const suspend = h('button', { type: 'button', id: 'suspend' });
    const fill = (card) => {
      front.value = card.front;
      back.value = card.back;
      tags.value = card.tags.join(' ');
      deck.value = card.deck_id;
      showPreview();
    };
    const mine = () => ({ front: front.value, back: back.value, deck_id: Number(deck.value),
      tags: tags.value.split(/\s+/).filter(Boolean) });
    const showPreview = () => preview.replaceChildren(cardHtml(front.value), h('hr'), cardHtml(back.value));
    const showState = () => { suspend.textContent = base.queue === -1 ? 'Unsuspend' : 'Suspend'; };

    function showConflict(theirs) {
      base = theirs; // "keep mine" then overwrites exactly the version shown
      const version = (title, fields) => h('div', { class: 'version' }, h('h3', { text: title }),
        h('p', { class: 'label', text: 'Front' }), h('pre', { class: 'source', text: fields.front }),
        h('p', { class: 'label', text: 'Back' }), h('pre', { class: 'source', text: fields.back }),
        h('p', { class: 'label', text: `Tags: ${fields.tags.join(' ') || '–'} · Deck: ${deckNames.get(fields.deck_id) ?? ''}` }));
      conflict.replaceChildren(
        h('p', {}, h('strong', { text: 'This card was changed on another device after you opened it.' }),
          ' Nothing is lost: your version is still in the form, the other one is on the server. Keep one of them.'),
        h('div', { class: 'versions' }, version('Yours', mine()), version('On the server', theirs)),
        h('button', { type: 'button', class: 'primary', id: 'keep-mine', text: 'Keep mine', onclick: () => save() }),
        h('button', { type: 'button', id: 'take-theirs', text: 'Take the server’s', onclick: () => {
          fill(theirs);
          conflict.hidden = true;
          status(message, 'The server’s version is in the form.');
        } }));
      conflict.hidden = false;
      showState();
    }

    // A 412 or 404 from any action: reload the card and say why.
    async function changedElsewhere(error, saving) {
      if (error.code === 'card_not_found') {
        closeEditor(true);
        return status(summary, 'That card was deleted on another device.', 'error');
      }
      if (error.code !== 'stale_card') throw error;
      const theirs = await request('GET', `/cards/${base.card_id}`);
      replaceCard(theirs);
      if (sameFields(theirs, mine())) { // nothing to choose (a save whose reply was lost got through)
        base = theirs;
        conflict.hidden = true;
        showState();
        return saving ? status(message, 'Saved.', 'ok')
          : status(message, 'The card changed on another device meanwhile: it has been reloaded, try again.', 'error');
      }
      showConflict(theirs);
    }

    async function act(work, saving = false) {
      for (const button of editor.querySelectorAll('button')) button.disabled = true;
      try {
        await work();
      } catch (error) {
        await changedElsewhere(error, saving).catch((e) => e.status !== 401 && status(message, e.message, 'error'));
      } finally {
        for (const button of editor.querySelectorAll('button')) button.disabled = false;
      }
    }

    const save = () => act(async () => {
      base = await request('PUT', `/cards/${base.card_id}`, { body: mine(), headers: { 'If-Match': base.etag }, retry: true });
      conflict.hidden = true;
      replaceCard(base);
      status(message, 'Saved.', 'ok');
    }, true);
    suspend.addEventListener('click', () => act(async () => {
      const suspended = base.queue !== -1;
      base = await request('PUT', `/cards/${base.card_id}/suspended`,
        { body: { suspended }, headers: { 'If-Match': base.etag }, retry: true });
      replaceCard(base);
      showState();
      status(message, suspended ? 'Suspended: it will not be shown until you unsuspend it.' : 'Unsuspended.', 'ok');
    }));
    const remove = () => act(async () => {
      if (!confirm('Delete this card?')) return;
      await request('DELETE', `/cards/${base.card_id}`, { headers: { 'If-Match': base.etag } });
      closeEditor(true);
      status(summary, 'Card deleted.', 'ok');
    });

    const form = h('form', { id: 'edit-form' },
      h('h2', { text: 'Edit card' }),
      h('label', {}, 'Deck', deck), h('label', {}, 'Front', front), h('label', {}, 'Back', back),
      h('label', {}, 'Tags', tags), preview, conflict,
      h('div', { class: 'buttons' }, h('button', { type: 'submit', class: 'primary', id: 'save', text: 'Save' }), suspend,
        h('button', { type: 'button', id: 'delete', text: 'Delete', onclick: remove }),
        h('button', { type: 'button', text: 'Close', onclick: () => closeEditor() })),
      message);
    form.addEventListener('input', showPreview);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      save();
    });
    fill(base);
    showState();
    editor.replaceChildren(form);
    editor.hidden = false;
    front.focus();
  }

  renderRows();
  if (page instanceof Error) status(summary, page.message, 'error');
  else status(summary, page.total > cards.length ? `Showing ${cards.length} of ${page.total} cards.` : `${page.total} card${page.total === 1 ? '' : 's'}.`);
  root.append(h('div', { class: 'browse' },
    h('h1', { tabindex: '-1', text: 'Browse' }), searchForm, summary, editor,
    h('div', { class: 'list' }, h('table', { class: 'cards' }, h('thead', {}, head), body))));
}
