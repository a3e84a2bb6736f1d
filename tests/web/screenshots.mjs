// Screenshots of every view of the browser study page, at 1280×800 and
// 360×740 (plus one in dark mode), from a throw-away server with sample data:
//   node tests/web/screenshots.mjs [--javumbo build/release/app/javumbo] [--out docs/screenshots]
// Writes OUT/web-<view>-<width>.png.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser } from './cdp.mjs';
import { http, startServer } from './harness.mjs';

const argument = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const javumbo = argument('--javumbo', 'build/release/app/javumbo');
const out = argument('--out', 'docs/screenshots');
mkdirSync(out, { recursive: true });

const server = await startServer(javumbo);
const browser = await Browser.launch();
const { origin } = server;
const account = { username: 'maria', password: 'sample password', email: 'maria@example.test', name: 'María' };
await http(origin, 'POST', '/api/v1/register', { body: account });
const token = (await http(origin, 'POST', '/api/v1/login', { body: account })).body.token;
const api = (method, path, body, headers) => http(origin, method, `/api/v1${path}`, { token, body, headers });

const deck = async (name) => (await api('POST', '/decks', { name })).body.id;
const spanish = await deck('Languages::Spanish');
const french = await deck('Languages::French');
const chemistry = await deck('Science::Chemistry');
const cards = [
  [spanish, 'el <b>gato</b>', 'the cat<br><span style="color: #c0392b">masculine</span>', ['nouns']],
  [spanish, 'el perro', 'the dog', ['nouns']],
  [spanish, 'hablar', 'to speak<br><i>hablo, hablas, habla</i>', ['verbs']],
  [spanish, 'la biblioteca', 'the library', ['nouns']],
  [french, 'la pomme', 'the apple', ['nouns']],
  [french, 'être', 'to be', ['verbs']],
  [chemistry, 'H<sub>2</sub>O', 'water', []],
  [chemistry, 'NaCl', 'sodium chloride (table salt)', []],
];
const ids = [];
for (const [deckId, front, back, tags] of cards) ids.push((await api('POST', '/cards', { front, back, deck_id: deckId, tags })).body.card_id);
for (const cardId of ids.slice(4, 7)) await api('POST', '/review/answer', { card_id: cardId, ease: 3 });

const page = await browser.newPage();
const shots = [];
let visits = 0;
const visit = (hash) => page.goto(`${origin}/?v=${++visits}${hash}`);
const wait = (expression) => page.waitFor(expression, expression, 10000);

async function signIn() {
  await visit('#/login');
  await wait(`document.querySelector('#signin')`);
  await page.type('#signin [name=username]', account.username);
  await page.type('#signin [name=password]', account.password);
  await page.key('Enter');
  await wait(`document.querySelector('#deck-tree li')`);
}

const views = [
  ['signin', async () => {
    await page.send('Network.clearBrowserCookies');
    await visit('#/login');
    await wait(`document.querySelector('#signin')`);
    await page.evaluate(`document.querySelector('#register-box').open = true`);
  }],
  ['decks', async () => {
    await signIn();
  }],
  ['study-front', async () => {
    await visit(`#/study/${spanish}`);
    await wait(`document.querySelector('.study')?.dataset.phase === 'front'`);
  }],
  ['study-answer', async () => {
    await page.key(' ');
    await wait(`document.querySelector('.study')?.dataset.phase === 'back'`);
  }],
  ['add', async () => {
    await visit('#/add');
    await wait(`document.querySelector('#add-form')`);
    await page.type('#add-front', 'la <b>ventana</b>');
    await page.type('#add-back', 'the window');
    await page.type('#add-tags', 'nouns');
  }],
  ['browse', async () => {
    await visit('#/browse?q=deck%3ALanguages');
    await wait(`document.querySelector('table.cards tbody tr button')`);
    await page.click('table.cards tbody tr button');
    await wait(`!document.querySelector('#editor').hidden`);
  }],
  ['conflict', async (width) => {
    const card = (await api('GET', `/cards/${ids[3]}`)).body;
    await visit('#/browse?q=biblioteca');
    await wait(`document.querySelector('table.cards tbody tr button')`);
    await page.click('table.cards tbody tr button');
    await wait(`!document.querySelector('#editor').hidden`);
    await page.type('#edit-back', 'the library (a public one)');
    // Another device's edit, different in each round so that it always conflicts.
    await api('PUT', `/cards/${card.card_id}`, { front: card.front, back: `the library; la librería is a bookshop (${width})`, tags: card.tags },
      { 'If-Match': card.etag });
    await page.click('#save');
    await wait(`!document.querySelector('#conflict').hidden`);
    await page.evaluate(`document.querySelector('#conflict').scrollIntoView({ block: 'center' })`);
  }],
  ['stats', async () => {
    await visit('#/stats');
    await wait(`document.querySelector('#figures')`);
  }],
];

for (const [width, height] of [[1280, 800], [360, 740]]) {
  await page.viewport(width, height);
  for (const [name, prepare] of views) {
    await prepare(width);
    await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
    const file = join(out, `web-${name}-${width}.png`);
    await page.screenshot(file);
    shots.push(file);
  }
}
await page.send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value: 'dark' }] });
await visit(`#/study/${french}`);
await wait(`document.querySelector('.study')?.dataset.phase === 'front'`);
await page.key(' ');
await wait(`document.querySelector('.study')?.dataset.phase === 'back'`);
const dark = join(out, 'web-study-dark-360.png');
await page.screenshot(dark);
shots.push(dark);

await browser.close();
await server.stop();
console.log(shots.join('\n'));
