// What one tile says: its status and words, from the board row and the newest check this tablet knows of.
// A resident in danger never looks fine: an open critical alert (or a dangerous check not yet on the board)
// paints the tile red with the alert's words until a nurse acknowledges it or a check resolves it.
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

// local: the newest check recorded here that the board may not show yet ({...body, sent}), or undefined.
export function view(resident, local, now) {
  const server = resident.last_check_at ? Date.parse(resident.last_check_at) : null;
  const mine = local ? Date.parse(local.occurred_at) : null;
  const newer = mine !== null && !(server >= mine);
  const last = newer ? mine : server;
  // The board's due time counts every sighting the server knows (a check, a return from an escorted outing);
  // a check made here and not on the board yet can only push it later.
  const serverDue = Date.parse(resident.next_check_due_at);
  const due = newer ? Math.max(mine + INTERVAL_MIN[resident.observation_level] * 60000, serverDue) : serverDue;
  // Out with an escort: staff have them in sight, nothing falls due until they are back.
  const away = Boolean(resident.off_unit_escorted) && !newer;
  const left = due - now;
  // A check made here since the board was read has answered any overdue alert.
  const alerts = (resident.alerts || []).filter((a) => !(newer && a.kind === 'check_overdue'));
  const alarms = alerts.filter((a) => a.severity === 'critical' && !a.acknowledged_at).map((a) => a.message);
  if (newer && danger(local)) {
    alarms.unshift(`${danger(local)} — ${local.sent ? 'nurse alerted' : 'nurse alerted when sent'}`);
  }
  const notes = alerts.filter((a) => !(a.severity === 'critical' && !a.acknowledged_at))
    .map((a) => `${a.message}${a.acknowledged_at ? ' (acknowledged)' : ''}`);
  if (resident.off_unit && !away) notes.unshift(`Off the unit without escort: ${resident.off_unit_label}`);
  const status = alarms.length ? 'alarm' : away ? 'away' : left <= 0 ? 'overdue' : left <= DUE_SOON_MS ? 'due' : 'ok';
  return {
    ...resident, due, left, status, alarms, notes, lastAt: last,
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
  return r.lastAt ? `last check ${hhmm(r.lastAt)}` : 'no check yet';
}
