// Small DOM helpers, the card-HTML sanitiser and the formats the views share.

// h('button', {class: 'primary', onclick: f}, 'Add') → <button class="primary">Add</button>.
// Keys starting with "on" become listeners, `text` sets textContent, anything
// else is an attribute (false/null/undefined leave it out).
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key.startsWith('on')) element.addEventListener(key.slice(2), value);
    else if (key === 'text') element.textContent = value;
    else if (value === true) element.setAttribute(key, '');
    else if (value !== false && value != null) element.setAttribute(key, value);
  }
  element.append(...children.flat().filter((child) => child != null && child !== false));
  return element;
}

const SVG = 'http://www.w3.org/2000/svg';
export function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  element.append(...children);
  return element;
}

// Card fields are HTML written by anyone (imported Anki decks bring real
// HTML). They are parsed into an inert document (DOMParser runs no script and
// loads nothing) and only an allow-list of tags and attributes is copied into
// the page: no event handlers, no script, no links but http(s), no images but
// data: URLs, styles only through properties that cannot fetch anything.
const KEEP = new Set(('B I U S EM STRONG SMALL BIG MARK SUB SUP BR HR P DIV SPAN UL OL LI DL DT DD ' +
  'TABLE THEAD TBODY TFOOT TR TD TH CAPTION H1 H2 H3 H4 H5 H6 BLOCKQUOTE PRE CODE KBD ' +
  'RUBY RT RP DEL INS STRIKE CENTER FONT IMG A').split(' '));
const DROP = new Set(('SCRIPT STYLE TEMPLATE IFRAME FRAME OBJECT EMBED NOSCRIPT SVG MATH FORM ' +
  'INPUT BUTTON SELECT TEXTAREA TITLE HEAD LINK META BASE AUDIO VIDEO SOURCE').split(' '));
const ATTRIBUTES = new Set(['title', 'lang', 'dir', 'alt', 'colspan', 'rowspan', 'start']);
const STYLES = ['color', 'background-color', 'font-weight', 'font-style', 'text-decoration', 'text-align',
  'font-size', 'vertical-align'];
const IMAGE_DATA = /^data:image\/(png|gif|jpeg|webp);base64,[a-z0-9+/=\s]*$/i;

function copyClean(from, to) {
  for (const node of from.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) {
      to.append(node.data);
      continue;
    }
    if (node.nodeType !== Node.ELEMENT_NODE || DROP.has(node.tagName)) continue;
    if (!KEEP.has(node.tagName)) {
      copyClean(node, to); // an unknown wrapper: keep what it says
      continue;
    }
    const tag = { FONT: 'span', CENTER: 'div', STRIKE: 's' }[node.tagName] ?? node.tagName.toLowerCase();
    const element = document.createElement(tag);
    for (const { name, value } of node.attributes) {
      if (ATTRIBUTES.has(name)) element.setAttribute(name, value);
    }
    if (tag === 'img') {
      const source = node.getAttribute('src') ?? '';
      if (!IMAGE_DATA.test(source)) {
        to.append(`[${node.getAttribute('alt') || 'image'}]`);
        continue;
      }
      element.src = source;
    }
    if (tag === 'a') {
      const href = node.getAttribute('href') ?? '';
      if (/^https?:\/\//i.test(href)) {
        element.href = href;
        element.rel = 'noopener noreferrer';
        element.target = '_blank';
      }
    }
    // Through the CSSOM, which the Content-Security-Policy allows (a style
    // attribute it would block), and which drops values a property cannot
    // take: these properties only hold colours, keywords and lengths, never a URL.
    for (const declaration of (node.getAttribute('style') ?? '').split(';')) {
      const [property, ...value] = declaration.split(':');
      const name = property.trim().toLowerCase();
      if (STYLES.includes(name)) element.style.setProperty(name, value.join(':').trim());
    }
    if (node.tagName === 'FONT' && node.getAttribute('color')) element.style.color = node.getAttribute('color');
    copyClean(node, element);
    to.append(element);
  }
}

export function cardHtml(html) {
  const inert = new DOMParser().parseFromString(`<!doctype html><body>${html ?? ''}`, 'text/html');
  const fragment = document.createDocumentFragment();
  copyClean(inert.body, fragment);
  return fragment;
}

// A field as one line of text, for lists.
export function cardText(html, length = 80) {
  const text = new DOMParser().parseFromString(html ?? '', 'text/html').body.textContent.replace(/\s+/g, ' ').trim();
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

// Intervals as Anki writes them on its answer buttons: 1m, 10m, 1d, 3.5mo, 1.2y.
export function formatInterval(seconds) {
  const units = [[60, 's', 1, 0], [3600, 'm', 60, 0], [86400, 'h', 3600, 1], [30 * 86400, 'd', 86400, 0],
    [365 * 86400, 'mo', 30 * 86400, 1], [Infinity, 'y', 365 * 86400, 1]];
  const [, unit, size, decimals] = units.find(([limit]) => seconds < limit);
  const factor = 10 ** decimals;
  return `${Math.round((seconds / size) * factor) / factor}${unit}`;
}

// "in 10 minutes (14:05)", "tomorrow at 09:00", "on 3 March".
export function formatWhen(epochSeconds, now = Date.now()) {
  const when = new Date(epochSeconds * 1000);
  const time = when.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  const minutes = Math.round((when - now) / 60000);
  if (minutes < 1) return 'now';
  if (minutes < 60) return `in ${minutes} minute${minutes === 1 ? '' : 's'} (${time})`;
  const days = Math.round((new Date(when).setHours(0, 0, 0, 0) - new Date(now).setHours(0, 0, 0, 0)) / 86400000);
  if (days === 0) return `today at ${time}`;
  if (days === 1) return `tomorrow at ${time}`;
  return `on ${when.toLocaleDateString([], { day: 'numeric', month: 'long', year: days > 300 ? 'numeric' : undefined })}`;
}

// Where a view says how things went: a polite live region.
export function status(element, message, kind = 'info') {
  element.textContent = message;
  element.className = `status ${kind}`;
}
