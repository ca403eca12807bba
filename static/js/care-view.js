// Small pieces the care page draws with: elements, words for codes, what a record says, the facility's clock.
import { hhmm } from './clock.js';

export { hhmm };

export function el(tag, className, content = '') {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.textContent = content;
  return node;
}

export function tapTarget(className, label, onClick) {
  const node = el('button', className, label);
  node.type = 'button';
  node.addEventListener('click', onClick);
  return node;
}

export const say = (code) => String(code ?? '').replaceAll('_', ' ');

// Only one of a group of toggles pressed (tapping the pressed one again lets go of it when `loose`).
export function pressOne(group, chosen, loose = false) {
  const on = !(loose && chosen.getAttribute('aria-pressed') === 'true');
  group.querySelectorAll('[aria-pressed]').forEach((b) => b.setAttribute('aria-pressed', String(on && b === chosen)));
  return on;
}

export function pressed(group, attribute) {
  const node = group.querySelector('[aria-pressed="true"]');
  return node ? node.dataset[attribute] : null;
}

// An ADL record in words, as the worker will recognise it in the list of what was recorded.
// An ADL record in words; without `support` (the question still to ask), what was done alone.
export function adlWords(body) {
  const measured = { meal: () => `${body.meal}: ate ${body.percent_eaten} %`, fluids: () => `fluids ${body.fluids_ml} ml`,
    sleep: () => `slept ${body.sleep_hours} h` }[body.activity];
  const done = measured ? measured() : say(body.activity);
  if (!body.support) return done;
  return `${done}${measured ? ',' : ':'} ${say(body.support)}`;
}

// The meal a worker is most likely recording at this local hour.
export function mealNow(when) {
  const hour = Number(hhmm(when).slice(0, 2));
  if (hour < 5) return 'snack';
  if (hour < 11) return 'breakfast';
  if (hour < 16) return 'lunch';
  return hour < 20 ? 'dinner' : 'snack';
}

// Critical alerts paint the tile red whatever else is true; the rest are said on it.
export function alarmsOf(resident) {
  const alerts = resident.alerts || [];
  return {
    critical: alerts.filter((a) => a.severity === 'critical').map((a) => a.message),
    other: alerts.filter((a) => a.severity !== 'critical').map((a) => a.message),
  };
}
