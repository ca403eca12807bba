// What one tile says: its status and one line of what to do now, from the board row and the newest check this
// tablet knows of. A resident nobody has seen on the latest check (missing, breathing not seen) stays red until a
// check sees them, acknowledged or not; any other alert for the worker shouts (red) only until a nurse
// acknowledges it. Alerts for the nurse (incident review, orders, escalations) are not the worker's: never on a tile.
import { hhmm } from './clock.js';

export const INTERVAL_MIN = { q60: 60, q30: 30, q15: 15, q5: 5, line_of_sight: 15, one_to_one: 15 };
const DUE_SOON_MS = 3 * 60000;
const RANK = { alarm: 0, overdue: 1, due: 2, ok: 3, away: 4 };

// The outcomes that raise a critical alert, in the words the tablet uses for them.
export function danger({ location, state, breathing_observed: breathing }) {
  if (location === 'unable_to_locate') return 'Unable to locate';
  if (state === 'asleep' && breathing === false) return 'Breathing NOT seen';
  if (state === 'self_harm_behavior') return 'Self-harm behaviour';
  return null;
}

// How long until (or since) the check is due, never "due in 0 min": under a minute either way is said as such.
export function dueText(left) {
  if (left <= 0) return left > -60000 ? 'overdue now' : `${Math.floor(-left / 60000)} min overdue`;
  return `due in ${Math.ceil(left / 60000)} min`;
}

const reasonOf = ({ location, state, breathing_observed: breathing }) => (location === 'unable_to_locate' ? 'missing'
  : state === 'asleep' && breathing === false ? 'breathing_not_seen' : null);
const timeIn = (message, pattern) => (pattern.exec(message || '') || [])[1];

// The alerts a worker acts on, each in the worker's words (one line); any other kind is the nurse's.
const FOR_WORKER = {
  behavior_change: (a) => (a.severity === 'critical' ? 'Self-harm seen — stay close, tell the nurse'
    : 'Agitated — give space, tell the nurse'),
  restraint_started: () => 'Episode: monitor every 15 min',
  monitoring_overdue: (a) => `Episode: monitoring due ${timeIn(a.message, /due (\d\d:\d\d)/) || 'now'}`,
  return_overdue: (a) => `Not back from outing (due ${timeIn(a.message, /due (\d\d:\d\d)/) || '?'}) — tell the nurse`,
};

// An open alert as the worker reads it: { words, shout } — or null for a nurse's alert.
export function forWorker(alert) {
  const words = FOR_WORKER[alert.kind]?.(alert);
  return words ? { words, shout: alert.severity === 'critical' && !alert.acknowledged_at } : null;
}

// Once the episode's monitoring is overdue, the worker is told that rather than "monitor every 15 min"; the
// line shouts as long as the start is not acknowledged.
function episodeLine(alerts) {
  const overdue = alerts.find((a) => a.kind === 'monitoring_overdue');
  const started = alerts.find((a) => a.kind === 'restraint_started');
  if (!overdue || !started) return alerts;
  const line = { ...overdue, severity: started.severity, acknowledged_at: started.acknowledged_at };
  return alerts.filter((a) => a !== started).map((a) => (a === overdue ? line : a));
}

// Since when and why nobody has seen the resident ({ reason, since } in ms), or null: the board's word, unless a
// check made here since says otherwise.
export function unseen(resident, local, newer) {
  const server = resident.not_seen ? { reason: resident.not_seen.reason, since: Date.parse(resident.not_seen.since) } : null;
  if (!newer) return server;
  const reason = reasonOf(local);
  if (!reason) return null;
  return { reason, since: server ? Math.min(server.since, Date.parse(local.occurred_at)) : Date.parse(local.occurred_at) };
}

export function unseenText({ reason, since }) {
  return reason === 'missing' ? `Missing since ${hhmm(since)} — search and tell the nurse`
    : `Breathing not seen ${hhmm(since)} — recheck now`;
}

// local: the newest check recorded here that the board may not show yet ({...body, sent}), or undefined.
export function view(resident, local, now) {
  const server = resident.last_check_at ? Date.parse(resident.last_check_at) : null;
  const mine = local ? Date.parse(local.occurred_at) : null;
  const newer = mine !== null && !(server >= mine);
  const lost = unseen(resident, local, newer);
  // A check that did not see them is no check: the last sighting stays the board's.
  const last = newer && !reasonOf(local) ? mine : server;
  // The board's due time counts every sighting the server knows (a check, a return from an escorted outing);
  // a check made here and not on the board yet can only push it later.
  const serverDue = Date.parse(resident.next_check_due_at);
  const due = lost ? Math.min(lost.since, serverDue)
    : newer ? Math.max(mine + INTERVAL_MIN[resident.observation_level] * 60000, serverDue) : serverDue;
  // Out with an escort: staff have them in sight, nothing falls due until they are back.
  const away = Boolean(resident.off_unit_escorted) && !newer;
  const left = due - now;
  // A check made here since the board was read has answered any overdue alert.
  const alerts = (resident.alerts || []).filter((a) => !(newer && a.kind === 'check_overdue'));
  // The seen-or-not alerts are said by `lost`; a check made here that saw them has answered them. An episode's
  // overdue monitoring is what to do now: it takes the place of the start's line, and its shout.
  const said = episodeLine(alerts).filter((a) => !['resident_missing', 'breathing_not_observed'].includes(a.kind))
    .filter((a) => !(newer && a.kind === 'behavior_change')).map(forWorker).filter(Boolean);
  if (newer && local.state === 'self_harm_behavior') said.unshift(forWorker({ kind: 'behavior_change', severity: 'critical' }));
  const shouting = said.filter((a) => a.shout);
  // One line of what to do now: the most urgent thing first.
  let todo = null;
  if (lost) todo = { words: unseenText(lost), shout: true };
  else if (shouting.length) todo = shouting[0];
  else if (resident.off_unit && !away) todo = { words: `Off the unit without escort: ${resident.off_unit_label}`, shout: false };
  else if (said.length && !(left <= 0)) todo = said[0];
  const status = todo?.shout ? 'alarm' : away ? 'away' : left <= 0 ? 'overdue' : left <= DUE_SOON_MS ? 'due' : 'ok';
  return {
    ...resident, due, left, status, todo, lost, lastAt: last, sent: newer ? local.sent : true,
    waiting: newer && !local.sent,
  };
}

export function byUrgency(a, b) {
  return RANK[a.status] - RANK[b.status] || a.due - b.due || a.room.localeCompare(b.room);
}

// My residents first, then by urgency as byUrgency; a red tile leads whoever has it: a resident in danger is everyone's.
export function mineFirst(isMine) {
  const rank = (r) => (r.status === 'alarm' ? 0 : isMine(r) ? 1 : 2);
  return (a, b) => rank(a) - rank(b) || byUrgency(a, b);
}

export function lastText(r) {
  return r.lastAt ? `last seen ${hhmm(r.lastAt)}` : 'not seen yet';
}
