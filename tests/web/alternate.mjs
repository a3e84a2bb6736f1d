// One student, one deck, studied alternately in the browser and in the desktop
// app against the same real `javumbo serve` (issue 16's "Done when"):
//   node tests/web/alternate.mjs --javumbo build/release/app/javumbo \
//        --desktop build/release/tests/gui/javumbo_desktopstudy
// The browser is the study page in headless Chromium (cdp.mjs); the desktop is
// the real app signed in through its profile dialog and driven through its
// widgets (tests/gui/desktopstudy.cpp). After each turn the counts, the undo
// and the statistics of both, of the API and of the SQLite file must agree,
// number for number. Exit code: 0 all agree, 1 a step failed.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { Browser } from './cdp.mjs';
import { Check, expect, http, sqlite, startServer } from './harness.mjs';

const argument = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const javumbo = argument('--javumbo', 'build/release/app/javumbo');
const desktopBinary = argument('--desktop', 'build/release/tests/gui/javumbo_desktopstudy');

const student = { username: 'alternating', password: 'correct horse battery', email: 'alt@example.test', name: 'Alt Student' };
const DECK = 'Alternate';
const CARDS = 6;
const js = (value) => JSON.stringify(value);

// The desktop app as a child process: one command a line in, one JSON line out.
function startDesktop(origin) {
  const child = spawn(desktopBinary, ['--server', origin, '--username', student.username, '--password', student.password],
    { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, QT_QPA_PLATFORM: 'offscreen' } });
  process.on('exit', () => child.kill('SIGKILL'));
  const failedToStart = new Promise((_, reject) => child.on('error', (error) => reject(new Error(`${desktopBinary}: ${error.message}`))));
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr = (stderr + chunk).slice(-4000); });
  const lines = [];
  const waiting = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (waiting.length) waiting.shift()(line);
    else lines.push(line);
  });
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  const nextLine = (what) => new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the desktop app did not answer ${what} within 30 s:\n${stderr}`)), 30000);
    const take = (line) => { clearTimeout(timer); resolve(line); };
    if (lines.length) take(lines.shift());
    else waiting.push(take);
    exited.then((code) => reject(new Error(`the desktop app exited (${code}) before answering ${what}:\n${stderr}`)));
    failedToStart.catch(reject);
  });
  const reply = async (what) => {
    const answer = JSON.parse(await nextLine(what));
    if (answer.error) throw new Check(`desktop "${what}": ${answer.error}`);
    return answer;
  };
  return {
    ready: () => reply('the sign-in'),
    async run(command) {
      child.stdin.write(`${command}\n`);
      const answer = await reply(command);
      console.log(`      desktop ${command} → ${js(answer)}`);
      return answer;
    },
    async quit() {
      child.stdin.end('quit\n');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
      await exited;
      clearTimeout(timer);
    },
  };
}

const server = await startServer(javumbo);
const { origin } = server;
const browser = await Browser.launch();
// Two tabs of the same browser, signed in once: `study` stays on the study page
// all along (its undo lives in the page), `look` loads pages afresh.
const study = await browser.newPage();
const look = await browser.newPage();
let token = null;
let userId = 0;
let deckId = 0;
let desktop = null;
let visits = 0;
let answered = 0; // answers recorded, minus those undone: the revlog rows there must be

const api = (method, path, options = {}) => http(origin, method, `/api/v1${path}`, { token, ...options });
const revlog = () => Number(sqlite(`${server.dataDir}/user_dbs/user_${userId}.db`, 'SELECT count(*) FROM revlog'));
const phase = `document.querySelector('.study')?.dataset.phase`;
const settled = `document.querySelector('.study')?.dataset.busy === 'false'`;
const visit = (page, hash) => page.goto(`${origin}/?v=${++visits}${hash}`);

// What the study page's counts line shows: new, learning, due.
async function pageCounts(page) {
  const numbers = await page.evaluate(`[...document.querySelectorAll('.queue-counts .count')].map((c) => c.lastChild.textContent)`);
  expect(numbers.length === 3, `the study page shows counts ${js(numbers)}`);
  const [fresh, learning, review] = numbers.map(Number);
  return { new: fresh, learning, review };
}

async function apiCounts() {
  const deck = await api('GET', `/decks/${deckId}`);
  expect(deck.status === 200, `GET /decks/${deckId}: ${deck.status} ${deck.text}`);
  return { new: deck.body.new_count, learning: deck.body.learning_count, review: deck.body.due_count };
}

const countsOf = ({ new: fresh, learning, review }) => ({ new: fresh, learning, review });
function agree(expected, shown) {
  for (const [who, counts] of Object.entries(shown)) {
    expect(js(countsOf(counts)) === js(expected), `${who} shows ${js(countsOf(counts))}, expected ${js(expected)} (all: ${js(shown)})`);
  }
  console.log(`      counts ${js(expected)} agree: ${Object.keys(shown).join(', ')}`);
}

async function browserAnswer(times, ease) {
  for (let i = 0; i < times; ++i) {
    await study.waitFor(`${phase} === 'front' && ${settled}`, 'a card on the study page');
    const card = await study.evaluate(`document.querySelector('#card').dataset.cardId`);
    await study.key(' ');
    await study.waitFor(`${phase} === 'back'`, 'the answer side');
    await study.key(String(ease));
    await study.waitFor(`${settled} && ${phase} !== 'back' && document.querySelector('#card').dataset.cardId !== ${js(card)}`, 'the next card');
    expect(revlog() === ++answered, `revlog rows ${revlog()} after ${answered} answers`);
  }
}

const steps = [];
const step = (name, run) => steps.push({ name, run });

step(`a student with a deck of ${CARDS} new cards (API); the browser and the desktop app sign in`, async () => {
  const registered = await http(origin, 'POST', '/api/v1/register', { body: student });
  expect(registered.status === 201, `register: ${registered.status} ${registered.text}`);
  const login = await http(origin, 'POST', '/api/v1/login', { body: { username: student.username, password: student.password } });
  expect(login.status === 200, `login: ${login.status}`);
  ({ token, user_id: userId } = login.body);
  const deck = await api('POST', '/decks', { body: { name: DECK } });
  expect(deck.status === 201, `create deck: ${deck.status} ${deck.text}`);
  deckId = deck.body.id;
  for (let i = 1; i <= CARDS; ++i) {
    const added = await api('POST', '/cards', { body: { front: `front ${i}`, back: `back ${i}`, deck_id: deckId } });
    expect(added.status === 201, `add card ${i}: ${added.status} ${added.text}`);
  }
  await visit(look, '#/decks');
  await look.waitFor(`document.querySelector('#signin')`, 'the sign-in form');
  await look.type('#signin [name=username]', student.username);
  await look.type('#signin [name=password]', student.password);
  await look.key('Enter');
  await look.waitFor(`document.querySelector('li[data-deck="${DECK}"]')`, 'the deck list after signing in');
  desktop = startDesktop(origin);
  const ready = await desktop.ready();
  expect(ready.remote === true && ready.user_id === userId, `the desktop opened ${js(ready)}, not user ${userId} on the server`);
  agree({ new: CARDS, learning: 0, review: 0 }, { desktop: await desktop.run(`counts ${DECK}`), api: await apiCounts() });
});

step('the browser answers 2 cards Good; the desktop shows the counts the page shows', async () => {
  await visit(study, `#/study/${deckId}`);
  await browserAnswer(2, 3);
  const page = await pageCounts(study);
  const expected = { new: CARDS - 2, learning: 2, review: 0 }; // Good: the 10-minute step, within learn-ahead
  agree(expected, { page, api: await apiCounts(), 'desktop deck list': await desktop.run(`counts ${DECK}`) });
  const studying = await desktop.run(`study ${DECK}`);
  agree(expected, { 'desktop study view': studying });
  const shown = Number(await study.evaluate(`document.querySelector('#card').dataset.cardId`));
  expect(studying.card_id === shown, `the desktop shows card ${studying.card_id}, the page card ${shown}`);
});

