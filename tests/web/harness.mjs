// A real `javumbo serve` for the browser tests: its own data directory, an
// OS-chosen loopback port (read from its "listening on" line), plus a small
// HTTP client for playing "another device" and the sqlite3 shell for looking
// at what the server wrote.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function startServer(binary, extraArguments = []) {
  const dataDir = mkdtempSync(join(tmpdir(), 'javumbo-web-'));
  const child = spawn(binary, ['serve', '--port', '0', '--data-dir', dataDir, ...extraArguments],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, QT_QPA_PLATFORM: 'offscreen' } });
  let out = '';
  let err = '';
  const exited = new Promise((resolve) => child.on('exit', resolve));
  // Whatever way this script ends, no server and no data directory outlive it.
  const cleanUp = () => {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.on('exit', cleanUp);
  const listening = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`javumbo serve did not listen within 20 s:\n${out}${err}`)), 20000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const listening = /listening on http:\/\/[^\s:]+:(\d+)/.exec(out);
      if (listening) {
        clearTimeout(timer);
        resolve(Number(listening[1]));
      }
    });
    child.stderr.on('data', (chunk) => { err = (err + chunk).slice(-50000); });
    exited.then((code) => reject(new Error(`javumbo serve exited with ${code}:\n${out}${err}`)));
  });
  const port = await listening.catch((error) => {
    cleanUp();
    throw error;
  });
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    dataDir,
    log: () => err,
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
      await exited;
      clearTimeout(timer);
      process.off('exit', cleanUp);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// One HTTP exchange; body is parsed when it is JSON.
export function http(origin, method, path, { body, headers = {}, token, cookie } = {}) {
  const url = new URL(path, origin);
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  const allHeaders = { ...headers };
  if (payload) allHeaders['Content-Type'] = 'application/json';
  if (token) allHeaders.Authorization = `Bearer ${token}`;
  if (cookie) allHeaders.Cookie = `javumbo_session=${cookie}`;
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method, headers: allHeaders }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed = text;
        if ((response.headers['content-type'] ?? '').startsWith('application/json')) parsed = JSON.parse(text);
        resolve({ status: response.statusCode, headers: response.headers, body: parsed, text });
      });
    });
    request.on('error', reject);
    request.end(payload);
  });
}

export function sqlite(file, sql) {
  return execFileSync('sqlite3', [file, sql], { encoding: 'utf8' }).trim();
}

export class Check extends Error {}

export function expect(condition, message) {
  if (!condition) throw new Check(message);
}
