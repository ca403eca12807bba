// The tablet board: one tile per resident, most urgent first; a check in two taps, kept offline until sent.
import { api, ApiError } from './api.js';
import { danger, dueText, forWorker, lastText, mineFirst, unseenText, view } from './board-view.js';
import { hhmm } from './clock.js';
import { Outbox, newUid } from './outbox.js';
import { PresenceCodes } from './presence-codes.js';
import { Reminders } from './reminders.js';
import { ScanDialog } from './scan-dialog.js';
import { DECODER_URL } from './scanner.js';
import { SheetPresence } from './sheet-presence.js';

const CHECK = 'rounds.check';
const UNDO_MS = 10000;

const root = document.getElementById('rounds');
const unitId = Number(root.dataset.unitId);
const board = document.getElementById('board');
const sheet = document.getElementById('check-sheet');
const confirmPanel = document.getElementById('confirm-danger');
const savedBar = document.getElementById('saved');
const refusedBox = document.getElementById('refused');
const relogin = document.getElementById('relogin');
const userId = document.querySelector('.who').dataset.userId;
const outbox = new Outbox(`facility.outbox.${userId}`);
const skewKey = 'facility.clock-skew';
const TAPPED = { method: 'tapped' };

let residents = [];
let current = null;
let fixing = null; // the uid of a refused record that the check being made replaces
let pending = null; // a dangerous outcome waiting for its confirmation
let place = 'own_room';
let saved = null; // the last check made here, which may be undone for a few seconds
let skew = Number(localStorage.getItem(skewKey)) || 0; // server clock minus ours, so occurred_at is never "future"
let night = localStorage.getItem('facility.night') === '1';
let signedOut = false;
const stored = new Map(); // resident id → { body, at }: checks the server stored since the board was last read

const now = () => Date.now() + skew;
const mine = (r) => String(r.assigned_user_id ?? '') === userId; // assigned to me this shift
const scanner = new ScanDialog({ unitId, codes: new PresenceCodes(`facility.presence-codes.${userId}`),
  residents: () => residents, now, onScanned: (r, scan) => openSheet(r, scan) });
const presence = new SheetPresence(sheet, () => scanner.open(), { now, windowSeconds: Number(root.dataset.scanWindowSeconds) || 120 });
const reminders = new Reminders();

function text(tag, className, content) {
  const el = document.createElement(tag);
  el.className = className;
  el.textContent = content;
  return el;
}

function button(className, label, onClick) {
  const el = text('button', className, label);
  el.type = 'button';
  el.addEventListener('click', onClick);
  return el;
}

// The newest check of each resident that this tablet made and the board may not show yet.
function localChecks() {
  const latest = new Map();
  const offer = (body, sent) => {
    const known = latest.get(body.resident_id);
    if (!known || Date.parse(known.occurred_at) < Date.parse(body.occurred_at)) latest.set(body.resident_id, { ...body, sent });
  };
  for (const { body } of stored.values()) offer(body, true);
  for (const { type, body } of outbox.items()) if (type === CHECK) offer(body, false);
  return latest;
}

// A tile: who, then one line of what to do now, then one quiet line (last seen, precautions); the rest is in the sheet.
function tile(r) {
  const li = document.createElement('li');
  li.className = `tile status-${r.status}${r.waiting ? ' waiting' : ''}`;
  li.dataset.residentId = r.id;
  li.dataset.status = r.status;
  const main = button('tile-main', '', () => openSheet(r));
  const head = text('span', 'head', '');
  head.append(text('strong', 'name', r.display_name), text('span', 'level', r.observation_level.replaceAll('_', ' ')));
  if (mine(r)) head.append(text('span', 'assignee mine', 'yours'));
  else if (r.assigned_name) head.append(text('span', 'assignee', `assigned: ${r.assigned_name}`));
  main.append(head);
  if (r.todo) main.append(text('span', r.todo.shout ? 'todo alarm' : 'todo', r.todo.words));
  else if (r.status === 'away') main.append(text('span', 'todo due', `Off the unit with escort: ${r.off_unit_label}`));
  else main.append(text('span', 'todo due', dueText(r.left)));
  const precautions = r.precautions.map((p) => p.replaceAll('_', '-')).join(' · ');
  const when = r.lost ? lastText(r) : r.todo && !r.todo.shout ? dueText(r.left) : '';
  const meta = text('span', 'meta', when && precautions ? `${when} · ` : when);
  meta.append(text('span', 'precautions', precautions));
  main.append(meta);
  // What they have today beyond the routine (an appointment outside the unit): one short line.
  if (r.today?.length) main.append(text('span', 'today', `Today ${r.today.map((t) => t.line).join(' · ')}`));
  if (r.waiting) main.append(text('span', 'badge', r.lost || r.todo?.shout ? 'nurse alerted when sent' : 'waiting to send'));
  li.append(main);
  // A resident whose level requires a scan gets the sheet (scan or reason), never a bare tapped check.
  if (night && r.scan_required) li.append(button('night-check', 'Asleep? Scan or give a reason', () => openSheet(r)));
  else if (night) li.append(button('night-check', 'Asleep · breathing seen ✓', () => record(r, { state: 'asleep', location: 'own_room', breathing_observed: true }, TAPPED)));
  return li;
}

