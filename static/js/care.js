// Daily care on the tablet: a resident, then the activity, then the level of support — three taps for the
// common case. Every record waits in the same offline outbox as rounds, with its uid, until the server stored it.
import { api, ApiError } from './api.js';
import { openGroup } from './care-group.js';
import { Recent } from './care-recent.js';
import { adlWords, alarmsOf, el, hhmm, mealNow, pressOne, pressed, say, tapTarget } from './care-view.js';
import { Outbox, newUid } from './outbox.js';
import { watchSession } from './relogin.js';

const root = document.getElementById('care');
const unitId = Number(root.dataset.unitId);
const userId = Number(document.querySelector('.who').dataset.userId);
const sheet = document.getElementById('care-sheet');
const outbox = new Outbox(`facility.outbox.${userId}`);
const recent = new Recent(outbox, userId);
const skewKey = 'facility.clock-skew';

let residents = [];
let outings = []; // open outings as the server knows them
let staff = [];
let skew = Number(localStorage.getItem(skewKey)) || 0; // server clock minus ours: occurred_at is never "future"
let signedOut = false;
let current = null; // { resident, activity, measure, steps: [...] }
const goals = new Map(); // resident id → goals in force, read when a note is opened
const moved = new Map(); // resident id → { out: outing|null, at, uid }: recorded here since the outings were read

const now = () => Date.now() + skew;
const at = () => new Date(now()).toISOString();
const field = (id) => document.getElementById(id);

// Whether the resident is off the unit now: what this tablet recorded last, else what the server says.
function outingOf(resident) {
  if (moved.has(resident.id)) return moved.get(resident.id).out;
  return outings.find((o) => o.resident_id === resident.id && !o.returned_at) || null;
}

function tile(resident) {
  const { critical, other } = alarmsOf(resident);
  const out = outingOf(resident);
  const li = el('li', `tile care-tile${critical.length ? ' status-alarm' : ''}${out ? ' off-unit' : ''}`);
  li.dataset.residentId = resident.id;
  li.dataset.alarm = critical.length ? 'critical' : 'none';
  const main = tapTarget('tile-main', '', () => openSheet(resident));
  main.append(el('strong', 'name', resident.display_name));
  main.append(...critical.map((words) => el('span', 'alarm', words)), ...other.map((words) => el('span', 'note', words)));
  if (out) main.append(el('span', 'out', `Out: ${out.destination} · back by ${hhmm(out.expected_return_at)}`));
  (resident.today || []).forEach((t) => main.append(el('span', 'today', `Today ${t.line}`)));
  const waiting = outbox.items().filter(({ body }) => body.resident_id === resident.id).length;
  if (waiting) main.append(el('span', 'badge', `${waiting} waiting`));
  li.append(main);
  return li;
}

function render() {
  field('residents').replaceChildren(...residents.map(tile));
  const count = outbox.items().length;
  const badge = field('queue-count');
  badge.dataset.count = count;
  badge.textContent = count ? `${count} waiting to send` : 'all sent';
  badge.classList.toggle('pending', count > 0);
  field('net-status').textContent = !navigator.onLine ? 'Offline — records are kept on this tablet'
    : signedOut ? 'Signed out — log in again to send' : '';
  recent.render();
}

function show(step) {
  sheet.querySelectorAll('[data-step]').forEach((part) => { part.hidden = part.dataset.step !== step; });
  current.steps.push(step);
  sheet.querySelector('[data-back-step]').hidden = current.steps.length < 2;
}

function openSheet(resident) {
  current = { resident, activity: null, measure: {}, steps: [] };
  const { critical } = alarmsOf(resident);
  const out = outingOf(resident);
  field('care-name').textContent = resident.display_name;
  const today = (resident.today || []).map((t) => `Today ${t.line}`);
  field('care-meta').textContent = [...critical.map((a) => `⚠ ${a}`), out ? `Off the unit: ${out.destination}` : '', ...today]
    .filter(Boolean).join(' · ');
  field('care-record').href = `/residents/${resident.id}`;
  if (field('outing-open')) field('outing-open').textContent = out ? 'Back on the unit (sign in)' : 'Sign out (outing)';
  field('adl-note').value = '';
  show('activity');
  sheet.showModal();
}

function closeSheet() {
  if (sheet.open) sheet.close();
  current = null;
}

