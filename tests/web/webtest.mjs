// The study page in a real browser against a real `javumbo serve`:
//   node tests/web/webtest.mjs --javumbo build/release/app/javumbo
// Each step says what it proves; the run prints one line per step with its
// time. Exit code: 0 all passed, 1 a step failed.
import { writeFileSync } from 'node:fs';
import { Browser } from './cdp.mjs';
import { Check, expect, http, sqlite, startServer } from './harness.mjs';

const argument = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const javumbo = argument('--javumbo', 'build/release/app/javumbo');
const only = argument('--only', ''); // a substring of step names, for debugging

const CSP = "default-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
const student = { username: 'student1', password: 'correct horse battery', email: 'student1@example.test', name: 'Student One' };

const server = await startServer(javumbo);
const browser = await Browser.launch();
const page = await browser.newPage({ width: 1280, height: 800 });
const { origin } = server;
let token = null; // "another device": the test's own session, not the page's
let userId = 0;
let spanish = 0;
let visits = 0;

const api = (method, path, options = {}) => http(origin, method, `/api/v1${path}`, { token, ...options });
const revlog = () => Number(sqlite(`${server.dataDir}/user_dbs/user_${userId}.db`, 'SELECT count(*) FROM revlog'));
const js = (value) => JSON.stringify(value);
const text = (selector) => page.evaluate(`document.querySelector(${js(selector)})?.textContent ?? null`);
const value = (selector) => page.evaluate(`document.querySelector(${js(selector)})?.value ?? null`);
// A fresh load of the page at a hash (the query makes it a new document).
const visit = (hash) => page.goto(`${origin}/?v=${++visits}${hash}`);
const phase = `document.querySelector('.study')?.dataset.phase`;
const settled = `document.querySelector('.study')?.dataset.busy === 'false'`;

async function addCard(front, back, deckId, tags = []) {
  const added = await api('POST', '/cards', { body: { front, back, deck_id: deckId, tags } });
  expect(added.status === 201, `adding a card through the API: ${added.status} ${added.text}`);
  return added.body;
}

async function count(q) {
  const found = await api('GET', `/cards?q=${encodeURIComponent(q)}`);
  expect(found.status === 200, `search ${q}: ${found.status} ${found.text}`);
  return found.body.total;
}

async function signInThroughForm() {
  await page.waitFor(`document.querySelector('#signin')`, 'the sign-in form');
  await page.type('#signin [name=username]', student.username);
  await page.type('#signin [name=password]', student.password);
  await page.key('Enter');
}

// blockedByPolicy: the step shows
// hostile card HTML, whose inline handlers and styles Chromium's CSP check
// refuses (and reports) already while the sanitiser parses it inertly. Any
// other step must make the policy refuse nothing: the page needs nothing it forbids.
const steps = [];
const step = (name, run, { blockedByPolicy = false } = {}) => steps.push({ name, run, blockedByPolicy });

