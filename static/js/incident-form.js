// The incident form on the tablet. Every keystroke is kept in localStorage under a uid made when the form opens,
// so a timed-out session, a reload or a dropped network loses nothing. "Save draft" stores it on the server as a
// draft; "Submit" sends it, and a submit that cannot be sent (offline, logged out) waits in an outbox of its own
// until the network is back or the worker logs in again. The local copy goes only after the server's 2xx.
import { api, ApiError } from './api.js';
import { hhmm } from './clock.js';
import { confirmChange } from './confirm.js';
import { scriptReady } from './incident-actions.js';
import { fromLocalInput, toLocalInput } from './incident-time.js';
import { Outbox, newUid } from './outbox.js';
import { watchSession } from './relogin.js';

const TYPE = 'incident';
const REFUSED = [403, 404, 409, 422];
const form = document.getElementById('incident-form');
const unitId = Number(form.dataset.unitId);
const userId = document.querySelector('.who').dataset.userId;
const PREFIX = `facility.incident-form.${userId}.`;
const outbox = new Outbox(`facility.outbox.${userId}.incidents`);
const skew = Date.parse(form.dataset.now) - Date.now(); // the server's clock, so "when" is never in its future
const now = () => Date.now() + skew;
let copy = null; // { uid, unit_id, started_at, changed_at, pending: null|'draft'|'submitted', form }
let signedOut = false;

const $ = (id) => document.getElementById(id);

function say(words, kind = 'waiting') {
  $('form-message').textContent = words;
  $('form-message').className = `message ${kind}`;
  $('form-message').hidden = !words;
}

// The repeated lines of the form (who was notified, who was hurt): their list, template and field names.
const ROWS = {
  notifications: { list: $('notifications'), template: $('notification-row'), names: ['notify_whom', 'notify_name', 'notify_method', 'notify_at'] },
  injuries: { list: $('injuries'), template: $('injury-row'), names: ['injury_who', 'injury_description', 'injury_treatment'] },
};
const inRow = (name) => /^(notify|injury)_/.test(name);

function readForm() {
  const values = {};
  for (const el of form.elements) {
    if (!el.name || inRow(el.name)) continue;
    if (el.type === 'checkbox') (values[el.name] ??= []).push(...(el.checked ? [el.value] : []));
    else if (el.type === 'radio') values[el.name] = el.checked ? el.value : (values[el.name] ?? '');
    else values[el.name] = el.value;
  }
  for (const [key, { list, names }] of Object.entries(ROWS)) {
    values[key] = [...list.children].map((li) => Object.fromEntries(names.map((n) => [n, li.querySelector(`[name=${n}]`).value])));
  }
  return values;
}

function addRow(key, values = {}) {
  const { list, template, names } = ROWS[key];
  const li = template.content.firstElementChild.cloneNode(true);
  for (const n of names) if (values[n] !== undefined) li.querySelector(`[name=${n}]`).value = values[n];
  const at = li.querySelector('[name=notify_at]');
  if (at && !at.value) at.value = toLocalInput(now());
  li.querySelector('.remove').addEventListener('click', () => { li.remove(); keep(); });
  list.append(li);
  return li;
}

function writeForm(values) {
  for (const el of form.elements) {
    if (!el.name || !(el.name in values)) continue;
    const value = values[el.name];
    if (el.type === 'checkbox') el.checked = value.includes(el.value);
    else if (el.type === 'radio') el.checked = value === el.value;
    else el.value = value;
  }
  for (const key of Object.keys(ROWS)) {
    ROWS[key].list.replaceChildren();
    for (const row of values[key] || []) addRow(key, row);
  }
}

function store() {
  localStorage.setItem(PREFIX + copy.uid, JSON.stringify(copy));
}

// The typed report, kept on the tablet at every change (`typed`: a person changed it, not the page).
function keep(typed = true) {
  copy.typed ||= typed;
  copy.form = readForm();
  copy.changed_at = new Date(now()).toISOString();
  store();
  render();
}

function fresh() {
  form.reset();
  for (const { list } of Object.values(ROWS)) list.replaceChildren();
  $('occurred-at').value = toLocalInput(now());
  copy = { uid: newUid(), unit_id: unitId, started_at: new Date(now()).toISOString(), pending: null, typed: false };
  keep(false);
}

function localCopies() {
  return Object.keys(localStorage).filter((key) => key.startsWith(PREFIX))
    .map((key) => { try { return JSON.parse(localStorage.getItem(key)); } catch { return null; } })
    .filter((c) => c && c.unit_id === unitId).sort((a, b) => Date.parse(b.changed_at) - Date.parse(a.changed_at));
}