function chooseActivity(activity) {
  current.activity = activity;
  current.measure = {};
  if (!['meal', 'fluids', 'sleep'].includes(activity)) { askSupport(); return; }
  sheet.querySelectorAll('[data-step="measure"] fieldset').forEach((set) => { set.hidden = set.dataset.for !== activity; });
  if (activity === 'meal') {
    const meal = mealNow(now());
    sheet.querySelectorAll('[data-meal]').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.meal === meal)));
  }
  show('measure');
}

function askSupport() {
  const words = adlWords({ activity: current.activity, ...current.measure });
  field('support-what').textContent = `${words.charAt(0).toUpperCase()}${words.slice(1)} — how much help?`;
  show('support');
}

// Queue the record, show it on the list of what was recorded here, and send at once if the network allows.
function submit(type, body, words) {
  const who = current ? current.resident.display_name : '';
  outbox.add(type, body, who ? `${who}: ${words}` : words);
  recent.add(body.uid, who ? `${who}: ${words}` : words, body.occurred_at);
  closeSheet();
  render();
  outbox.flush();
}

function storeAdl(support) {
  const body = { uid: newUid(), resident_id: current.resident.id, occurred_at: at(), activity: current.activity, support,
    ...current.measure };
  const note = field('adl-note').value.trim();
  if (note) body.note = note;
  submit('adl', body, adlWords(body));
}

async function openNote() {
  ['mood', 'engagement'].forEach((id) => field(id).querySelectorAll('button').forEach((b) => b.setAttribute('aria-pressed', 'false')));
  field('note-text').value = '';
  field('note-error').hidden = true;
  const box = field('goals');
  box.querySelectorAll('button').forEach((b) => b.remove());
  show('note');
  const id = current.resident.id;
  // Offline or signed out, the goals read earlier in this visit still serve.
  await api('GET', `/api/v1/residents/${id}/goals`).then((found) => goals.set(id, found)).catch(() => {});
  if (!current || current.resident.id !== id) return;
  const known = goals.get(id) || [];
  field('goals-empty').textContent = goals.has(id) ? 'No goals on the treatment plan.' : 'Goals not available offline.';
  field('goals-empty').hidden = known.length > 0;
  for (const goal of known) {
    const b = tapTarget('care-goal', goal.text, () => b.setAttribute('aria-pressed', String(b.getAttribute('aria-pressed') !== 'true')));
    b.dataset.goalId = goal.id;
    b.setAttribute('aria-pressed', 'false');
    box.append(b);
  }
}

// A form the tablet cannot send as it is: say what is missing beside it and put the cursor there.
function missing(errorId, words, inputId) {
  field(errorId).textContent = words;
  field(errorId).hidden = false;
  field(inputId).focus();
}

function saveNote() {
  const text = field('note-text').value.trim();
  if (!text) { missing('note-error', 'Write what you saw — the note needs its words.', 'note-text'); return; }
  const body = { uid: newUid(), resident_id: current.resident.id, occurred_at: at(), text,
    goal_ids: [...field('goals').querySelectorAll('[aria-pressed="true"]')].map((b) => Number(b.dataset.goalId)) };
  const mood = pressed(field('mood'), 'mood');
  const engagement = pressed(field('engagement'), 'engagement');
  if (mood) body.mood = mood;
  if (engagement) body.engagement = engagement;
  const about = body.goal_ids.length ? ` (${body.goal_ids.length} goal${body.goal_ids.length > 1 ? 's' : ''})` : '';
  submit('note', body, `progress note${mood ? `, ${mood}` : ''}${about}`);
}

function openOuting() {
  const out = outingOf(current.resident);
  if (out) {
    field('return-what').textContent = `Out to ${out.destination} since ${hhmm(out.occurred_at)}, expected back by ${hhmm(out.expected_return_at)}.`;
    show('return');
    return;
  }
  field('outing-destination').value = '';
  field('outing-vehicle').value = '';
  field('outing-error').hidden = true;
  const escort = field('outing-escort');
  escort.replaceChildren(new Option('No escort', ''), ...staff.map((s) => new Option(`${s.name} (${s.role})`, String(s.id))));
  escort.value = staff.some((s) => s.id === userId) ? String(userId) : '';
  pressOne(field('outing-back'), field('outing-back').querySelector('[data-back="60"]'));
  // Signing out for an appointment of today links the outing to it (the case page then shows it was left for).
  const booked = (current.resident.today || []).filter((t) => t.uid);
  const choices = field('outing-for');
  choices.querySelectorAll('button').forEach((b) => b.remove());
  booked.forEach((t) => {
    const b = tapTarget('', `For ${t.line}`, () => {
      if (pressOne(choices, b, true) && !field('outing-destination').value.trim()) {
        field('outing-destination').value = `Appointment ${t.line.split(' — ')[0]}`;
      }
    });
    b.dataset.appointment = t.uid;
    b.setAttribute('aria-pressed', 'false');
    choices.append(b);
  });
  choices.hidden = booked.length === 0;
  show('outing');
}

