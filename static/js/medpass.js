// The med pass on the tablet: doses due now first; a dose in two taps (dose, outcome), a refusal or a held
// dose confirmed on the same sheet. A dose whose window has not opened cannot be tapped (the server refuses it);
// a dose given after its window closed says why before it is sent. Records go through the same offline outbox as
// rounds (sync type "medobs").
import { api, ApiError } from './api.js';
import { Outbox, newUid, reasonOf } from './outbox.js';

const MEDOBS = 'medobs';
const FOLLOWUP = 'medobs.prn_followup';
const CONFIRM = { refused: 'Confirm the refusal?', held: 'Why is the dose held? (required)' };

const root = document.getElementById('medpass');
const unitId = Number(root.dataset.unitId);
const sheet = document.getElementById('dose-sheet');
const userId = document.querySelector('.who').dataset.userId;
const outbox = new Outbox(`facility.outbox.${userId}`);

let pass = { doses: [], prn: [] };
let skew = 0;
let current = null; // { kind: 'dose'|'prn', item }
let pendingOutcome = null;
const effects = new Set();
const mine = new Map(); // uid → key of the dose it was recorded for, to show whether it was stored

const now = () => Date.now() + skew;
const zone = document.body.dataset.timezone || undefined; // the facility's clock, whatever the tablet's setting
const hhmm = (iso) => (iso ? new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: zone }) : '—');
const doseKey = (d) => `${d.order_id}@${d.scheduled_for}`;
const notOpen = (d) => d.status === 'pending' && Date.parse(d.window_start) > now();
// A dose with no observation whose window has closed: given now, it is late and says why.
const late = (d) => !d.observation && Date.parse(d.window_end) <= now();
const ROLE = { worker: 'mental health worker', nurse: 'nurse', lead: 'team lead' };

function text(tag, className, content) {
  const el = document.createElement(tag);
  el.className = className;
  el.textContent = content;
  return el;
}

function allergyLine(allergies) {
  return allergies.length ? text('span', 'allergy', `Allergies: ${allergies.join(', ')}`)
    : text('span', 'allergy none', 'No known allergies');
}

function queuedFor(key) {
  return outbox.items().some(({ type, body }) => type === MEDOBS && mine.get(body.uid) === key);
}

function storedNote(key, dose) {
  // What became of the records this tablet made for the dose: stored, waiting, or refused by the server.
  const uids = [...mine].filter(([, k]) => k === key).map(([uid]) => uid);
  if (!uids.length) return null;
  if (queuedFor(key)) return text('span', 'stored waiting', 'waiting to send');
  if (dose.observation && uids.includes(dose.observation.uid)) {
    return text('span', 'stored', `stored ✓ ${dose.observation.outcome.replaceAll('_', ' ')} at ${hhmm(dose.observation.recorded_at)}`);
  }
  if (dose.observation) return text('span', 'stored failed', `already recorded by ${dose.observation.witness}`);
  return text('span', 'stored failed', 'not stored — tell the nurse');
}

function observedLine(o) {
  // Who witnessed the dose, when it happened (and when it was stored, if later), and why.
  const role = ROLE[o.witness_role] || (o.witness_role || '').replaceAll('_', ' ');
  const parts = [`${o.outcome.replaceAll('_', ' ')} at ${hhmm(o.occurred_at)}`, `witness: ${o.witness || '?'}${role ? ` (${role})` : ''}`];
  if (o.late_entry) parts.push(`entered late, at ${hhmm(o.recorded_at)}`);
  const why = [o.held_reason, o.late_reason && `late: ${o.late_reason}`, o.note].filter(Boolean).join(' · ');
  if (why) parts.push(`reason: ${why}`);
  if (o.side_effects && o.side_effects.length) parts.push(`side effects: ${o.side_effects.map((e) => e.replaceAll('_', ' ')).join(', ')}`);
  return text('span', 'observed-by', parts.join(' · '));
}

function order(d) {
  const t = now();
  const inWindow = d.status === 'pending' && Date.parse(d.window_start) <= t;
  return [inWindow ? 0 : d.status === 'pending' ? 1 : d.status === 'missed' ? 2 : 3, Date.parse(d.scheduled_for)];
}