// The report's fields from the form: empty ones left out (the server names what a submit still needs),
// the interventions in the ladder's order, which is the form's order.
function fields() {
  const v = readForm();
  const text = (s) => (s || '').trim();
  const f = { staff_ids: v.staff_ids.map(Number), interventions: v.interventions };
  if (v.resident_ids.length) f.resident_ids = v.resident_ids.map(Number);
  if (askWhoWasHeld(v)) f.held_resident_ids = (v.held_resident_ids || []).filter((id) => v.resident_ids.includes(id)).map(Number);
  const when = fromLocalInput(v.occurred_at);
  if (when) f.occurred_at = when;
  const location = v.location === 'other' ? text(v.location_other) : v.location;
  if (location) f.location = location;
  for (const name of ['category', 'severity']) if (v[name]) f[name] = v[name];
  for (const name of ['antecedent', 'behavior', 'consequence', 'narrative']) if (text(v[name])) f[name] = text(v[name]);
  f.notifications = v.notifications.map((n) => {
    const told = { whom: n.notify_whom, method: n.notify_method };
    const at = fromLocalInput(n.notify_at);
    if (at) told.at = at;
    if (text(n.notify_name)) told.name = text(n.notify_name);
    return told;
  });
  f.injuries = v.injuries.map((i) => {
    const [person, id] = i.injury_who.split(':');
    const injury = { person, description: text(i.injury_description) };
    if (person === 'resident') injury.resident_id = Number(id);
    if (person === 'staff') injury.staff_id = Number(id);
    if (text(i.injury_treatment)) injury.treatment = text(i.injury_treatment);
    return injury;
  });
  return f;
}

function words(why) {
  if (typeof why === 'string') return why;
  if (Array.isArray(why)) return why.map(words).join(' ');
  if (why && typeof why === 'object') {
    return Object.entries(why).map(([k, v]) => (/^\d+$/.test(k) ? `line ${Number(k) + 1}: ${words(v)}` : `${k.replaceAll('_', ' ')}: ${words(v)}`)).join('; ');
  }
  return String(why);
}

function clearErrors() {
  form.querySelectorAll('.field-error').forEach((p) => { p.hidden = true; p.textContent = ''; });
  form.querySelectorAll('.invalid').forEach((f) => f.classList.remove('invalid'));
  form.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
}

// A 422's field errors, each next to its field; a field the form does not show is said in the message.
function showErrors(errors) {
  const elsewhere = [];
  let first = null;
  for (const [field, why] of Object.entries(errors || {})) {
    const box = $(`error-${field}`);
    if (!box) { elsewhere.push(`${field.replaceAll('_', ' ')}: ${words(why)}`); continue; }
    box.textContent = words(why);
    box.hidden = false;
    const wrapper = box.closest('.field');
    wrapper.classList.add('invalid');
    wrapper.querySelectorAll('input, textarea').forEach((el) => el.setAttribute('aria-invalid', 'true'));
    first ??= wrapper;
  }
  say(`Not stored — please correct the marked fields.${elsewhere.length ? ` ${elsewhere.join('; ')}` : ''}`, 'failed');
  first = form.querySelector('.field.invalid') || first; // the first on the page, whatever order the server said them in
  if (first) {
    first.scrollIntoView({ block: 'center' });
    first.querySelector('input, textarea')?.focus({ preventScroll: true });
  }
}

// The server has the report: a submitted one leaves the tablet, a draft stays open for more writing.
function stored(uid, id, status) {
  if (status === 'draft') {
    if (copy.uid === uid) { copy.pending = null; store(); }
    say(`Draft saved on the server at ${hhmm(now())}. You can keep writing.`, 'stored');
    return;
  }
  localStorage.removeItem(PREFIX + uid);
  $('done-text').textContent = `Report submitted ✓ ${hhmm(now())} — the nurse has been alerted.`;
  $('done-link').href = `/incidents/${id}`;
  $('done').hidden = false;
  $('resumed').hidden = true;
  say('');
  if (copy.uid === uid) fresh();
  window.scrollTo(0, 0);
}

// The whole report under the form's uid: a draft saved again replaces the server's draft, a submit submits it,
// and the same body sent again (a retry after a lost answer) is a replay.
const report = (status) => ({ uid: copy.uid, unit_id: unitId, status, ...fields() });

