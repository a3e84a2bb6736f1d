// Sign in, and register while the server lets students do so.
import { request } from './api.js';
import { h, status } from './dom.js';

const CLOSED = 'javumbo.registrationClosed';

function field(label, name, type = 'text', extra = {}) {
  return h('label', {}, label, h('input', { name, type, required: true, ...extra }));
}

function closedNote() {
  return h('p', { class: 'note', id: 'register-closed' },
    'Registration is closed on this server: ask your teacher for an account.');
}

export function show(root, { signedIn }) {
  const message = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const signIn = h('form', { class: 'panel', id: 'signin' },
    h('h1', { text: 'Sign in' }),
    field('Username', 'username', 'text', { autocomplete: 'username', autofocus: true, autocapitalize: 'none' }),
    field('Password', 'password', 'password', { autocomplete: 'current-password' }),
    h('button', { class: 'primary', type: 'submit', text: 'Sign in' }),
    message);
  signIn.addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = new FormData(signIn);
    status(message, 'Signing in…');
    try {
      // The reply carries a token too; the page ignores it and lives on the HttpOnly cookie.
      await request('POST', '/login', {
        body: { username: form.get('username'), password: form.get('password') }, waitBusy: false,
      });
      await signedIn();
    } catch (error) {
      const text = { bad_credentials: 'Wrong username or password.', too_many_attempts: error.message }[error.code];
      status(message, text ?? error.message, 'error');
    }
  });

  const registerMessage = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const register = h('form', { id: 'register' },
    field('Username', 'username', 'text', { autocomplete: 'username', pattern: '[A-Za-z0-9_.\\-]{3,32}',
      title: '3 to 32 letters, digits, dots, dashes or underscores', autocapitalize: 'none' }),
    field('Your name', 'name', 'text', { autocomplete: 'name', required: false }),
    field('Email', 'email', 'email', { autocomplete: 'email' }),
    field('Password (at least 8 characters)', 'password', 'password', { autocomplete: 'new-password', minlength: 8 }),
    h('button', { type: 'submit', text: 'Create account' }),
    registerMessage);
  const registerBox = h('details', { class: 'panel', id: 'register-box' },
    h('summary', { text: 'New here? Create an account' }),
    sessionStorage.getItem(CLOSED) ? closedNote() : register);
  register.addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = Object.fromEntries(new FormData(register));
    status(registerMessage, 'Creating your account…');
    try {
      await request('POST', '/register', { body: form, waitBusy: false });
      await request('POST', '/login', { body: { username: form.username, password: form.password }, waitBusy: false });
      await signedIn();
    } catch (error) {
      if (error.code === 'registration_closed') {
        sessionStorage.setItem(CLOSED, '1');
        register.replaceWith(closedNote());
      } else {
        status(registerMessage, error.message, 'error');
      }
    }
  });
  root.append(h('div', { class: 'narrow' }, signIn, registerBox));
}