step('the desktop answers 2 and undoes 1; the reloaded page and the API show the desktop\'s counts', async () => {
  const after = await desktop.run('answer 2 3');
  answered += 2;
  expect(revlog() === answered, `revlog rows ${revlog()} after ${answered} answers`);
  agree({ new: CARDS - 4, learning: 4, review: 0 }, { 'desktop study view': after });
  const undone = await desktop.run('undo');
  answered -= 1;
  expect(revlog() === answered, `revlog rows ${revlog()} after the desktop's undo (expected ${answered})`);
  expect(undone.undo_depth === 1, `the desktop can still undo ${undone.undo_depth} answers, expected 1`);
  const expected = { new: CARDS - 3, learning: 3, review: 0 };
  await visit(look, `#/study/${deckId}`);
  await look.waitFor(`${phase} === 'front' && ${settled}`, 'the reloaded study page');
  expect(Number(await look.evaluate(`document.querySelector('#card').dataset.cardId`)) === undone.card_id,
    `the reloaded page shows another card than the desktop (${undone.card_id}) after its undo`);
  agree(expected, { 'desktop study view': undone, 'reloaded page': await pageCounts(look), api: await apiCounts(),
    'desktop deck list': await desktop.run(`counts ${DECK}`) });
});

step('the browser, still showing a card the desktop answered, is refused: nothing is recorded twice', async () => {
  const stale = Number(await study.evaluate(`document.querySelector('#card').dataset.cardId`));
  const cards = (await api('GET', `/cards?deck_id=${deckId}&limit=50`)).body.cards;
  expect(cards.find((c) => c.card_id === stale)?.reps === 1, `the page's card ${stale} is not the one the desktop answered`);
  await study.key(' ');
  await study.waitFor(`${phase} === 'back'`, 'the answer side');
  await study.key('3');
  await study.waitFor(`${settled} && ${phase} === 'front' && document.querySelector('.study .status').textContent !== ''`, 'the refusal');
  const said = await study.evaluate(`document.querySelector('.study .status').textContent`);
  expect(said.startsWith('That card had already been answered') && revlog() === answered, `the page said "${said}", revlog ${revlog()} (expected ${answered})`);
  agree({ new: CARDS - 3, learning: 3, review: 0 }, { page: await pageCounts(study), api: await apiCounts() });
});

