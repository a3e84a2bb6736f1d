// The page's one door to the server (docs/api.md). It sends the HttpOnly session
// cookie and never sees a token; it waits out 429/503 as Retry-After says;
// where a retry cannot do a thing twice (reads, adds with an Idempotency-Key,
// answers with expected_reps, edits with If-Match) it retries a lost
// connection until it comes back; and it tells the page through `events`:
//   'unauthenticated'  the session is gone (sign in again)
//   'connection'       detail {state: 'ok' | 'offline' | 'busy', seconds}

export const events = new EventTarget();

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

const BASE = '/api/v1';
const MAX_ATTEMPTS = 8; // a lost connection: about a minute of retries, then the view says so
const MAX_WAIT_SECONDS = 30;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function tell(state, seconds = 0) {
  events.dispatchEvent(new CustomEvent('connection', { detail: { state, seconds } }));
}

// Waits the backoff, or less if the browser says the network is back.
function networkBack(attempt) {
  return new Promise((resolve) => {
    const done = () => { window.removeEventListener('online', done); clearTimeout(timer); resolve(); };
    const timer = setTimeout(done, Math.min(10000, 500 * 2 ** (attempt - 1)));
    window.addEventListener('online', done);
  });
}

// For Idempotency-Key: crypto.randomUUID() exists only in secure contexts,
// and a class server on plain http over the LAN is not one.
export function randomKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

async function answerOf(response, path) {
  if (response.status === 204) return null;
  const body = await response.json().catch(() => null);
  if (response.ok) return body;
  const error = body?.error ?? {};
  if (response.status === 401 && path !== '/login') events.dispatchEvent(new Event('unauthenticated'));
  throw new ApiError(response.status, error.code ?? 'http_' + response.status, error.message ?? response.statusText);
}

// request('GET', '/cards', {query: {q}}) → the parsed JSON (null for 204).
// options: body (JSON), headers, query (object for URLSearchParams),
// retry (default: GET only) = safe to repeat after a lost connection,
// waitBusy (default true) = wait out 429/503 and try again.
export async function request(method, path, options = {}) {
  const { body, headers = {}, query, retry = method === 'GET', waitBusy = true } = options;
  const search = query ? `?${new URLSearchParams(Object.entries(query).filter(([, v]) => v != null && v !== ''))}` : '';
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json', ...headers } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  for (let attempt = 1; ; ++attempt) {
    let response;
    try {
      response = await fetch(BASE + path + search, init);
    } catch {
      tell('offline');
      if (!retry || attempt >= MAX_ATTEMPTS) {
        throw new ApiError(0, 'network_error', 'The server cannot be reached. Nothing you typed is lost: try again when the connection is back.');
      }
      await networkBack(attempt);
      continue;
    }
    if (waitBusy && (response.status === 429 || response.status === 503) && attempt < MAX_ATTEMPTS) {
      const seconds = Math.min(MAX_WAIT_SECONDS, Math.max(1, Number(response.headers.get('Retry-After')) || 1));
      tell('busy', seconds);
      await sleep(seconds * 1000);
      continue;
    }
    tell('ok');
    return answerOf(response, path);
  }
}
