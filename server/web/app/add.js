// Adding cards. What is typed is kept in sessionStorage as it is typed, so
// a lost connection, a sign-in in between or a reload loses nothing. Every
// add carries an Idempotency-Key, and the same card sent again (a retry
// after a lost reply, or the student pressing Add again) carries the same
// key: the server then answers with the card it already made.
import { randomKey, request } from './api.js';
import { cardHtml, cardText, h, status } from './dom.js';

const DRAFT = 'javumbo.addDraft';

export function deckOptions(decks, selected) {
  return [...decks].sort((a, b) => a.name.localeCompare(b.name))
    .map((deck) => h('option', { value: deck.id, selected: deck.id === selected, text: deck.name }));
}

export async function show(root, context) {
  const decks = await request('GET', '/decks');
  const draft = JSON.parse(sessionStorage.getItem(DRAFT) ?? '{}');
  const save = () => sessionStorage.setItem(DRAFT, JSON.stringify(draft));

  const deck = h('select', { name: 'deck_id', id: 'add-deck' },
    deckOptions(decks, draft.deck_id ?? context.session.me?.current_deck_id));
  const front = h('textarea', { name: 'front', id: 'add-front', rows: 3, required: true, autofocus: true });
  const back = h('textarea', { name: 'back', id: 'add-back', rows: 3 });
  const tags = h('input', { name: 'tags', id: 'add-tags', autocapitalize: 'none', placeholder: 'space separated' });
  const preview = h('div', { class: 'card preview', 'aria-label': 'Preview of the front' });
  const message = h('p', { class: 'status', id: 'add-status', role: 'status', 'aria-live': 'polite' });
  const button = h('button', { class: 'primary', type: 'submit' }, 'Add ', h('kbd', { text: 'Ctrl+Enter' }));
  front.value = draft.front ?? '';
  back.value = draft.back ?? '';
  tags.value = draft.tags ?? '';
  const showPreview = () => preview.replaceChildren(cardHtml(front.value));
  showPreview();

  const form = h('form', { class: 'panel', id: 'add-form' },
    h('h1', { tabindex: '-1', text: 'Add a card' }),
    h('label', {}, 'Deck', deck), h('label', {}, 'Front', front), h('label', {}, 'Back', back),
    h('label', {}, 'Tags', tags), h('p', { class: 'preview-label', 'aria-hidden': 'true', text: 'Preview' }), preview,
    button, message);
  form.addEventListener('input', () => {
    Object.assign(draft, { deck_id: Number(deck.value), front: front.value, back: back.value, tags: tags.value });
    save();
    showPreview();
  });

  let busy = false;
  async function add() {
    if (busy) return;
    if (!front.value.trim()) return status(message, 'Write something on the front first.', 'error');
    const body = { front: front.value, back: back.value, deck_id: Number(deck.value),
      tags: tags.value.split(/\s+/).filter(Boolean) };
    const fingerprint = JSON.stringify(body);
    if (draft.keyFor !== fingerprint) Object.assign(draft, { key: randomKey(), keyFor: fingerprint });
    save();
    busy = true;
    button.disabled = true;
    status(message, 'Adding…');
    try {
      await request('POST', '/cards', { body, retry: true, headers: { 'Idempotency-Key': draft.key } });
      // Like Anki: the deck and tags stay for the next card.
      Object.assign(draft, { front: '', back: '', key: undefined, keyFor: undefined });
      save();
      front.value = back.value = '';
      showPreview();
      status(message, `Added “${cardText(body.front, 40)}”.`, 'ok');
      front.focus();
    } catch (error) {
      if (error.status !== 401) status(message, `Not added yet: ${error.message}`, 'error');
    } finally {
      busy = false;
      button.disabled = false;
    }
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    add();
  });
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.repeat) {
      event.preventDefault();
      add();
    }
  });
  root.append(form);
}