step('the browser\'s open study page offers undo and takes back its own last answer; the desktop follows', async () => {
  const offered = await study.evaluate(`(() => { const b = document.querySelector('#undo'); return !!b && !b.hidden && !b.disabled; })()`);
  expect(offered, 'the study page does not offer Undo');
  await study.key('z');
  await study.waitFor(`${settled} && document.querySelector('.study .status').textContent === 'The last answer was undone.'`, 'the undo');
  answered -= 1;
  expect(revlog() === answered, `revlog ${revlog()} after the page's undo (expected ${answered})`);
  const expected = { new: CARDS - 2, learning: 2, review: 0 };
  const studying = await desktop.run(`study ${DECK}`);
  agree(expected, { page: await pageCounts(study), api: await apiCounts(), 'desktop deck list': await desktop.run(`counts ${DECK}`),
    'desktop study view': studying });
  const shown = Number(await study.evaluate(`document.querySelector('#card').dataset.cardId`));
  expect(studying.card_id === shown, `the desktop shows card ${studying.card_id}, the page card ${shown} (the one undone)`);
});

step('statistics agree: the page, GET /stats, the desktop\'s Statistics and the revlog rows', async () => {
  const stats = (await api('GET', '/stats')).body;
  await visit(look, '#/stats');
  await look.waitFor(`document.querySelector('#figures')`, 'the statistics page');
  const figure = async (key) => Number(await look.evaluate(`document.querySelector('[data-key=${key}] dd').textContent`));
  const onDesktop = await desktop.run('stats');
  const rows = revlog();
  const expected = { reviews_today: 2, cards: CARDS, new_cards: CARDS - 2, learning_cards: 2, review_cards: 0 };
  expect(answered === 2 && rows === 2, `revlog rows ${rows}, answers minus undos ${answered}, expected 2 (4 answers, 2 undone)`);
  for (const [key, want] of Object.entries(expected)) {
    const seen = { page: await figure(key), api: stats[key], desktop: onDesktop[key] };
    expect(Object.values(seen).every((v) => v === want), `${key}: ${js(seen)}, expected ${want}`);
  }
  expect(onDesktop.summary.startsWith('Today: 2 reviews in '), `the desktop's Statistics say "${onDesktop.summary}"`);
  console.log(`      statistics ${js(expected)} agree: page, api, desktop; revlog rows ${rows}`);
});

const started = Date.now();
let failed = 0;
for (const { name, run } of steps) {
  const t0 = Date.now();
  let detail = '';
  try {
    await Promise.race([run(), new Promise((_, reject) => setTimeout(() => reject(new Error('step took over 60 s')), 60000))]);
    const errors = [...study.errors, ...look.errors];
    if (errors.length) throw new Check(`the page threw: ${errors.join('; ')}`);
  } catch (error) {
    detail = error instanceof Check ? error.message : error.stack;
  }
  console.log(`${(detail ? 'FAIL' : 'ok').padEnd(6)} ${((Date.now() - t0) / 1000).toFixed(2).padStart(6)} s  ${name}${detail ? `\n         ${detail}` : ''}`);
  if (detail) {
    ++failed;
    break; // each step builds on the one before
  }
}
console.log(`\nweb_alternate: ${failed ? 'FAILED' : 'browser and desktop agree'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
if (failed) console.log(`server log (tail):\n${server.log().slice(-3000)}`);
await desktop?.quit();
await browser.close();
await server.stop();
process.exit(failed ? 1 : 0);