async function send(status) {
  clearErrors();
  $('done').hidden = true;
  copy.pending = status;
  keep();
  outbox.remove(copy.uid); // an older queued version of this report gives way to this one
  say(status === 'draft' ? 'Saving the draft…' : 'Sending…');
  try {
    const answer = await api('POST', '/api/v1/incidents', report(status));
    stored(copy.uid, answer.id, status);
  } catch (error) {
    if (error instanceof ApiError && REFUSED.includes(error.status)) {
      copy.pending = null;
      store();
      if (error.status === 422) showErrors(error.body && error.body.errors);
      else say(`Not stored: ${(error.body && error.body.message) || error.message}`, 'failed');
      return;
    }
    outbox.add(TYPE, report(status), 'incident report');
    say(signedOut || (error instanceof ApiError && error.status === 401)
      ? 'Not sent yet: your session has ended. The report is kept on this tablet — log in again above and it is sent at once.'
      : 'Not sent yet: no connection. The report is kept on this tablet and sent when the network is back.');
  }
  render();
}

// A hold, restraint or seclusion in a report about several residents: whom it happened to (each gets an episode).
const RESTRICTIVE = new Set(JSON.parse($('held').dataset.restrictive || '[]'));
function askWhoWasHeld(v) {
  return (v.resident_ids || []).length > 1 && (v.interventions || []).some((code) => RESTRICTIVE.has(code));
}

function showHeld() {
  const v = readForm();
  $('held').hidden = !askWhoWasHeld(v);
  for (const chip of $('held').querySelectorAll('[data-resident-id]')) chip.hidden = !v.resident_ids.includes(chip.dataset.residentId);
}

function render() {
  showHeld();
  const waiting = outbox.items().length;
  // Only a report being written is kept here; once submitted, the fresh form holds nothing to keep yet.
  const kept = copy && copy.typed ? 'kept on this tablet ✓' : '';
  $('kept').textContent = waiting ? `${waiting === 1 ? 'report' : `${waiting} reports`} waiting to send` : kept;
  $('kept').classList.toggle('pending', waiting > 0);
  $('net-status').textContent = navigator.onLine ? '' : 'Offline — the report is kept here';
}

function resume() {
  const copies = localCopies();
  copies.filter((c) => !c.typed).forEach((c) => localStorage.removeItem(PREFIX + c.uid)); // forms opened, never typed in
  const latest = copies.find((c) => c.typed);
  if (!latest) { fresh(); return; }
  copy = latest;
  writeForm(copy.form || {});
  $('resumed-text').textContent = `Continuing the report you started at ${hhmm(copy.started_at)}${copy.pending === 'submitted' ? ' (submitted, waiting to be sent)' : ''}.`;
  $('resumed').hidden = false;
  // A submit whose answer never came back is sent again: the uid makes a second sending harmless.
  if (copy.pending === 'submitted' && !outbox.items().some((item) => item.body.uid === copy.uid)) send('submitted');
}

form.addEventListener('input', (event) => {
  if (event.target.name === 'location_other' && event.target.value) form.querySelector('[name=location][value=other]').checked = true;
  keep();
});
form.addEventListener('change', () => keep());
form.addEventListener('submit', (event) => { event.preventDefault(); send('submitted'); });
$('save-draft').addEventListener('click', () => send('draft'));
$('add-notification').addEventListener('click', () => { addRow('notifications').querySelector('select').focus(); keep(); });
$('add-injury').addEventListener('click', () => { addRow('injuries').querySelector('select').focus(); keep(); });
$('start-over').addEventListener('click', async () => {
  if (!(await confirmChange('Discard the unfinished report and start a new one?'))) return;
  outbox.remove(copy.uid);
  localStorage.removeItem(PREFIX + copy.uid);
  $('resumed').hidden = true;
  clearErrors();
  say('');
  fresh();
});

outbox.addEventListener('change', render);
outbox.addEventListener('stored', ({ detail }) => {
  for (const item of detail) if (item.type === TYPE) stored(item.body.uid, item.id, item.body.status);
});
outbox.addEventListener('refused', ({ detail }) => {
  for (const item of detail) {
    if (item.type !== TYPE) continue;
    outbox.remove(item.body.uid);
    // Asked again directly, the server names the fields (the outbox keeps only its reason in words).
    if (copy.uid === item.body.uid) send(item.body.status); else say(`A waiting report was not accepted: ${item.reason}`, 'failed');
  }
});
watchSession({
  onSignedOut() { signedOut = true; render(); },
  onSignedIn() { signedOut = false; outbox.flush(); },
});
window.addEventListener('online', () => outbox.flush());
window.addEventListener('offline', render);
setInterval(() => outbox.flush(), 30000);

resume();
render();
scriptReady();
outbox.flush();
form.dataset.ready = 'yes'; // the fresh form or the resumed report is in place: taps from now on count