function doseItem(d) {
  const li = document.createElement('li');
  const t = now();
  const dueNow = d.status === 'pending' && Date.parse(d.window_start) <= t;
  const closed = notOpen(d);
  li.className = `dose status-${d.status}${dueNow ? ' due-now' : ''}${closed ? ' not-open' : ''}`;
  li.dataset.orderId = d.order_id;
  li.dataset.residentId = d.resident_id;
  li.dataset.status = d.status;
  const button = document.createElement('button');
  button.type = 'button';
  const state = d.observation ? d.observation.outcome.replaceAll('_', ' ')
    : dueNow ? 'due now' : closed ? `not yet open — opens ${hhmm(d.window_start)}` : d.status === 'missed' ? 'late — window closed' : d.status;
  button.append(
    text('span', 'time', d.time),
    text('span', 'who', d.display_name),
    text('span', 'state', state),
    text('span', 'what', `${d.medication} ${d.strength} · ${d.dose} · ${d.route}${d.instructions ? ` · ${d.instructions}` : ''}`),
    text('span', 'window', `${hhmm(d.window_start)}–${hhmm(d.window_end)}`),
    allergyLine(d.allergies),
  );
  if (d.observation) button.append(observedLine(d.observation));
  const note = storedNote(doseKey(d), d);
  if (note) button.append(note);
  if (closed) button.disabled = true; // the server refuses a dose before its window: nothing to record yet
  else button.addEventListener('click', () => openSheet('dose', d));
  li.append(button, morLink(d));
  return li;
}

function morLink(item) {
  const a = text('a', 'mor-link', 'MOR');
  a.href = `/residents/${item.resident_id}/mor`;
  a.setAttribute('aria-label', `MOR (medication record) of ${item.display_name}`);
  return a;
}

function prnItem(p) {
  const li = document.createElement('li');
  li.className = 'dose prn';
  li.dataset.orderId = p.order_id;
  const button = document.createElement('button');
  button.type = 'button';
  const limit = p.next_allowed_at ? `limit reached — next after ${hhmm(p.next_allowed_at)}` : `${p.given_last_24h} of ${p.prn_max_per_24h} in 24 h`;
  button.append(
    text('span', 'time', 'PRN'),
    text('span', 'who', p.display_name),
    text('span', 'state', limit),
    text('span', 'what', `${p.medication} ${p.strength} · ${p.dose} · ${p.route} · for ${p.prn_indication}`),
    allergyLine(p.allergies),
  );
  button.addEventListener('click', () => openSheet('prn', p));
  li.append(button, morLink(p));
  if (p.followups_due.length) {
    const box = document.createElement('div');
    box.className = 'followups';
    for (const f of p.followups_due) {
      box.append(text('span', 'due', `Follow-up of ${hhmm(f.occurred_at)} dose due ${hhmm(f.followup_due_at)}:`));
      for (const [effect, label] of [['effective', 'Worked'], ['partly_effective', 'Partly'], ['not_effective', 'Did not work']]) {
        const b = text('button', 'followup', label);
        b.type = 'button';
        b.addEventListener('click', () => followup(p, f, effect));
        box.append(b);
      }
    }
    li.append(box);
  }
  return li;
}

function render() {
  const doses = [...pass.doses].sort((a, b) => {
    const [x, y] = [order(a), order(b)];
    return x[0] - y[0] || x[1] - y[1];
  });
  document.getElementById('doses').replaceChildren(...doses.map(doseItem));
  document.getElementById('prns').replaceChildren(...pass.prn.map(prnItem));
  const count = outbox.items().length;
  const badge = document.getElementById('queue-count');
  badge.dataset.count = count;
  badge.textContent = count ? `${count} waiting` : 'all sent';
  badge.classList.toggle('pending', count > 0);
  document.getElementById('relogin').hidden = !(outbox.needsLogin && count);
  document.getElementById('net-status').textContent = navigator.onLine ? '' : 'Offline — records are kept here';
}

function openSheet(kind, item) {
  current = { kind, item };
  pendingOutcome = null;
  effects.clear();
  sheet.querySelectorAll('[data-effect]').forEach((b) => b.setAttribute('aria-pressed', 'false'));
  document.getElementById('dose-name').textContent = item.display_name;
  const when = kind === 'dose' ? `${item.time} dose` : 'PRN';
  document.getElementById('dose-med').textContent = `${when}: ${item.medication} ${item.strength} · ${item.dose} · ${item.route}`;
  const allergies = document.getElementById('dose-allergies');
  allergies.textContent = item.allergies.length ? `Allergies: ${item.allergies.join(', ')}` : 'No known allergies';
  allergies.classList.toggle('none', !item.allergies.length);
  sheet.querySelector('.prn-only').hidden = kind !== 'prn';
  document.getElementById('prn-indication').value = kind === 'prn' ? item.prn_indication : '';
  showLate(kind === 'dose' && late(item) ? item : null);
  showConfirm(false);
  sheet.showModal();
}

function showLate(item) {
  // A late dose asks why before any outcome is sent; the reason is stored with the observation.
  const box = document.getElementById('late');
  box.hidden = !item;
  document.getElementById('late-reason').value = '';
  document.getElementById('late-error').hidden = true;
  if (item) document.getElementById('late-question').textContent = `Late: the ${item.time} dose's window closed at ${hhmm(item.window_end)}. Why is it recorded late? (required)`;
}