function saveOuting() {
  const destination = field('outing-destination').value.trim();
  if (!destination) { missing('outing-error', 'Say where the resident is going.', 'outing-destination'); return; }
  const minutes = Number(pressed(field('outing-back'), 'back') || 60);
  const body = { uid: newUid(), resident_id: current.resident.id, occurred_at: at(), destination,
    expected_return_at: new Date(now() + minutes * 60000).toISOString() };
  if (field('outing-escort').value) body.escort_id = Number(field('outing-escort').value);
  if (field('outing-vehicle').value.trim()) body.vehicle = field('outing-vehicle').value.trim();
  const appointment = pressed(field('outing-for'), 'appointment');
  if (appointment) body.appointment_uid = appointment;
  moved.set(current.resident.id, { out: { ...body }, at: Date.now(), uid: body.uid });
  submit('outing', body, `signed out to ${destination}, back by ${hhmm(body.expected_return_at)}`);
}

function saveReturn() {
  const out = outingOf(current.resident);
  const body = { uid: newUid(), occurred_at: at(), outing_uid: out.uid };
  moved.set(current.resident.id, { out: null, at: Date.now(), uid: body.uid });
  submit('outing.return', body, 'back on the unit');
}

sheet.addEventListener('click', (event) => {
  const b = event.target.closest('button');
  if (!b || !current) return;
  const d = b.dataset;
  if (d.cancel !== undefined) closeSheet();
  else if (d.backStep !== undefined) { current.steps.pop(); show(current.steps.pop()); }
  else if (d.activity) chooseActivity(d.activity);
  else if (d.meal) pressOne(b.parentElement, b);
  else if (d.percent) { current.measure = { meal: pressed(sheet, 'meal') || mealNow(now()), percent_eaten: Number(d.percent) }; askSupport(); }
  else if (d.fluids) { current.measure = { fluids_ml: Number(d.fluids) }; askSupport(); }
  else if (d.sleep) { current.measure = { sleep_hours: Number(d.sleep) }; askSupport(); }
  else if (d.support) storeAdl(d.support);
  else if (d.open === 'note') openNote();
  else if (d.open === 'outing') openOuting();
  else if (d.mood || d.engagement) pressOne(b.parentElement, b, true);
  else if (d.back) pressOne(b.parentElement, b);
  else if (b.id === 'note-save') saveNote();
  else if (b.id === 'outing-save') saveOuting();
  else if (b.id === 'return-save') saveReturn();
});
sheet.addEventListener('close', () => { current = null; });
field('group-open').addEventListener('click', () => openGroup({
  residents: residents.filter((r) => !outingOf(r)), unitId, at,
  submit: (body, words) => { current = null; submit('group', body, words); },
}));

async function refresh() {
  const asked = Date.now();
  try {
    const board = await api('GET', `/api/v1/units/${unitId}/board`);
    skew = Date.parse(board.now) - Date.now();
    localStorage.setItem(skewKey, String(skew));
    field('unit-name').textContent = `${board.unit.name} daily care`;
    residents = [...board.residents].sort((a, b) => a.room.localeCompare(b.room));
    outings = await api('GET', `/api/v1/units/${unitId}/outings`);
    if (!staff.length) staff = await api('GET', `/api/v1/units/${unitId}/staff`).catch(() => []);
    signedOut = false;
    // What the server now knows replaces what this tablet remembered, once nothing of it is still queued.
    const queued = new Set(outbox.items().map(({ body }) => body.uid));
    for (const [id, { at: when, uid }] of moved) if (when < asked && !queued.has(uid)) moved.delete(id);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) signedOut = true;
  }
  render();
}

outbox.addEventListener('change', () => { signedOut = signedOut || outbox.needsLogin; render(); });
outbox.addEventListener('stored', () => { render(); refresh(); });
outbox.addEventListener('refused', refresh);
watchSession({
  onSignedOut() { signedOut = true; render(); },
  onSignedIn() { signedOut = false; outbox.flush().finally(refresh); },
});
window.addEventListener('online', () => outbox.flush().finally(refresh));
window.addEventListener('offline', render);
outbox.flush().finally(refresh);
setInterval(() => { outbox.flush(); refresh(); }, 20000);
