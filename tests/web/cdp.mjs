// A headless Chromium driven over the DevTools protocol through
// --remote-debugging-pipe: fd 3 carries our commands, fd 4 its replies and
// events, each a JSON message ended by a NUL byte. No npm packages and no
// WebSocket client needed (Debian 12's Node 18 has none).
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function findChromium() {
  for (const name of ['chromium-headless-shell', 'chromium']) {
    for (const dir of (process.env.PATH || '/usr/bin').split(':')) {
      const file = join(dir, name);
      try {
        accessSync(file, constants.X_OK);
        return file;
      } catch { /* not here */ }
    }
  }
  return null;
}

export class Browser {
  static async launch(binary = process.env.CHROMIUM ?? findChromium()) {
    if (!binary) throw new Error('no Chromium: install chromium-headless-shell (packaging/debian-packages.txt, role test)');
    const profile = mkdtempSync(join(tmpdir(), 'javumbo-chromium-'));
    const child = spawn(binary, ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-default-apps', '--disable-extensions', '--mute-audio', '--hide-scrollbars',
      `--user-data-dir=${profile}`, '--remote-debugging-pipe', 'about:blank'],
    { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
    const browser = new Browser(child, profile);
    process.on('exit', browser.cleanUp);
    await browser.send('Target.setDiscoverTargets', { discover: false });
    return browser;
  }

  constructor(child, profile) {
    this.child = child;
    this.profile = profile;
    this.cleanUp = () => { // no browser and no profile outlive the script, however it ends
      child.kill('SIGKILL');
      rmSync(profile, { recursive: true, force: true });
    };
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = new Set();
    this.stderr = '';
    let buffer = Buffer.alloc(0);
    child.stderr.on('data', (chunk) => { this.stderr = (this.stderr + chunk).slice(-4000); });
    child.stdio[4].on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (let end = buffer.indexOf(0); end >= 0; end = buffer.indexOf(0)) {
        const message = JSON.parse(buffer.subarray(0, end).toString('utf8'));
        buffer = buffer.subarray(end + 1);
        this.dispatch(message);
      }
    });
    this.exited = new Promise((resolve) => child.on('exit', resolve));
    this.exited.then(() => {
      for (const { reject } of this.pending.values()) reject(new Error(`Chromium exited: ${this.stderr}`));
    });
  }

  dispatch(message) {
    if (message.id !== undefined) {
      const call = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) call?.reject(new Error(`${call.method}: ${message.error.message}`));
      else call?.resolve(message.result);
      return;
    }
    for (const listener of this.listeners) listener(message);
  }

  send(method, params = {}, sessionId = undefined) {
    const id = this.nextId++;
    this.child.stdio[3].write(`${JSON.stringify({ id, method, params, sessionId })}\0`);
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject, method }));
  }

  async newPage({ width = 1280, height = 800 } = {}) {
    const { targetId } = await this.send('Target.createTarget', { url: 'about:blank', width, height });
    const { sessionId } = await this.send('Target.attachToTarget', { targetId, flatten: true });
    const page = new Page(this, sessionId);
    await Promise.all(['Page.enable', 'Runtime.enable', 'Network.enable', 'Log.enable'].map((m) => page.send(m)));
    await page.viewport(width, height);
    return page;
  }

  async close() {
    this.send('Browser.close').catch(() => {});
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await this.exited;
    clearTimeout(timer);
    process.off('exit', this.cleanUp);
    rmSync(this.profile, { recursive: true, force: true });
  }
}

