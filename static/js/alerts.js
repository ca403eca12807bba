// The nurse console: live alerts over Socket.IO, replay from last_alert_id, one-tap acknowledgement.
import { api, ApiError, renewToken } from './api.js';
import { beep, isLocked, isMuted, play, setMuted, unlock } from './alert-sound.js';
import { hhmm } from './clock.js';
import { consoleScreens } from './console-lock.js';

const root = document.getElementById('console');
const list = document.getElementById('alerts');
const statusBadge = document.getElementById('socket-status');
const banner = document.getElementById('critical-banner');
const message = document.getElementById('console-message');
const empty = document.getElementById('empty');
const unitFilter = document.getElementById('filter-unit');
const stateFilter = document.getElementById('filter-state');
const soundButton = document.getElementById('sound-toggle');
const canAck = root.dataset.canAck === 'yes';
const STORE = `facility.alerts.last_alert_id.${root.dataset.userId}`;
const SEVERITY = { critical: 0, warning: 1, info: 2 };
const STATE = { open: 0, acknowledged: 1, resolved: 2 };
const unitNames = new Map([...unitFilter.options].filter((o) => o.value).map((o) => [Number(o.value), o.text]));
const alerts = new Map();
// Critical alerts that came while the console was locked: the lock screen counts them per unit.
const newWhileLocked = new Map();
let lastAlertId = Number(localStorage.getItem(STORE)) || 0;

// A locked console hears alerts without names: they are not counted as seen, so that unlocking replays them whole.
function remember(id) {
  if (id > lastAlertId && !screens.isLocked()) {
    lastAlertId = id;
    localStorage.setItem(STORE, String(id));
  }
}

function stateOf(alert) {
  if (alert.resolved) return 'resolved';
  return alert.acknowledged_at ? 'acknowledged' : 'open';
}

// One record per id: a later push for a known id updates it (a severity upgrade), never duplicates it.
function upsert(incoming) {
  const known = alerts.get(incoming.id);
  const merged = { ...known, ...incoming };
  for (const key of ['acknowledged_at', 'acknowledged_by', 'resolved']) {
    if (known && known[key] && !incoming[key]) merged[key] = known[key];
  }
  alerts.set(incoming.id, merged);
  remember(incoming.id);
  return { fresh: !known, upgraded: known && known.severity !== merged.severity };
}

function shown(alert) {
  const unit = unitFilter.value;
  const state = stateFilter.value;
  if (unit && alert.unit_id !== Number(unit)) return false;
  if (state === 'all') return true;
  if (state === 'active') return stateOf(alert) !== 'resolved';
  return stateOf(alert) === state;
}

function order(a, b) {
  return STATE[stateOf(a)] - STATE[stateOf(b)] || SEVERITY[a.severity] - SEVERITY[b.severity] || b.id - a.id;
}

function span(className, text) {
  const el = document.createElement('span');
  el.className = className;
  el.textContent = text;
  return el;
}

function item(alert) {
  const state = stateOf(alert);
  const li = document.createElement('li');
  li.className = `alert sev-${alert.severity} state-${state}`;
  li.dataset.id = alert.id;
  const headline = document.createElement('div');
  headline.className = 'headline';
  headline.append(span('severity', alert.severity), span('kind', alert.kind.replaceAll('_', ' ')),
    span('who', alert.resident_display || ''), span('meta', `${unitNames.get(alert.unit_id) || ''} · ${hhmm(alert.raised_at)}`));
  const text = alert.link ? document.createElement('a') : span('message', alert.message);
  if (alert.link) {
    text.className = 'message';
    text.href = alert.link;
    text.textContent = alert.message;
  }
  const detail = state === 'open' ? 'not acknowledged'
    : state === 'acknowledged' ? `acknowledged by ${alert.acknowledged_by || 'staff'} at ${hhmm(alert.acknowledged_at)}`
      : 'resolved';
  li.append(headline, text, span('state', detail));
  if (canAck && state === 'open') {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'ack';
    button.textContent = 'Acknowledge';
    li.append(button);
  }
  return li;
}

// Items are rebuilt only when they change, so a tap is never lost to a re-render under the finger.
const rendered = new Map();

function node(alert) {
  const signature = JSON.stringify([alert.severity, stateOf(alert), alert.acknowledged_by, alert.message]);
  const known = rendered.get(alert.id);
  if (known && known.signature === signature) return known.li;
  const li = item(alert);
  rendered.set(alert.id, { signature, li });
  return li;
}

