// Wall times in the facility's zone for datetime-local fields, whatever zone the tablet itself is set to,
// and the clocks' words ("12 min", "1 h 05 min").
const zone = document.body.dataset.timezone || undefined;
const PARTS = new Intl.DateTimeFormat('en-CA', {
  timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});

function wall(ms) {
  const p = Object.fromEntries(PARTS.formatToParts(new Date(ms)).map(({ type, value }) => [type, Number(value)]));
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
}

// 'YYYY-MM-DDTHH:MM' as a datetime-local field shows the moment in the facility's zone.
export function toLocalInput(when) {
  const ms = typeof when === 'number' ? when : Date.parse(when);
  return new Date(wall(Math.floor(ms / 1000) * 1000)).toISOString().slice(0, 16);
}

// A datetime-local value read in the facility's zone, as ISO UTC; null when empty or unreadable.
export function fromLocalInput(value) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value || '');
  if (!m) return null;
  const asUtc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  // The zone's offset at the guess, twice: the second pass settles a guess that crossed a DST change.
  let guess = asUtc - (wall(asUtc) - asUtc);
  guess = asUtc - (wall(guess) - guess);
  return new Date(guess).toISOString();
}

// A span of milliseconds in words: '45 s', '12 min', '1 h 05 min'.
export function span(ms) {
  const seconds = Math.floor(Math.abs(ms) / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}
