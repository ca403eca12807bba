// The tablet board: one tile per resident, soonest due first; a check in two taps, kept offline until sent.
import { api, ApiError } from './api.js';
import { Outbox, newUid } from './outbox.js';

const INTERVAL_MIN = { q60: 60, q30: 30, q15: 15, q5: 5, line_of_sight: 15, one_to_one: 15 };
const DUE_SOON_MS = 3 * 60000;
const CHECK = 'rounds.check';

const root = document.getElementById('rounds');
const unitId = Number(root.dataset.unitId);
const board = document.getElementById('board');
const sheet = document.getElementById('check-sheet');
const userId = document.querySelector('.who').dataset.userId;
const outbox = new Outbox(`facility.outbox.${userId}`);
const skewKey = 'facility.clock-skew';

let residents = [];
let current = null;
let place = 'own_room';
let skew = Number(localStorage.getItem(skewKey)) || 0; // server clock minus ours, so occurred_at is never "future"
let night = localStorage.getItem('facility.night') === '1';

const now = () => Date.now() + skew;

function queuedChecks() {
  const latest = new Map();
  for (const { type, body } of outbox.items()) {
    if (type !== CHECK) continue;
    const at = Date.parse(body.occurred_at);
    if (!(latest.get(body.resident_id) > at)) latest.set(body.resident_id, at);
  }
  return latest;
}

function view(resident, queued) {
  const server = resident.last_check_at ? Date.parse(resident.last_check_at) : null;
  const local = queued.get(resident.id);
  const last = Math.max(server ?? -Infinity, local ?? -Infinity);
  const due = Number.isFinite(last) ? last + INTERVAL_MIN[resident.observation_level] * 60000
    : Date.parse(resident.next_check_due_at);
  const left = due - now();
  const status = left <= 0 ? 'overdue' : left <= DUE_SOON_MS ? 'due' : 'ok';
  return { ...resident, due, left, status, waiting: local !== undefined && !(server >= local) };
}

function text(tag, className, content) {
  const el = document.createElement(tag);
  el.className = className;
  el.textContent = content;
  return el;
}

function tile(r) {
  const li = document.createElement('li');
  li.className = `tile status-${r.status}${r.waiting ? ' waiting' : ''}`;
  li.dataset.residentId = r.id;
  li.dataset.status = r.status;
  const main = document.createElement('button');
  main.type = 'button';
  main.className = 'tile-main';
  const minutes = Math.round(r.left / 60000);
  main.append(
    text('strong', 'name', r.display_name),
    text('span', 'level', r.observation_level.replaceAll('_', ' ')),
    text('span', 'due', minutes >= 0 ? `due in ${minutes} min` : `${-minutes} min overdue`),
    text('span', 'precautions', r.precautions.join(' · ')),
  );
  if (r.waiting) main.append(text('span', 'badge', 'waiting to send'));
  main.addEventListener('click', () => openSheet(r));
  li.append(main);
  if (night) {
    const asleep = text('button', 'night-check', 'Asleep · breathing seen ✓');
    asleep.type = 'button';
    asleep.addEventListener('click', () => record(r, { state: 'asleep', location: 'own_room', breathing: true }));
    li.append(asleep);
  }
  return li;
}

function render() {
  const queued = queuedChecks();
  const rows = residents.map((r) => view(r, queued)).sort((a, b) => a.due - b.due || a.room.localeCompare(b.room));
  board.replaceChildren(...rows.map(tile));
  const count = outbox.items().length;
  const badge = document.getElementById('queue-count');
  badge.dataset.count = count;
  badge.textContent = count ? `${count} waiting` : 'all sent';
  badge.classList.toggle('pending', count > 0);
  document.getElementById('relogin').hidden = !(outbox.needsLogin && count);
  document.getElementById('net-status').textContent = navigator.onLine ? '' : 'Offline — checks are kept here';
  document.body.classList.toggle('night', night);
  document.getElementById('night-toggle').setAttribute('aria-pressed', String(night));
}

function openSheet(r) {
  current = r;
  place = 'own_room';
  document.getElementById('sheet-name').textContent = r.display_name;
  document.getElementById('sheet-meta').textContent = [r.observation_level, ...r.precautions].join(' · ');
  sheet.querySelectorAll('[data-location-choice]').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.locationChoice === place)));
  sheet.showModal();
}

function record(r, { state, location: where, breathing }) {
  const body = { uid: newUid(), resident_id: r.id, occurred_at: new Date(now()).toISOString(), location: where, state };
  if (breathing !== undefined) body.breathing_observed = breathing;
  outbox.add(CHECK, body);
  render();
  outbox.flush().then(render);
}

sheet.addEventListener('click', (event) => {
  const button = event.target.closest('button');
  if (!button) return;
  if (button.dataset.locationChoice) {
    place = button.dataset.locationChoice;
    sheet.querySelectorAll('[data-location-choice]').forEach((b) => b.setAttribute('aria-pressed', String(b === button)));
    return;
  }
  if (button.dataset.state && current) {
    const breathing = button.dataset.breathing === undefined ? undefined : button.dataset.breathing === 'true';
    record(current, { state: button.dataset.state, location: button.dataset.location || place, breathing });
  }
  if (button.dataset.state || button.dataset.cancel !== undefined) { sheet.close(); current = null; }
});

document.getElementById('night-toggle').addEventListener('click', () => {
  night = !night;
  localStorage.setItem('facility.night', night ? '1' : '0');
  render();
});

async function refresh() {
  try {
    const data = await api('GET', `/api/v1/units/${unitId}/board`);
    skew = Date.parse(data.now) - Date.now();
    localStorage.setItem(skewKey, String(skew));
    document.getElementById('unit-name').textContent = `${data.unit.name} rounds`;
    residents = data.residents;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) outbox.needsLogin = true;
  }
  render();
}

outbox.addEventListener('change', render);
window.addEventListener('online', () => outbox.flush().then(refresh));
// The board page and its last answer stay in the cache, so a reload without a network still opens it.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/sw.js').then(() => navigator.serviceWorker.ready).then((registration) => {
    const here = [window.location.pathname, ...performance.getEntriesByType('resource').map((entry) => entry.name)]
      .map((url) => new URL(url, window.location.href)).filter((url) => url.origin === window.location.origin)
      .map((url) => url.pathname);
    registration.active.postMessage({ warm: [...new Set(here)] });
  }).catch(() => {});
}
window.addEventListener('offline', render);
outbox.flush().finally(refresh);
setInterval(() => { outbox.flush(); refresh(); }, 15000);
setInterval(render, 5000);
