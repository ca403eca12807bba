// The forms of the incident and episode pages. Each posts JSON with a uid made the first time it is sent and
// kept until the server has answered for good, so a double tap or a retry is a replay, never a second record;
// a 422's messages appear next to their fields; a lost session is said, and the page's relogin panel takes over.
import { api, ApiError } from './api.js';
import { fromLocalInput, toLocalInput } from './incident-time.js';
import { newUid } from './outbox.js';

const FLASH = 'facility.incident-flash';

function words(why) {
  if (Array.isArray(why)) return why.map(words).join(' ');
  if (why && typeof why === 'object') return Object.entries(why).map(([k, v]) => `${k.replaceAll('_', ' ')}: ${words(v)}`).join('; ');
  return String(why);
}

function say(form, text, kind) {
  const box = form.querySelector('.message');
  box.textContent = text;
  box.className = `message ${kind}`;
  box.hidden = !text;
}

// The form's fields as JSON: datetime-local read in the facility's zone, checkboxes as lists, empty text left out.
export function formBody(form) {
  const body = {};
  for (const el of form.elements) {
    if (!el.name) continue;
    if (el.type === 'checkbox') { (body[el.name] ??= []).push(...(el.checked ? [el.value] : [])); continue; }
    if (el.type === 'radio' && !el.checked) continue;
    const value = el.type === 'datetime-local' ? fromLocalInput(el.value) : el.value.trim();
    if (value) body[el.name] = value;
  }
  return body;
}

// Datetime-local fields marked data-default-now show the server's now in the facility's zone and follow it
// until someone changes them: a form left open for ten minutes does not record a ten-minute-old time.
export function defaultTimes(root, now) {
  const fields = [...root.querySelectorAll('[data-default-now]')];
  fields.forEach((el) => el.addEventListener('input', () => { el.dataset.touched = '1'; }, { once: true }));
  const follow = () => fields.forEach((el) => { if (!el.dataset.touched) el.value = toLocalInput(now()); });
  follow();
  setInterval(follow, 5000);
}

// Buttons that only work through a script start disabled: a tap before it has loaded must not send the form
// the browser's way (a GET carrying what was typed in its address).
export function scriptReady(root = document) {
  root.querySelectorAll('[data-needs-script]').forEach((button) => { button.disabled = false; });
}

// A message to show once the page has reloaded after a stored action.
export function flashAfterReload(text) {
  sessionStorage.setItem(FLASH, text);
  window.location.reload();
}

export function showFlash(box) {
  const text = sessionStorage.getItem(FLASH);
  sessionStorage.removeItem(FLASH);
  if (text) { box.textContent = text; box.hidden = false; }
}

export function actionForm(form, prefix, path, done, extra = () => ({})) {
  let uid = null;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    form.querySelectorAll('.field-error').forEach((p) => { p.hidden = true; });
    form.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
    uid ??= newUid();
    say(form, 'Saving…', 'waiting');
    try {
      const answer = await api('POST', path, { uid, ...formBody(form), ...extra() });
      uid = null;
      say(form, '', '');
      done(answer);
    } catch (error) {
      if (!(error instanceof ApiError)) { say(form, 'Not stored: no connection. Tap again when the network is back.', 'failed'); return; }
      if (error.status === 401) { say(form, 'Not stored: your session has ended. Log in again above, then tap again.', 'failed'); return; }
      uid = error.status === 422 ? uid : null;
      const errors = (error.body && error.body.errors) || {};
      const elsewhere = [];
      for (const [field, why] of Object.entries(errors)) {
        const box = document.getElementById(`${prefix}-error-${field}`);
        if (!box) { elsewhere.push(`${field.replaceAll('_', ' ')}: ${words(why)}`); continue; }
        box.textContent = words(why);
        box.hidden = false;
        form.querySelectorAll(`[name=${field}]`).forEach((el) => el.setAttribute('aria-invalid', 'true'));
      }
      say(form, `Not stored: ${elsewhere.join('; ') || (error.body && error.body.message) || error.message}`, 'failed');
    }
  });
}
