// Statistics: today's figures (GET /stats), answers per day and the
// forecast of review cards falling due, drawn as inline SVG.
import { request } from './api.js';
import { h, svg } from './dom.js';

const DAYS = 30;
const WIDTH = 600;
const HEIGHT = 160;
const AXIS = 18; // room under the bars for the first and last day's labels

function dayLabel(offset) {
  if (offset === 0) return 'today';
  if (offset === 1) return 'tomorrow';
  return offset < 0 ? `${-offset} days ago` : `in ${offset} days`;
}

// counts[i] belongs to day firstOffset + i (0 is today).
function barChart(id, title, counts, firstOffset, unit) {
  const max = Math.max(1, ...counts);
  const step = WIDTH / counts.length;
  const total = counts.reduce((a, b) => a + b, 0);
  const height = HEIGHT - AXIS;
  const bars = counts.map((n, i) => {
    const barHeight = (n / max) * (height - 12);
    return svg('rect', { x: (i * step + 1).toFixed(1), y: (height - barHeight).toFixed(1),
      width: Math.max(1, step - 2).toFixed(1), height: barHeight.toFixed(1), class: firstOffset + i === 0 ? 'bar today' : 'bar' },
    svg('title', {}, `${dayLabel(firstOffset + i)}: ${n} ${unit}`));
  });
  const text = (x, y, anchor, content) => Object.assign(svg('text', { x, y, 'text-anchor': anchor }), { textContent: content });
  const chart = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', class: 'chart', id,
    'aria-label': `${title}: ${total} ${unit} over ${counts.length} days, at most ${max} a day.` },
  svg('line', { x1: 0, y1: height, x2: WIDTH, y2: height, class: 'axis' }),
  ...bars,
  text(2, 10, 'start', `max ${max}`),
  text(0, HEIGHT - 4, 'start', dayLabel(firstOffset)),
  text(WIDTH, HEIGHT - 4, 'end', dayLabel(firstOffset + counts.length - 1)));
  return h('figure', { class: 'panel' }, h('figcaption', {}, h('strong', { text: title }), ` · ${total} ${unit}`), chart);
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