export class Page {
  constructor(browser, sessionId) {
    this.browser = browser;
    this.sessionId = sessionId;
    this.requests = []; // every URL the page asked for, with method and headers
    this.dialogs = []; // what alert/confirm/prompt said; answers come from this.dialogAnswer
    this.dialogAnswer = { accept: true, promptText: '' };
    this.errors = []; // uncaught exceptions
    this.blocked = []; // what the Content-Security-Policy refused
    this.handlers = new Map();
    browser.listeners.add((message) => {
      if (message.sessionId !== sessionId) return;
      const { method, params } = message;
      if (method === 'Network.requestWillBeSent') this.requests.push({ url: params.request.url, method: params.request.method, headers: params.request.headers });
      if (method === 'Page.javascriptDialogOpening') {
        this.dialogs.push(params.message);
        this.send('Page.handleJavaScriptDialog', this.dialogAnswer).catch(() => {});
      }
      if (method === 'Runtime.exceptionThrown') this.errors.push(params.exceptionDetails.exception?.description ?? params.exceptionDetails.text);
      if (method === 'Log.entryAdded' && /Content Security Policy/i.test(params.entry.text)) this.blocked.push(params.entry.text);
      this.handlers.get(method)?.(params);
    });
  }

  send(method, params = {}) {
    return this.browser.send(method, params, this.sessionId);
  }

  on(method, handler) {
    this.handlers.set(method, handler);
  }

  viewport(width, height) {
    return this.send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: width < 600 });
  }

  async evaluate(expression) {
    const { result, exceptionDetails } = await this.send('Runtime.evaluate',
      { expression, awaitPromise: true, returnByValue: true, userGesture: true });
    if (exceptionDetails) throw new Error(`in page: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value;
  }

  // Polls a condition (a JavaScript expression) until it is truthy; fails with `what` after the deadline.
  async waitFor(expression, what = expression, timeoutMs = 10000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await this.evaluate(expression).catch(() => undefined);
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
  }

  // Bounded, so a page that never loads fails here by name instead of at CTest's timeout.
  async goto(url, timeoutMs = 20000) {
    const loaded = new Promise((resolve) => this.on('Page.loadEventFired', resolve));
    await this.send('Page.navigate', { url });
    let timer;
    const late = new Promise((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`${url} did not load within ${timeoutMs / 1000} s`)), timeoutMs);
    });
    try {
      await Promise.race([loaded, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  async click(selector) {
    const found = await this.evaluate(`(() => { const e = document.querySelector(${JSON.stringify(selector)}); if (!e) return false; e.click(); return true; })()`);
    if (!found) throw new Error(`nothing to click at ${selector}`);
  }

  async focus(selector) {
    const found = await this.evaluate(`(() => { const e = document.querySelector(${JSON.stringify(selector)}); e?.focus(); return !!e; })()`);
    if (!found) throw new Error(`nothing to focus at ${selector}`);
  }

  // Types like a keyboard would (input events), into the focused element.
  async type(selector, text) {
    await this.evaluate(`(() => { const e = document.querySelector(${JSON.stringify(selector)}); e.focus(); e.select?.(); })()`);
    await this.send('Input.insertText', { text });
  }

  async key(key, { ctrl = false, repeat = false, shift = false } = {}) {
    const named = { ' ': ['Space', 32], Enter: ['Enter', 13], Tab: ['Tab', 9], Escape: ['Escape', 27] }[key];
    const [code, keyCode] = named ?? [/\d/.test(key) ? `Digit${key}` : `Key${key.toUpperCase()}`, key.toUpperCase().charCodeAt(0)];
    const modifiers = (ctrl ? 2 : 0) | (shift ? 8 : 0);
    const text = ctrl || key.length !== 1 ? (key === 'Enter' && !ctrl ? '\r' : undefined) : key;
    const base = { key, code, windowsVirtualKeyCode: keyCode, nativeVirtualKeyCode: keyCode, modifiers };
    await this.send('Input.dispatchKeyEvent', { type: text ? 'keyDown' : 'rawKeyDown', text, autoRepeat: repeat, ...base });
    await this.send('Input.dispatchKeyEvent', { type: 'keyUp', ...base });
  }

  async screenshot(file) {
    const { data } = await this.send('Page.captureScreenshot', { format: 'png' });
    writeFileSync(file, Buffer.from(data, 'base64'));
  }
}
