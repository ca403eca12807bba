// A session that ended (idle logout, or logged out elsewhere) is said on the page, and the same person logs in
// again in place: nothing is reloaded, so the page comes back exactly as it was.
import { lastCall, login, renewToken } from './api.js';

const panel = document.getElementById('session-ended');
const form = document.getElementById('relogin-form');
const problem = document.getElementById('relogin-problem');
const me = Number(document.querySelector('.who').dataset.userId);
const idleMs = Number(panel.dataset.idleSeconds) * 1000;

export function watchSession({ onSignedOut, onSignedIn }) {
  let out = false;

  function signedOut() {
    if (out) return;
    out = true;
    document.body.classList.add('signed-out');
    panel.hidden = false;
    problem.hidden = true;
    form.elements.password.value = '';
    form.elements.password.focus();
    onSignedOut();
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const user = await login(form.elements.username.value.trim(), form.elements.password.value);
      if (user.id !== me) { window.location.reload(); return; } // someone else: their own page, not ours
      out = false;
      document.body.classList.remove('signed-out');
      panel.hidden = true;
      onSignedIn();
    } catch (error) {
      problem.textContent = error.status === 401 ? 'Unknown username or wrong password.'
        : error.status === 429 ? error.message : `Could not log in: ${error.message}`;
      problem.hidden = false;
    }
  });

  window.addEventListener('facility:signed-out', signedOut);
  // A page that only listens (the console) makes no requests, so it asks once the idle time has surely passed.
  setInterval(() => {
    if (!out && Date.now() - lastCall() > idleMs + 5000) renewToken().then((alive) => alive || signedOut()).catch(() => {});
  }, 30000);
  return { signedOut };
}