// What the tile leaves out, one tap away: the resident's open alerts (every one for whom the permission table lets
// read the alerts, the worker's own words of them for the rest), and their page.
function sheetDetail(r) {
  const everyAlert = root.dataset.everyAlert === 'yes';
  const lines = (r.alerts || []).map((a) => (everyAlert ? a : forWorker(a) && a)).filter(Boolean)
    .map((a) => text('li', a.acknowledged_at ? 'acknowledged' : '', `${a.message}${a.acknowledged_at ? ' (acknowledged)' : ''}`));
  if (r.lost) lines.unshift(text('li', 'alarm', `${unseenText(r.lost)} (last seen: ${lastText(r).replace('last seen ', '')})`));
  document.getElementById('sheet-alerts').replaceChildren(...lines);
  document.getElementById('sheet-alerts').hidden = lines.length === 0;
  document.getElementById('sheet-detail').href = `/residents/${r.id}`;
}

function refusedItem(item) {
  const resident = residents.find((r) => r.id === item.body.resident_id);
  const li = document.createElement('li');
  li.dataset.uid = item.body.uid;
  li.append(text('span', 'what', `${item.label || resident?.display_name || 'A resident'}: check at ${hhmm(item.body.occurred_at)}`),
    text('span', 'reason', `Not accepted: ${item.reason}`));
  if (resident) li.append(button('fix', 'Check again now', () => { fixing = item.body.uid; openSheet(view(resident, undefined, now())); }));
  li.append(button('discard', 'Discard', () => outbox.remove(item.body.uid)));
  return li;
}

function render() {
  const local = localChecks();
  const rows = residents.map((r) => view(r, local.get(r.id), now())).sort(mineFirst(mine));
  board.replaceChildren(...rows.map(tile));
  reminders.update(rows.filter(mine), now());
  const count = outbox.items().length;
  const badge = document.getElementById('queue-count');
  badge.dataset.count = count;
  badge.textContent = count ? `${count} waiting` : 'all sent';
  badge.classList.toggle('pending', count > 0);
  const refused = outbox.refused();
  refusedBox.hidden = refused.length === 0;
  document.getElementById('refused-list').replaceChildren(...refused.map(refusedItem));
  // Only a session that is really gone, with records waiting, asks for a login.
  relogin.hidden = !(signedOut && count);
  relogin.textContent = `Log in again to send ${count === 1 ? 'the waiting check' : `${count} waiting checks`}`;
  document.getElementById('net-status').textContent = navigator.onLine ? (signedOut ? 'Signed out — the board is not updating' : '')
    : 'Offline — checks are kept here';
  document.body.classList.toggle('night', night);
  document.getElementById('night-toggle').setAttribute('aria-pressed', String(night));
}

// scan: the presence code that opened the sheet ({ token, kind, room, unverified, at }), if it was a scan.
function openSheet(r, scan = null) {
  current = r;
  place = 'own_room';
  showConfirm(null);
  document.getElementById('sheet-name').textContent = r.display_name;
  document.getElementById('sheet-meta').textContent = [r.observation_level, ...r.precautions].join(' · ');
  sheet.querySelectorAll('[data-location-choice]').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.locationChoice === place)));
  presence.show(r, scan);
  sheetDetail(r);
  if (!sheet.open) sheet.showModal();
}

function closeSheet() {
  sheet.close();
  current = null;
  fixing = null;
  pending = null;
}

function showConfirm(outcome) {
  pending = outcome;
  sheet.classList.toggle('confirming', Boolean(outcome));
  confirmPanel.hidden = !outcome;
  if (outcome) {
    document.getElementById('confirm-what').textContent = `${danger(outcome)}: ${current.display_name}`;
    document.getElementById('confirm-yes').focus();
  }
}

function showSaved() {
  if (!saved) { savedBar.hidden = true; return; }
  const has = (items) => items.some((item) => item.body.uid === saved.body.uid);
  if (has(outbox.refused())) { say(`Not stored — ${saved.label}: see below.`); return; }
  const where = has(outbox.items()) ? 'Kept on this tablet' : 'Saved';
  document.getElementById('saved-text').textContent = `${where} ${hhmm(saved.body.occurred_at)} — ${saved.label}`;
  savedBar.hidden = false;
}

