// The deck list as a tree ("A::B" is B inside A) with today's new, learning
// and due counts (children included, as the server counts them); create,
// rename and delete.
import { request } from './api.js';
import { h, status } from './dom.js';

const COLLAPSED = 'javumbo.collapsedDecks';

function tree(decks) {
  const byName = new Map();
  const roots = [];
  for (const deck of [...decks].sort((a, b) => a.name.localeCompare(b.name))) {
    const parts = deck.name.split('::');
    const node = { deck, label: parts.at(-1), children: [] };
    byName.set(deck.name.toLowerCase(), node);
    const parent = byName.get(parts.slice(0, -1).join('::').toLowerCase());
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

function counts(deck) {
  return [['new', deck.new_count, 'new'], ['learn', deck.learning_count, 'learning'], ['due', deck.due_count, 'due']]
    .map(([kind, n, word]) => h('span', { class: `count ${kind}${n ? '' : ' zero'}`, title: `${n ?? 0} ${word}` },
      h('span', { class: 'visually-hidden', text: `${word}: ` }), String(n ?? 0)));
}

export async function show(root, context) {
  const collapsed = new Set(JSON.parse(localStorage.getItem(COLLAPSED) ?? '[]'));
  const message = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const list = h('ul', { class: 'tree', id: 'deck-tree' });
  const name = h('input', { name: 'name', required: true, placeholder: 'Parent::Child', 'aria-label': 'New deck name' });
  const create = h('form', { class: 'inline', id: 'new-deck' }, name, h('button', { type: 'submit', text: 'Create deck' }));

  async function act(work, done) {
    try {
      await work();
      status(message, done, 'ok');
    } catch (error) {
      status(message, error.message, 'error');
    }
    await load().catch((error) => error.status !== 401 && status(message, error.message, 'error'));
  }

  function row(node) {
    const { deck } = node;
    const closed = collapsed.has(deck.id);
    const toggle = node.children.length
      ? h('button', { type: 'button', class: 'toggle', 'aria-expanded': String(!closed),
        'aria-label': `Subdecks of ${deck.name}`, text: closed ? '▸' : '▾',
        onclick: () => {
          closed ? collapsed.delete(deck.id) : collapsed.add(deck.id);
          localStorage.setItem(COLLAPSED, JSON.stringify([...collapsed]));
          load();
        } })
      : h('span', { class: 'toggle' });
    const rename = () => {
      const to = prompt(`New name for “${deck.name}”`, deck.name);
      if (to && to !== deck.name) act(() => request('PATCH', `/decks/${deck.id}`, { body: { name: to } }), `Renamed to ${to}.`);
    };
    const remove = () => {
      if (confirm(`Delete “${deck.name}”, its subdecks and their ${deck.card_count} cards?`)) {
        act(() => request('DELETE', `/decks/${deck.id}`), `Deleted ${deck.name}.`);
      }
    };
    const menu = h('details', { class: 'menu' },
      h('summary', { 'aria-label': `Actions for ${deck.name}`, text: '⋯' }),
      h('div', { class: 'menu-items' },
        h('button', { type: 'button', onclick: rename, text: 'Rename' }),
        h('a', { href: `#/options/${deck.id}`, class: 'button', text: 'Options' }),
        h('button', { type: 'button', onclick: remove, text: 'Delete' })));
    return h('li', { 'data-deck': deck.name },
      h('div', { class: 'deck-row' }, toggle,
        h('a', { class: 'deck-name', href: `#/study/${deck.id}`, text: node.label }), counts(deck), menu),
      node.children.length && !closed ? h('ul', {}, node.children.map(row)) : null);
  }

  async function load() {
    const decks = await request('GET', '/decks');
    if (!context.live()) return;
    list.replaceChildren(...tree(decks).map(row));
  }

  create.addEventListener('submit', (event) => {
    event.preventDefault();
    const wanted = name.value.trim();
    act(async () => {
      await request('POST', '/decks', { body: { name: wanted } });
      name.value = '';
    }, `Created ${wanted}.`);
  });

  await load();
  root.append(h('section', { class: 'decks' },
    h('h1', { tabindex: '-1', text: 'Decks' }),
    h('div', { class: 'deck-row head', 'aria-hidden': 'true' }, h('span'), h('span', { text: 'Deck' }),
      h('span', { class: 'count new', text: 'New' }), h('span', { class: 'count learn', text: 'Learn' }),
      h('span', { class: 'count due', text: 'Due' }), h('span')),
    list, message, create));
}