step('the page and its assets carry the security headers and validators', async () => {
  const index = await http(origin, 'GET', '/');
  expect(index.status === 200, `GET / → ${index.status}`);
  const wanted = { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': CSP,
    'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'cache-control': 'no-cache' };
  for (const [name, want] of Object.entries(wanted)) expect(index.headers[name] === want, `${name}: ${index.headers[name]}`);
  expect(/^"[0-9a-f]{32}"$/.test(index.headers.etag), `ETag ${index.headers.etag}`);
  console.log(`      GET / headers: ${Object.entries(index.headers).map(([k, v]) => `${k}: ${v}`).join(' | ')}`);
  const again = await http(origin, 'GET', '/', { headers: { 'If-None-Match': index.headers.etag } });
  expect(again.status === 304 && again.text === '' && again.headers.etag === index.headers.etag, `revalidation → ${again.status}`);
  for (const [path, type] of [['/app/main.js', 'text/javascript'], ['/app/style.css', 'text/css'], ['/app/icon.svg', 'image/svg+xml']]) {
    const asset = await http(origin, 'GET', path);
    expect(asset.status === 200 && asset.headers['content-type'] === `${type}; charset=utf-8`, `${path}: ${asset.status} ${asset.headers['content-type']}`);
    expect(asset.headers['content-security-policy'] === CSP && asset.headers['x-content-type-options'] === 'nosniff', `${path} headers`);
  }
  const missing = await http(origin, 'GET', '/app/nothing.js');
  expect(missing.status === 404 && missing.body?.error?.code === 'not_found', `unknown asset → ${missing.status} ${missing.text}`);
});

step('register through the page (signs in, shows the Default deck)', async () => {
  await visit('#/decks');
  await page.waitFor(`document.querySelector('#register-box')`, 'the register form');
  await page.evaluate(`document.querySelector('#register-box').open = true`);
  for (const field of ['username', 'name', 'email', 'password']) await page.type(`#register [name=${field}]`, student[field]);
  await page.click('#register button[type=submit]');
  await page.waitFor(`location.hash === '#/decks' && document.querySelector('li[data-deck="Default"]')`, 'the deck list');
  const other = await http(origin, 'POST', '/api/v1/login', { body: { username: student.username, password: student.password } });
  expect(other.status === 200, `API login: ${other.status}`);
  ({ token, user_id: userId } = other.body);
});

step('sign in with the keyboard; the cookie is HttpOnly, SameSite=Lax, Path=/ and the page holds no token', async () => {
  await page.send('Network.clearBrowserCookies');
  await visit('#/decks');
  await signInThroughForm();
  await page.waitFor(`location.hash === '#/decks' && document.querySelector('li[data-deck="Default"]')`, 'the deck list');
  const { cookies } = await page.send('Network.getCookies', { urls: [origin] });
  const session = cookies.find((c) => c.name === 'javumbo_session');
  expect(session && session.httpOnly && session.sameSite === 'Lax' && session.path === '/', `cookie ${js(session)}`);
  expect(!(await page.evaluate('document.cookie')).includes('javumbo_session'), 'the page can read the session cookie');
  const stored = await page.evaluate('JSON.stringify([localStorage, sessionStorage])');
  expect(!stored.includes(session.value), 'the token is in web storage');
});

step('deck tree with counts; create, rename and delete a deck', async () => {
  const created = await api('POST', '/decks', { body: { name: 'Languages::Spanish' } });
  expect(created.status === 201, `create deck: ${created.status}`);
  spanish = created.body.id;
  for (const [front, back] of [['hola', 'hello'], ['gato', 'cat'], ['perro', 'dog']]) await addCard(front, back, spanish);
  await visit('#/decks');
  const row = `li[data-deck="Languages"] > ul > li[data-deck="Languages::Spanish"] > .deck-row`;
  await page.waitFor(`document.querySelector('${row} .count.new')?.textContent.endsWith('3')`, 'Spanish under Languages with 3 new');
  expect((await text(`li[data-deck="Languages"] > .deck-row .count.new`)).endsWith('3'), 'the parent counts its children');
  await page.type('#new-deck input', 'Temp::Child');
  await page.key('Enter');
  await page.waitFor(`document.querySelector('li[data-deck="Temp"] li[data-deck="Temp::Child"]')`, 'the new deck');
  page.dialogAnswer = { accept: true, promptText: 'Temp::Renamed' };
  await page.click('li[data-deck="Temp::Child"] .menu summary');
  await page.click('li[data-deck="Temp::Child"] .menu button:first-child');
  await page.waitFor(`document.querySelector('li[data-deck="Temp::Renamed"]')`, 'the renamed deck');
  page.dialogAnswer = { accept: true };
  await page.click('li[data-deck="Temp"] > .deck-row .menu button:last-child');
  await page.waitFor(`!document.querySelector('li[data-deck^="Temp"]')`, 'the deleted deck to go');
  const names = (await api('GET', '/decks')).body.map((d) => d.name);
  expect(!names.some((n) => n.startsWith('Temp')), `decks left: ${names}`);
});

step('study with the keyboard: one revlog row per answer; auto-repeat and a double press answer once', async () => {
  await visit('#/decks');
  await page.waitFor(`document.querySelector('li[data-deck="Languages::Spanish"] > .deck-row a')`, 'the Spanish deck');
  await page.click(`li[data-deck="Languages::Spanish"] > .deck-row a`);
  await page.waitFor(`${phase} === 'front' && ${settled}`, 'the first front');
  const first = await page.evaluate(`document.querySelector('#card').dataset.cardId`);
  expect((await text('.queue-counts .current')).includes('3'), 'the new count is highlighted');
  await page.key(' ');
  await page.waitFor(`${phase} === 'back'`, 'the answer');
  const labels = await page.evaluate(`[...document.querySelectorAll('.ease')].map((b) => b.querySelector('.interval').textContent)`);
  expect(labels.every((l) => /^\d+(\.\d)?(s|m|h|d|mo|y)$/.test(l)) && labels[0] === '1m' && labels[2] === '10m', `intervals ${labels}`);
  await page.key('3', { repeat: true }); // a held key: keydown with repeat set
  expect((await page.evaluate(phase)) === 'back' && revlog() === 0, 'an auto-repeated key answered');
  await Promise.all([page.key('3'), page.key('3')]);
  await page.waitFor(`${phase} === 'front' && ${settled} && document.querySelector('#card').dataset.cardId !== ${js(first)}`, 'the next card');
  expect(revlog() === 1, `revlog rows after one answer (pressed twice): ${revlog()}`);
  await page.key(' ');
  await page.waitFor(`${phase} === 'back'`, 'the answer');
  await page.key('1');
  await page.waitFor(`${phase} === 'front' && ${settled}`, 'the next card');
  expect(revlog() === 2, `revlog rows after two answers: ${revlog()}`);
});

step('Z undoes the last answer (its revlog row goes)', async () => {
  expect((await page.evaluate(phase)) === 'front', 'not on the study page');
  const before = revlog();
  await page.key('z');
  await page.waitFor(`${settled} && document.querySelector('.study .status').textContent !== ''`, 'a word about the undo');
  const said = await text('.study .status');
  expect(said.includes('undone') && revlog() === before - 1, `undo said "${said}", revlog ${before} → ${revlog()}`);
});

step('finish the deck with the keyboard: one revlog row per answer, then "Congratulations"', async () => {
  await visit(`#/study/${spanish}`);
  for (let answered = 0; ; ++answered) {
    expect(answered < 20, 'the deck never ends');
    await page.waitFor(`['front', 'done'].includes(${phase}) && ${settled}`, 'a card or the end');
    if ((await page.evaluate(phase)) === 'done') break;
    const before = revlog();
    await page.key(' ');
    await page.waitFor(`${phase} === 'back'`, 'the answer');
    await page.key('4');
    await page.waitFor(`${phase} !== 'back' && ${settled}`, 'the answer to be taken');
    expect(revlog() === before + 1, `revlog ${before} → ${revlog()} for one answer`);
  }
  expect((await text('#card h2')) === 'Congratulations!', 'no congratulations');
});

step('"Congratulations" says when the next card is due', async () => {
  await page.waitFor(`document.querySelector('#card a[href="#/decks"]')`, 'the whole congratulations');
  const said = await text('#next-due');
  expect(/due (in|today|tomorrow|on)/.test(said), `the next due time: "${said}"`);
});

step('add a card whose first reply is lost: the retry reuses the Idempotency-Key, one card exists', async () => {
  await visit('#/add');
  await page.waitFor(`document.querySelector('#add-form')`, 'the add form');
  await page.evaluate(`(() => { const s = document.querySelector('#add-deck'); s.value = ${spanish}; s.dispatchEvent(new Event('input', {bubbles: true})); })()`);
  const keys = [];
  page.on('Fetch.requestPaused', ({ requestId, request }) => {
    if (request.method !== 'POST') return page.send('Fetch.continueRequest', { requestId });
    keys.push(Object.entries(request.headers).find(([k]) => k.toLowerCase() === 'idempotency-key')?.[1]);
    // The first reply is lost after the server made the card.
    if (keys.length === 1) return page.send('Fetch.failRequest', { requestId, errorReason: 'ConnectionReset' });
    return page.send('Fetch.continueRequest', { requestId });
  });
  await page.send('Fetch.enable', { patterns: [{ urlPattern: '*/api/v1/cards', requestStage: 'Response' }] });
  try {
    await page.type('#add-front', 'Lost reply card');
    await page.type('#add-back', 'still one card');
    await page.type('#add-tags', 'web retry');
    await page.key('Enter', { ctrl: true });
    await page.waitFor(`document.querySelector('#add-status').textContent.startsWith('Added')`, '"Added"', 15000);
  } finally {
    await page.send('Fetch.disable');
  }
  expect(keys.length === 2 && keys[0] === keys[1] && /^[0-9a-f]{32}$/.test(keys[0]), `keys sent: ${keys}`);
  expect((await count('"Lost reply card"')) === 1, 'not exactly one card');
  expect((await value('#add-front')) === '' && Number(await value('#add-deck')) === spanish, 'the form did not clear the front and keep the deck');
});

step('the connection drops while adding: a banner, the text stays, the add completes once it is back', async () => {
  await visit('#/add');
  await page.waitFor(`document.querySelector('#add-form')`, 'the add form');
  await page.type('#add-front', 'Offline card');
  await page.type('#add-back', 'typed without a network');
  await page.send('Network.emulateNetworkConditions', { offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  try {
    await page.key('Enter', { ctrl: true });
    await page.waitFor(`!document.querySelector('#banner').hidden`, 'the offline banner');
    expect((await text('#banner')).includes('lost') && (await value('#add-front')) === 'Offline card', 'the text is gone');
  } finally {
    await page.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  }
  await page.waitFor(`document.querySelector('#add-status').textContent.startsWith('Added') && document.querySelector('#banner').hidden`, 'the add after reconnecting', 30000);
  expect((await count('"Offline card"')) === 1, 'not exactly one card');
});

step('a half-typed card survives a reload', async () => {
  await visit('#/add');
  await page.waitFor(`document.querySelector('#add-form')`, 'the add form');
  await page.type('#add-front', 'Half-typed');
  await page.send('Page.reload');
  await page.waitFor(`document.querySelector('#add-front')?.value === 'Half-typed'`, 'the draft after the reload');
});

const rows = `[...document.querySelectorAll('table.cards tbody tr td:first-child')].map((td) => td.textContent)`;

step('sort the list by a column, both ways', async () => {
  for (const [front, back] of [['the quick brown fox', 'jumps'], ['brown dog, quick cat', 'sits'], ['quick silver', 'mercury']]) {
    await addCard(front, back, spanish, ['search']);
  }
  await visit('#/browse?q=tag:search');
  await page.waitFor(`document.querySelectorAll('table.cards tbody tr').length === 3`, 'three results');
  await page.click('table.cards th:first-child button');
  expect(js(await page.evaluate(rows)) === js(['brown dog, quick cat', 'quick silver', 'the quick brown fox']), 'ascending sort');
  await page.click('table.cards th:first-child button');
  expect(js(await page.evaluate(rows)) === js(['the quick brown fox', 'quick silver', 'brown dog, quick cat']), 'descending sort');
  expect((await text('table.cards th[aria-sort]')) === 'Front', 'aria-sort is not on the sorted column');
});

step('search with two words and with a quoted phrase, sent as q with URLSearchParams', async () => {
  const search = async (q, expected) => {
    // The hash changes at once while the previous results stay on screen until
    // the new ones arrive: wait for a new summary element, not just any summary.
    await page.evaluate(`window.previousSummary = document.querySelector('#browse-summary')`);
    await page.type('#search', q);
    await page.key('Enter');
    await page.waitFor(`location.hash === ${js(`#/browse?${new URLSearchParams({ q })}`)} && document.querySelector('#browse-summary') !== window.previousSummary && /^\\d+ cards?\\.$/.test(document.querySelector('#browse-summary')?.textContent)`, `the results for ${q}`);
    const shown = await page.evaluate(rows);
    expect(js([...shown].sort()) === js([...expected].sort()), `${q} → ${shown}`);
    const sent = `/api/v1/cards?${new URLSearchParams({ q, limit: 200 })}`;
    expect(page.requests.some((r) => r.url.endsWith(sent)), `no request for ${sent}`);
  };
  await visit('#/browse');
  await page.waitFor(`document.querySelector('#search')`, 'the search box');
  await search('quick brown', ['the quick brown fox', 'brown dog, quick cat']);
  await search('quick "brown fox"', ['the quick brown fox']);
  await search('tag:search -silver', ['the quick brown fox', 'brown dog, quick cat']);
});

async function openInBrowser(q) {
  await visit(`#/browse?${new URLSearchParams({ q })}`);
  await page.waitFor(`document.querySelector('table.cards tbody tr button')`, `a result for ${q}`);
  const id = Number(await page.evaluate(`document.querySelector('table.cards tbody tr').dataset.id`));
  await page.click('table.cards tbody tr button');
  await page.waitFor(`!document.querySelector('#editor').hidden`, 'the editor');
  return id;
}

step('an edit conflict: both versions shown, "keep mine" saves mine over the other device\'s', async () => {
  const id = await openInBrowser('silver');
  await page.type('#edit-front', 'quick silver (mine)');
  const loaded = await api('GET', `/cards/${id}`);
  const theirs = await api('PUT', `/cards/${id}`, { headers: { 'If-Match': loaded.body.etag },
    body: { front: 'quick silver (theirs)', back: loaded.body.back, tags: loaded.body.tags } });
  expect(theirs.status === 200, `the other device's edit: ${theirs.status}`);
  await page.click('#save');
  await page.waitFor(`!document.querySelector('#conflict').hidden`, 'the conflict');
  const shown = await text('#conflict');
  expect(shown.includes('quick silver (theirs)') && shown.includes('quick silver (mine)') && (await value('#edit-front')) === 'quick silver (mine)',
    `the conflict shows: ${shown}`);
  await page.click('#keep-mine');
  await page.waitFor(`document.querySelector('#edit-status').textContent === 'Saved.'`, '"Saved."');
  expect((await api('GET', `/cards/${id}`)).body.front === 'quick silver (mine)', 'mine was not saved');
});

step('suspend and unsuspend a card in the browser', async () => {
  const id = await openInBrowser('silver');
  await page.click('#suspend');
  await page.waitFor(`!document.querySelector('#suspend').disabled && document.querySelector('#edit-status').textContent`, 'an answer');
  expect((await text('#suspend')) === 'Unsuspend', `after Suspend: "${await text('#edit-status')}"`);
  expect((await api('GET', `/cards/${id}`)).body.queue === -1, 'the card is not suspended');
  await page.click('#suspend');
  await page.waitFor(`document.querySelector('#suspend').textContent === 'Suspend' && !document.querySelector('#suspend').disabled`, 'Suspend');
  expect((await api('GET', `/cards/${id}`)).body.queue !== -1, 'the card is still suspended');
});

step('delete a card in the browser', async () => {
  const id = await openInBrowser('dog,');
  page.dialogAnswer = { accept: true };
  await page.click('#delete');
  await page.waitFor(`document.querySelector('#editor').hidden && !document.querySelector('tr[data-id="${id}"]')`, 'the row to go');
  expect((await api('GET', `/cards/${id}`)).status === 404, 'the card still exists');
});

step('script in a card never runs (onerror, <script>, javascript: links, svg onload)', async () => {
  const deck = (await api('POST', '/decks', { body: { name: 'Hostile' } })).body.id;
  const canary = (tag) => `window.__pwned='${tag}';fetch('/xss-${tag}')`;
  await addCard(`<b id="bold">Bold</b> <img src="/xss-img.png" onerror="${canary('onerror')}"><script>${canary('script')}</script>`
    + `<a href="javascript:${canary('link')}">link</a><span style="color: red">red</span>`,
  `<svg onload="${canary('svg')}"></svg><iframe srcdoc="<script>parent.${canary('iframe')}</script>"></iframe>`
    + `<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" onerror="${canary('data')}">`, deck);
  await visit(`#/study/${deck}`);
  await page.waitFor(`${phase} === 'front'`, 'the hostile card');
  await page.key(' ');
  await page.waitFor(`${phase} === 'back'`, 'its back');
  await openInBrowser('Bold');
  await page.evaluate(`document.querySelector('#edit-front').dispatchEvent(new Event('input', {bubbles: true}))`);
  await page.evaluate(`fetch('/api/v1/health')`); // anything the cards asked for was asked before this
  expect((await page.evaluate('typeof window.__pwned')) === 'undefined', `a canary ran: ${await page.evaluate('window.__pwned')}`);
  const leaked = page.requests.filter((r) => r.url.includes('xss'));
  expect(leaked.length === 0, `requests: ${leaked.map((r) => r.url)}`);
  const dangerous = await page.evaluate(`document.querySelectorAll('script:not([src]), [onerror], [onload], iframe, svg:not(.chart), a[href^="javascript"]').length`);
  expect(dangerous === 0, `${dangerous} dangerous nodes in the page`);
  const preview = await page.evaluate(`(() => { const b = document.querySelector('#edit-preview b'); return b && b.textContent === 'Bold' && getComputedStyle(document.querySelector('#edit-preview span')).color; })()`);
  expect(preview === 'rgb(255, 0, 0)', `the harmless HTML is not rendered (${preview})`);
}, { blockedByPolicy: true });

step("statistics: today's figures", async () => {
  await visit('#/stats');
  await page.waitFor(`document.querySelector('#figures')`, 'the figures');
  const today = (await api('GET', '/stats')).body;
  const shown = await text('[data-key=reviews_today] dd');
  expect(today.reviews_today > 0 && shown === String(today.reviews_today), `answered today: page ${shown}, API ${today.reviews_today}`);
});

step('statistics: answers per day and forecast charts', async () => {
  expect(await page.evaluate(`!!(document.querySelector('#chart-reviews') && document.querySelector('#chart-forecast'))`),
    `the charts: ${await page.evaluate(`[...document.querySelectorAll('.stats figure')].map((f) => f.textContent).join(' / ')`)}`);
  const today = (await api('GET', '/stats')).body.reviews_today;
  const last = await page.evaluate(`[...document.querySelectorAll('#chart-reviews rect.bar')].at(-1)?.textContent`);
  expect(last === `today: ${today} answers`, `today's bar says ${last}`);
});

step('an expired session: sign in again and land where the student was', async () => {
  await visit('#/browse?q=quick');
  await page.waitFor(`document.querySelector('table.cards tbody tr')`, 'the results');
  const { cookies } = await page.send('Network.getCookies', { urls: [origin] });
  const cookie = cookies.find((c) => c.name === 'javumbo_session').value;
  expect((await http(origin, 'POST', '/api/v1/logout', { cookie })).status === 204, 'logging the session out elsewhere');
  await page.evaluate(`location.hash = '#/stats'`);
  await signInThroughForm();
  await page.waitFor(`location.hash === '#/stats' && document.querySelector('#figures')`, 'the statistics again');
});

step('sign out: the old cookie stops working', async () => {
  const { cookies } = await page.send('Network.getCookies', { urls: [origin] });
  const cookie = cookies.find((c) => c.name === 'javumbo_session').value;
  expect((await http(origin, 'GET', '/api/v1/me', { cookie })).status === 200, 'the cookie did not work before');
  await page.click('#signout');
  await page.waitFor(`document.querySelector('#signin')`, 'the sign-in form');
  expect((await http(origin, 'GET', '/api/v1/me', { cookie })).status === 401, 'the old cookie still works');
  const left = (await page.send('Network.getCookies', { urls: [origin] })).cookies.filter((c) => c.name === 'javumbo_session');
  expect(left.length === 0, 'the browser kept the cookie');
});

step('registration closed: the register form explains instead', async () => {
  const closed = await startServer(javumbo, ['--registration', 'closed']);
  try {
    await page.goto(`${closed.origin}/#/login`);
    await page.waitFor(`document.querySelector('#register-box')`, 'the register form');
    await page.evaluate(`document.querySelector('#register-box').open = true`);
    for (const field of ['username', 'name', 'email', 'password']) await page.type(`#register [name=${field}]`, student[field]);
    await page.click('#register button[type=submit]');
    await page.waitFor(`document.querySelector('#register-closed') && !document.querySelector('#register')`, 'the explanation');
  } finally {
    await closed.stop();
  }
});

// Runs every step (a failure does not stop the others) and reports.
const results = [];
const started = Date.now();
for (const { name, run, blockedByPolicy } of steps) {
  if (only && !name.includes(only)) continue;
  const errorsBefore = page.errors.length;
  const blockedBefore = page.blocked.length;
  const t0 = Date.now();
  let outcome = 'ok';
  let detail = '';
  try {
    await Promise.race([run(), new Promise((_, reject) => setTimeout(() => reject(new Error('step took over 90 s')), 90000))]);
    if (page.errors.length > errorsBefore) throw new Check(`the page threw: ${page.errors.slice(errorsBefore).join('; ')}`);
    const blocked = page.blocked.slice(blockedBefore).filter((b) => !blockedByPolicy || !/^(Executing inline event handler|Applying inline style)/.test(b));
    if (blocked.length) throw new Check(`the Content-Security-Policy refused: ${blocked.join('; ')}`);
  } catch (error) {
    outcome = 'FAIL';
    detail = error instanceof Check ? error.message : error.stack;
  }
  const seconds = (Date.now() - t0) / 1000;
  results.push({ name, outcome, seconds });
  console.log(`${outcome.padEnd(6)} ${seconds.toFixed(2).padStart(6)} s  ${name}${detail ? `\n         ${detail}` : ''}`);
}

const tally = (o) => results.filter((r) => r.outcome === o).length;
console.log(`\nweb: ${tally('ok')} passed, ${tally('FAIL')} failed, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
if (tally('FAIL')) console.log(`server log (tail):\n${server.log().slice(-3000)}`);
// --access-log FILE keeps the server's log, for request latencies of the run.
const accessLog = argument('--access-log', '');
if (accessLog) writeFileSync(accessLog, server.log());
await browser.close();
await server.stop();
process.exit(tally('FAIL') ? 1 : 0);
