// Times as staff read them: the facility's zone, 24-hour, the same on every page.
const zone = document.body.dataset.timezone || undefined;
const HHMM = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

export function hhmm(when) {
  if (when === null || when === undefined || when === '') return '';
  return HHMM.format(typeof when === 'number' ? new Date(when) : new Date(when));
}