// What the lock screen says: how many critical alerts came meanwhile and on which units, never about whom.
function lockedSummary() {
  const perUnit = new Map();
  for (const [id, unitId] of newWhileLocked) {
    const alert = alerts.get(id);
    if (alert && stateOf(alert) === 'open') perUnit.set(unitId, (perUnit.get(unitId) || 0) + 1);
  }
  const total = [...perUnit.values()].reduce((a, b) => a + b, 0);
  if (!total) return 'no new critical alerts';
  const where = [...perUnit].map(([unitId, n], i) => `${i ? `${n} ` : ''}on ${unitNames.get(unitId) || 'your unit'}`);
  return `${total} new critical alert${total === 1 ? '' : 's'} ${where.join(', ')}`;
}

// Locked or ended, the page keeps nothing that names a resident: what it knows is cut to the locked stream's fields.
const LOCKED_FIELDS = ['id', 'kind', 'severity', 'unit_id', 'raised_at', 'acknowledged_at', 'acknowledged_by', 'resolved'];
function forgetIdentities() {
  for (const [id, alert] of alerts) {
    alerts.set(id, Object.fromEntries(LOCKED_FIELDS.filter((k) => k in alert).map((k) => [k, alert[k]])));
  }
  rendered.clear();
  list.replaceChildren();
}

function render() {
  if (screens.isLocked() || screens.isEnded()) {
    list.replaceChildren();
    screens.summarise(lockedSummary());
    const waiting = [...alerts.values()].filter((a) => a.severity === 'critical' && stateOf(a) === 'open').length;
    document.title = `${waiting ? `(${waiting}) ` : ''}Locked · Alerts · facility`;
    return;
  }
  const visible = [...alerts.values()].filter(shown).sort(order);
  const nodes = visible.map(node);
  if (nodes.length !== list.children.length || nodes.some((li, i) => list.children[i] !== li)) {
    list.replaceChildren(...nodes);
  }
  empty.hidden = visible.length > 0;
  const critical = [...alerts.values()].filter((a) => a.severity === 'critical' && stateOf(a) === 'open').length;
  banner.hidden = critical === 0;
  banner.textContent = `${critical} critical alert${critical === 1 ? '' : 's'} not acknowledged`;
  document.body.classList.toggle('has-critical', critical > 0);
  document.title = `${critical ? `(${critical}) ` : ''}Alerts · facility`;
  soundButton.textContent = isMuted() ? 'Sound off' : isLocked() ? 'Tap to enable sound' : 'Sound on';
  soundButton.setAttribute('aria-pressed', String(!isMuted()));
  soundButton.classList.toggle('locked', isLocked());
}

function say(text) {
  message.textContent = text || '';
  message.hidden = !text;
}

function setOnline(online, text) {
  statusBadge.textContent = text || (online ? 'live' : 'offline — reconnecting…');
  statusBadge.classList.toggle('offline', !online);
  document.body.classList.toggle('offline', !online);
}

async function fetchState(status) {
  const items = [];
  let after = 0;
  for (;;) {
    const page = await api('GET', `/api/v1/alerts?status=${status}&limit=1000&after_id=${after}`);
    items.push(...page.items);
    if (page.next_after_id === null) return items;
    after = page.next_after_id;
  }
}

// After every (re)connect: what is open or acknowledged now; a known alert missing from it was resolved.
async function sync() {
  const knownBefore = [...alerts.values()].filter((a) => !a.resolved).map((a) => a.id);
  try {
    const current = [...(await fetchState('open')), ...(await fetchState('acknowledged'))];
    if (screens.isLocked() || screens.isEnded()) return; // names that came back too late to be shown
    const ids = new Set(current.map((a) => a.id));
    current.forEach((a) => upsert({ ...a, resolved: false }));
    knownBefore.filter((id) => !ids.has(id)).forEach((id) => upsert({ id, resolved: true }));
    say('');
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) say('Could not load the alert list; it will be loaded again on reconnect.');
  }
  render();
}

function onAlert(alert) {
  const { fresh, upgraded } = upsert({ ...alert, resolved: false });
  if ((fresh || upgraded) && alert.severity === 'critical' && !alert.acknowledged_at) {
    if (screens.isLocked()) {
      newWhileLocked.set(alert.id, alert.unit_id);
      play(); // nobody may be at a locked console to unmute it: it always rings
    } else beep();
  }
  render();
}