function lateReasonMissing() {
  if (current.kind !== 'dose' || !late(current.item)) return false;
  if (document.getElementById('late-reason').value.trim()) return false;
  const error = document.getElementById('late-error');
  error.textContent = 'Say why the dose is late before recording it.';
  error.hidden = false;
  document.getElementById('late-reason').focus();
  return true;
}

function showConfirm(on, outcome) {
  document.getElementById('confirm').hidden = !on;
  document.getElementById('outcomes').hidden = on;
  document.getElementById('confirm-error').hidden = true;
  if (on) {
    document.getElementById('confirm-question').textContent = CONFIRM[outcome];
    document.getElementById('confirm-reason').value = '';
    document.getElementById('confirm-yes').textContent = outcome === 'refused' ? 'Confirm refusal' : 'Confirm held';
  }
}

function store(outcome, reason) {
  const { kind, item } = current;
  const body = { uid: newUid(), resident_id: item.resident_id, order_id: item.order_id, occurred_at: new Date(now()).toISOString(), outcome };
  if (kind === 'dose') body.scheduled_for = item.scheduled_for;
  if (kind === 'prn') body.prn_indication = document.getElementById('prn-indication').value.trim();
  if (effects.size) body.side_effects = [...effects];
  const lateReason = kind === 'dose' && late(item) ? document.getElementById('late-reason').value.trim() : '';
  if (outcome === 'held') body.held_reason = reason;
  if (lateReason) body.late_reason = lateReason;
  if (outcome !== 'held' && reason) body.note = reason;
  sheet.close();
  current = null;
  send(MEDOBS, body, kind === 'dose' ? doseKey(item) : `prn:${item.order_id}`);
}

function followup(p, f, effect) {
  send(FOLLOWUP, { uid: newUid(), resident_id: p.resident_id, observation_uid: f.uid, occurred_at: new Date(now()).toISOString(), effect }, `followup:${f.uid}`);
}

function say(message, kind) {
  const box = document.getElementById('message');
  box.textContent = message;
  box.className = `message ${kind}`;
  box.hidden = !message;
}

async function send(type, body, key) {
  // Sent at once through /api/v1/sync so the answer can be shown; kept in the outbox when it cannot be sent.
  mine.set(body.uid, key);
  say('Saving…', 'waiting');
  let result = null;
  try {
    result = (await api('POST', '/api/v1/sync', { records: [{ type, body }] })).results[0];
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) outbox.needsLogin = true;
  }
  if (result && [200, 201].includes(result.status)) say('Stored ✓', 'stored');
  else if (result && [403, 404, 409, 422].includes(result.status)) say(`Not stored: ${reasonOf(result)}`, 'failed');
  else { outbox.add(type, body); say('Kept on this tablet — it will be sent when the network is back', 'waiting'); }
  await refresh();
}

sheet.addEventListener('click', (event) => {
  const button = event.target.closest('button');
  if (!button || !current) return;
  if (button.dataset.effect) {
    const on = !effects.has(button.dataset.effect);
    if (on) effects.add(button.dataset.effect); else effects.delete(button.dataset.effect);
    button.setAttribute('aria-pressed', String(on));
  } else if (button.dataset.outcome) {
    const outcome = button.dataset.outcome;
    if (current.kind === 'prn' && !document.getElementById('prn-indication').value.trim()) {
      document.getElementById('prn-indication').focus();
      return;
    }
    if (lateReasonMissing()) return;
    if (CONFIRM[outcome]) { pendingOutcome = outcome; showConfirm(true, outcome); return; }
    store(outcome);
  } else if (button.id === 'confirm-yes') {
    const reason = document.getElementById('confirm-reason').value.trim();
    if (pendingOutcome === 'held' && !reason) {
      const error = document.getElementById('confirm-error');
      error.textContent = 'Say why the dose is held.';
      error.hidden = false;
      return;
    }
    store(pendingOutcome, reason);
  } else if (button.id === 'confirm-no') {
    showConfirm(false);
  } else if (button.dataset.cancel !== undefined) {
    sheet.close();
    current = null;
  }
});

async function refresh() {
  try {
    pass = await api('GET', `/api/v1/units/${unitId}/med-pass`);
    skew = Date.parse(pass.now) - Date.now();
    document.getElementById('pass-title').textContent = `Med pass · ${pass.date}`;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) outbox.needsLogin = true;
  }
  render();
}

outbox.addEventListener('change', render);
window.addEventListener('online', () => outbox.flush().then(refresh));
setInterval(() => outbox.flush().then(refresh), 30000);
refresh().then(() => outbox.flush()).then(refresh);
