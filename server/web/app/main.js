// The shell: routes #/view/arg?params to a view module, keeps the session
// (GET /me; the cookie itself is HttpOnly), sends a signed-out student to
// the sign-in form and back to where they were, and shows the connection banner.
import { events, request } from './api.js';
import { h } from './dom.js';
import * as login from './login.js';
import * as decks from './decks.js';
import * as study from './study.js';
import * as add from './add.js';
import * as browse from './browse.js';
import * as stats from './stats.js';
import * as options from './options.js';

const VIEWS = { login, decks, study, add, browse, stats, options };
const RETURN_TO = 'javumbo.returnTo';
const main = document.getElementById('main');
const nav = document.getElementById('nav');
const account = document.getElementById('account');
const banner = document.getElementById('banner');
const session = { me: null };
let generation = 0;
let cleanup = null;
let routed = null; // the hash on screen: a hashchange to it (first load) is not a second render

function parseHash() {
  const [path, query = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const [name = '', arg = ''] = path.split('/');
  return { name: VIEWS[name] ? name : 'decks', arg: decodeURIComponent(arg), params: new URLSearchParams(query) };
}

function toSignIn() {
  session.me = null;
  if (parseHash().name === 'login') return;
  sessionStorage.setItem(RETURN_TO, location.hash || '#/decks');
  location.hash = '#/login';
}

async function signedIn() {
  session.me = await request('GET', '/me');
  const back = sessionStorage.getItem(RETURN_TO);
  sessionStorage.removeItem(RETURN_TO);
  location.hash = back && !back.startsWith('#/login') ? back : '#/decks';
}

async function route() {
  routed = location.hash;
  const { name, arg, params } = parseHash();
  if (name !== 'login' && !session.me) return toSignIn();
  cleanup?.();
  cleanup = null;
  const mine = ++generation;
  nav.hidden = account.hidden = name === 'login';
  for (const link of nav.querySelectorAll('a')) {
    link.toggleAttribute('aria-current', link.hash.slice(2).split(/[/?]/)[0] === name);
  }
  document.getElementById('who').textContent = session.me?.username ?? '';
  main.replaceChildren();
  const context = { arg, params, session, signedIn, reload: route, live: () => mine === generation };
  try {
    const undo = await VIEWS[name].show(main, context);
    if (context.live()) cleanup = undo ?? null;
    else undo?.();
  } catch (error) {
    if (error.status === 401 || !context.live()) return;
    main.append(h('p', { class: 'status error', role: 'alert', text: error.message }));
  }
  if (context.live() && (document.activeElement === document.body || !main.contains(document.activeElement))) {
    main.querySelector('[autofocus], h1')?.focus({ preventScroll: true });
  }
}

events.addEventListener('unauthenticated', toSignIn);
events.addEventListener('connection', ({ detail }) => {
  banner.hidden = detail.state === 'ok';
  banner.textContent = detail.state === 'offline'
    ? 'The connection to the server is lost. Nothing you typed is lost; this note goes when the server answers again.'
    : `The server is busy: trying again in ${detail.seconds} s.`;
});

document.getElementById('signout').addEventListener('click', async () => {
  await request('POST', '/logout').catch(() => {});
  session.me = null;
  sessionStorage.clear(); // drafts stay with their student, not with a shared computer
  location.hash = '#/login';
});

try {
  session.me = await request('GET', '/me');
} catch {
  // 401: toSignIn() already chose the sign-in form; anything else, the view will say.
}
window.addEventListener('hashchange', () => location.hash !== routed && route());
route();