const screens = consoleScreens({
  // Unlocked by the same nurse: what the lock cut short is loaded again whole (replay and list) over a new socket.
  onUnlocked() {
    alerts.clear();
    rendered.clear();
    newWhileLocked.clear();
    socket.disconnect();
    socket.connect();
  },
  onSignedIn() {
    alerts.clear();
    rendered.clear();
    socket.connect();
  },
});
const socket = window.io('/alerts', {
  auth: (send) => send(lastAlertId ? { last_alert_id: lastAlertId } : {}),
});
// The server says so when a console connects locked, and when a live one locks for idleness.
socket.on('console', ({ locked }) => {
  if (locked && !screens.isLocked()) {
    screens.lock();
    forgetIdentities();
  }
  render();
});
socket.on('connect', () => { setOnline(true); sync(); });
// The server closes a console when the user's access changes (units, role) or their session ends: connect again,
// to the rooms the access gives now; an ended session or a role without a console is refused, saying which.
socket.on('disconnect', (reason) => {
  if (screens.isEnded()) return;
  setOnline(false);
  if (reason === 'io server disconnect') socket.connect();
});
socket.on('session_ended', ({ reason }) => endSession(reason));
socket.on('connect_error', (error) => {
  if (error.data && error.data.reason) endSession(error.data.reason);
  else setOnline(false);
});
function endSession(reason) {
  forgetIdentities();
  screens.end(reason);
  socket.disconnect();
  setOnline(false, reason === 'access_changed' ? 'access changed' : 'session ended');
  render();
}
socket.on('alert', onAlert);
socket.on('alert_acked', (body) => { upsert(body); render(); });
// A request refused for want of a session (an acknowledgement, the list): the socket asks the server whether the
// session is locked (it reconnects, locked) or over (refused, saying why).
window.addEventListener('facility:signed-out', () => {
  if (screens.isEnded() || screens.isLocked()) return;
  socket.disconnect();
  socket.connect();
});
socket.on('alert_resolved', (body) => { upsert({ id: body.id, resolved: body.resolved_at }); render(); });
// Leads and nurses hear when the scheduler has written the handoff of the shift that just ended.
socket.on('handoff_ready', (handoff) => {
  document.getElementById('handoff-link').href = `/handoffs/${handoff.id}`;
  document.getElementById('handoff-ready').hidden = false;
});
// The server's message queue was away for a while: alerts after `after_id` may not have reached us. Reconnect
// from there; the replay fills the gap (alerts already shown are the same ids, kept once).
socket.on('catch_up', ({ after_id: afterId }) => {
  lastAlertId = Math.min(lastAlertId, Number(afterId) || 0);
  localStorage.setItem(STORE, String(lastAlertId));
  socket.disconnect();
  socket.connect();
});
socket.on('resync', () => {
  alerts.clear();
  rendered.clear();
  lastAlertId = 0;
  localStorage.removeItem(STORE);
  sync();
});

list.addEventListener('click', async (event) => {
  const button = event.target.closest('button.ack');
  if (!button) return;
  const id = Number(button.closest('li').dataset.id);
  button.disabled = true;
  try {
    const alert = await api('POST', `/api/v1/alerts/${id}/ack`, {});
    upsert({ ...alert, resolved: alert.status === 'resolved' });
  } catch (error) {
    button.disabled = false; // whatever went wrong, the nurse can try again
    if (error instanceof ApiError && error.status === 409) await sync();
    else if (!(error instanceof ApiError && error.status === 401)) say(`Not acknowledged: ${error.message}. Try again.`);
  }
  render();
});

unitFilter.addEventListener('change', render);
stateFilter.addEventListener('change', render);
soundButton.addEventListener('click', async () => {
  if (isLocked()) await unlock();
  else setMuted(!isMuted());
  render();
});
document.addEventListener('pointerdown', () => unlock().then(render), { once: true });
// Someone is using the console: its idle time starts again, on the socket and on the session (a few times a minute
// at most). A locked console opens only with a password.
let lastActivity = 0;
for (const type of ['pointerdown', 'keydown']) {
  document.addEventListener(type, () => {
    if (screens.isLocked() || screens.isEnded() || Date.now() - lastActivity < 20000) return;
    lastActivity = Date.now();
    socket.emit('active');
    renewToken().catch(() => {});
  }, { capture: true });
}
window.addEventListener('offline', () => setOnline(false));

// While a critical alert waits for someone, remind every 15 seconds (a locked console whatever its mute says).
setInterval(() => {
  if (screens.isEnded()) return;
  if ([...alerts.values()].some((a) => a.severity === 'critical' && stateOf(a) === 'open')) {
    if (screens.isLocked()) play();
    else beep();
  }
}, 15000);
render();