function say(words) {
  saved = null;
  document.getElementById('saved-text').textContent = words;
  savedBar.hidden = false;
  document.getElementById('undo').hidden = true;
  clearTimeout(say.timer);
  say.timer = setTimeout(() => { if (!saved) savedBar.hidden = true; }, UNDO_MS);
}

// outcome: { state, location, breathing_observed? } as the check records it; how: its presence (scanned or tapped).
function record(r, outcome, how) {
  const body = { uid: newUid(), resident_id: r.id, occurred_at: new Date(now()).toISOString(), ...outcome, presence: how };
  outbox.add(CHECK, body, r.display_name);
  if (fixing) outbox.remove(fixing);
  clearTimeout(say.timer);
  clearTimeout(saved?.timer);
  saved = { body, label: r.display_name, timer: setTimeout(() => { saved = null; showSaved(); }, UNDO_MS) };
  document.getElementById('undo').hidden = false;
  showSaved();
  render();
  outbox.flush();
}

async function undo() {
  const { body, timer } = saved;
  clearTimeout(timer);
  saved = null;
  savedBar.hidden = true;
  if (outbox.sending) await outbox.sending.catch(() => {});
  if (outbox.remove(body.uid)) { say('Undone — that check was not sent.'); render(); return; }
  try {
    await api('POST', `/api/v1/events/${body.uid}/void`, { uid: newUid(), reason: 'undone on the tablet right after entry' });
    if (stored.get(body.resident_id)?.body.uid === body.uid) stored.delete(body.resident_id);
    say('Undone — that check was withdrawn.');
  } catch (error) {
    say(`Could not undo (${error.message}); ask a nurse to void it.`);
  }
  await refresh();
}

sheet.addEventListener('click', (event) => {
  const tapped = event.target.closest('button');
  if (!tapped || !current) return;
  if (tapped.dataset.locationChoice) {
    place = tapped.dataset.locationChoice;
    sheet.querySelectorAll('[data-location-choice]').forEach((b) => b.setAttribute('aria-pressed', String(b === tapped)));
    return;
  }
  if (tapped.id === 'confirm-yes') { record(current, pending, presence.body(pending)); closeSheet(); return; }
  if (tapped.id === 'confirm-back') { showConfirm(null); return; }
  if (tapped.dataset.state) {
    const outcome = { state: tapped.dataset.state, location: tapped.dataset.location || place };
    if (tapped.dataset.breathing !== undefined) outcome.breathing_observed = tapped.dataset.breathing === 'true';
    // Outcomes that raise a critical alert cost one more tap, so a slip of the finger does not raise one.
    if (danger(outcome)) { showConfirm(outcome); return; }
    record(current, outcome, presence.body(outcome));
  }
  if (tapped.dataset.state || tapped.dataset.cancel !== undefined) closeSheet();
});
sheet.addEventListener('close', () => { current = null; fixing = null; pending = null; });

document.getElementById('undo').addEventListener('click', undo);
document.getElementById('scan-open').addEventListener('click', () => scanner.open());
document.getElementById('night-toggle').addEventListener('click', () => {
  night = !night;
  localStorage.setItem('facility.night', night ? '1' : '0');
  render();
});

async function refresh() {
  const asked = Date.now();
  try {
    const data = await api('GET', `/api/v1/units/${unitId}/board`);
    skew = Date.parse(data.now) - Date.now();
    localStorage.setItem(skewKey, String(skew));
    document.getElementById('unit-name').textContent = `${data.unit.name} rounds`;
    residents = data.residents;
    signedOut = false;
    for (const [id, { at }] of stored) if (at < asked) stored.delete(id); // the board shows these now
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) signedOut = true;
  }
  render();
}

outbox.addEventListener('change', () => { signedOut = signedOut || outbox.needsLogin; render(); showSaved(); });
outbox.addEventListener('stored', ({ detail }) => {
  const at = Date.now();
  for (const { type, body } of detail) if (type === CHECK) stored.set(body.resident_id, { body, at });
  render();
  showSaved();
  refresh(); // the alerts a check raised or cleared come from the server
});
outbox.addEventListener('refused', refresh); // the board may have changed under the refused record
window.addEventListener('facility:signed-out', () => { signedOut = true; render(); });
window.addEventListener('online', () => outbox.flush().then(refresh));
// The board page and its last answer stay in the cache, so a reload without a network still opens it.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/sw.js').then(() => navigator.serviceWorker.ready).then((registration) => {
    const here = [window.location.pathname, DECODER_URL, ...performance.getEntriesByType('resource').map((entry) => entry.name)]
      .map((url) => new URL(url, window.location.href)).filter((url) => url.origin === window.location.origin)
      .map((url) => url.pathname);
    registration.active.postMessage({ warm: [...new Set(here)] });
  }).catch(() => {});
}
window.addEventListener('offline', render);
outbox.flush().finally(refresh);
setInterval(() => { outbox.flush(); refresh(); }, 15000);
setInterval(render, 5000);
