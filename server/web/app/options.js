// A deck's options (GET/PUT /decks/{id}/options): the preset the deck uses,
// shared with every deck that names it, in Anki's terms and ranges. The
// server checks the ranges; its message (naming the field) is shown as is.
import { request } from './api.js';
import { h, status } from './dom.js';

// [section, key, label, unit, min, max, step]; steps and ints are edited as text.
const FIELDS = [
  ['new', 'delays', 'Learning steps', 'minutes, e.g. 1 10'],
  ['new', 'ints', 'Graduating and easy interval', 'days, e.g. 1 4'],
  ['new', 'initialFactor', 'Starting ease', '‰ (2500 = 250 %)', 1310, 5000, 10],
  ['new', 'perDay', 'New cards/day', '', 0, 9999, 1],
  ['rev', 'perDay', 'Maximum reviews/day', '', 0, 9999, 1],
  ['rev', 'ease4', 'Easy bonus', '×', 1, 5, 0.01],
  ['rev', 'ivlFct', 'Interval modifier', '×', 0.5, 2, 0.01],
  ['rev', 'hardFactor', 'Hard interval', '×', 0.5, 1.3, 0.01],
  ['rev', 'maxIvl', 'Maximum interval', 'days', 1, 36500, 1],
  ['lapse', 'delays', 'Relearning steps', 'minutes, e.g. 10'],
  ['lapse', 'mult', 'New interval', '× of the old one', 0, 1, 0.01],
  ['lapse', 'minInt', 'Minimum interval', 'days', 1, 9999, 1],
  ['lapse', 'leechFails', 'Leech threshold', 'lapses', 1, 9999, 1],
];
const LISTS = new Set(['delays', 'ints']);

function numbers(text) {
  return text.split(/[\s,]+/).filter(Boolean).map(Number);
}

export async function show(root, context) {
  const deckId = context.arg;
  const [options, decks] = await Promise.all([request('GET', `/decks/${deckId}/options`), request('GET', '/decks')]);
  if (!context.live()) return;
  const deck = decks.find((d) => String(d.id) === deckId);
  const message = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const inputs = new Map();
  const rows = FIELDS.map(([section, key, label, unit, min, max, step]) => {
    const value = options[section][key];
    const id = `opt-${section}-${key}`;
    const input = LISTS.has(key)
      ? h('input', { id, name: id, value: value.join(' '), inputmode: 'decimal' })
      : h('input', { id, name: id, type: 'number', value, min, max, step, required: true });
    inputs.set(`${section}.${key}`, input);
    return h('div', { class: 'field' }, h('label', { for: id, text: label }), input,
      unit ? h('small', { text: unit }) : null);
  });
  const leech = h('select', { id: 'opt-lapse-leechAction', name: 'leechAction' },
    h('option', { value: '0', text: 'Suspend card' }), h('option', { value: '1', text: 'Tag only' }));
  leech.value = String(options.lapse.leechAction);
  const name = h('input', { id: 'opt-name', name: 'name', value: options.name, required: true });
  const form = h('form', { id: 'options-form', class: 'options' },
    h('div', { class: 'field' }, h('label', { for: 'opt-name', text: 'Preset name' }), name),
    ...rows,
    h('div', { class: 'field' }, h('label', { for: 'opt-lapse-leechAction', text: 'Leech action' }), leech),
    h('button', { type: 'submit', class: 'primary', text: 'Save options' }), message);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { name: name.value.trim(), new: {}, rev: {}, lapse: { leechAction: Number(leech.value) } };
    for (const [path, input] of inputs) {
      const [section, key] = path.split('.');
      body[section][key] = LISTS.has(key) ? numbers(input.value) : Number(input.value);
    }
    try {
      await request('PUT', `/decks/${deckId}/options`, { body });
      status(message, 'Saved. Every deck using this preset studies with these options from now on.', 'ok');
    } catch (error) {
      status(message, error.message, 'error');
    }
  });

  root.append(h('section', { class: 'deck-options' },
    h('h1', { tabindex: '-1', text: `Options: ${deck?.name ?? 'deck'}` }),
    h('p', { text: 'These options belong to a preset: every deck that uses it follows a change.' }),
    form,
    h('p', {}, h('a', { href: '#/decks', text: 'Back to decks' }))));
}
