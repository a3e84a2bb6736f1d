// Statistics: today's figures (GET /stats), answers per day and the
// forecast of review cards falling due, drawn as inline SVG.
import { request } from './api.js';
import { h, svg } from './dom.js';

const DAYS = 30;

function dayLabel(offset) {
  if (offset === 0) return 'today';
  if (offset === 1) return 'tomorrow';
  return offset < 0 ? `${-offset} days ago` : `in ${offset} days`;
}

// counts[i] belongs to day firstOffset + i (0 is today). The bars stretch to
// any width (one unit per day); the labels are HTML so they stay readable.
function barChart(id, title, counts, firstOffset, unit) {
  const max = Math.max(1, ...counts);
  const total = counts.reduce((a, b) => a + b, 0);
  const bars = counts.map((n, i) => {
    const height = (n / max) * 100;
    return svg('rect', { x: i + 0.15, y: 100 - height, width: 0.7, height,
      class: firstOffset + i === 0 ? 'bar today' : 'bar' }, svg('title', {}, `${dayLabel(firstOffset + i)}: ${n} ${unit}`));
  });
  const chart = svg('svg', { viewBox: `0 0 ${counts.length} 100`, preserveAspectRatio: 'none', role: 'img',
    class: 'chart', id, 'aria-label': `${title}: ${total} ${unit} over ${counts.length} days, at most ${max} a day.` }, ...bars);
  return h('figure', { class: 'panel' },
    h('figcaption', {}, h('strong', { text: title }), ` · ${total} ${unit} · at most ${max} a day`),
    chart,
    h('div', { class: 'chart-axis', 'aria-hidden': 'true' },
      h('span', { text: dayLabel(firstOffset) }), h('span', { text: dayLabel(firstOffset + counts.length - 1) })));
}

function unavailable(title, error) {
  const missing = error.status === 404 || error.status === 405;
  return h('figure', { class: 'panel' }, h('figcaption', {}, h('strong', { text: title })),
    h('p', { class: 'note', text: missing ? 'This server does not report this yet.' : error.message }));
}

export async function show(root) {
  const [today, reviews, forecast] = await Promise.all([request('GET', '/stats'),
    request('GET', '/stats/reviews', { query: { days: DAYS } }).catch((e) => e),
    request('GET', '/stats/forecast', { query: { days: DAYS } }).catch((e) => e)]);
  const figures = [['reviews_today', 'Answered today'], ['due_today', 'Due today'], ['cards', 'Cards'],
    ['new_cards', 'New'], ['learning_cards', 'Learning'], ['review_cards', 'Review'],
    ['suspended_cards', 'Suspended'], ['decks', 'Decks']];
  root.append(h('section', { class: 'stats' },
    h('h1', { tabindex: '-1', text: 'Statistics' }),
    h('dl', { class: 'figures', id: 'figures' }, figures.map(([key, label]) => h('div', { 'data-key': key },
      h('dt', { text: label }), h('dd', { text: String(today[key] ?? '–') })))),
    reviews instanceof Error ? unavailable('Answers per day', reviews)
      : barChart('chart-reviews', 'Answers per day', reviews.counts, 1 - reviews.counts.length, 'answers'),
    forecast instanceof Error ? unavailable('Reviews coming due', forecast)
      : barChart('chart-forecast', 'Reviews coming due', forecast.counts, 0, 'reviews')));
}
