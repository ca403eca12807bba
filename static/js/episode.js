// The episode page: its legal clocks counting down each second against the server's clock (amber when close,
// red and "overdue" once past), and the documentation forms (monitoring, face-to-face, renewal, end).
import { api } from './api.js';
import { hhmm } from './clock.js';
import { actionForm, defaultTimes, flashAfterReload, scriptReady, showFlash } from './incident-actions.js';
import { span } from './incident-time.js';
import { watchSession } from './relogin.js';

const root = document.getElementById('episode');
const id = root.dataset.episodeId;
const CLOCKS = { order: 'order_expires_at', 'face-to-face': 'face_to_face_due_at', monitoring: 'next_monitoring_due_at' };
let skew = Date.parse(root.dataset.now) - Date.now(); // the server's clock minus ours
const now = () => Date.now() + skew;

function tick() {
  for (const tile of root.querySelectorAll('.clock-tile')) {
    if (!tile.dataset.due) continue;
    const left = Date.parse(tile.dataset.due) - now();
    const state = left < 0 ? 'overdue' : left <= Number(tile.dataset.soonMinutes) * 60000 ? 'soon' : 'ok';
    tile.dataset.state = state;
    tile.classList.toggle('overdue', state === 'overdue');
    tile.classList.toggle('soon', state === 'soon');
    tile.querySelector('.left').textContent = state === 'overdue' ? `overdue by ${span(left)}` : `in ${span(left)}`;
    tile.querySelector('.at').textContent = `at ${hhmm(tile.dataset.due)}`;
  }
}

// Someone else may document on another tablet: the clocks follow the server's answer.
async function refresh() {
  try {
    const episode = await api('GET', `/api/v1/episodes/${id}`);
    skew = Date.parse(episode.now) - Date.now();
    for (const [name, key] of Object.entries(CLOCKS)) {
      const tile = root.querySelector(`.clock-tile[data-clock="${name}"]`);
      const due = episode.status === 'running' ? episode[key] : null;
      if (tile.dataset.due && !due) {
        tile.className = 'clock-tile done';
        tile.querySelector('.left').textContent = episode.status === 'running' ? 'done' : 'episode ended';
        tile.querySelector('.at').textContent = '';
      }
      tile.dataset.due = due || '';
    }
    tick();
  } catch { /* the relogin panel says when the session has ended; the clocks keep counting */ }
}

const done = (text) => (answer) => flashAfterReload(`${text} ✓ ${hhmm(answer.now)}`);
const forms = {
  monitoring: ['monitoring', 'monitoring', 'Monitoring stored'],
  'face-to-face': ['f2f', 'face-to-face', 'Face-to-face stored'],
  renew: ['renew', 'renew', 'Renewal stored'],
  end: ['end', 'end', 'Episode ended'],
};
for (const [action, [prefix, path, text]] of Object.entries(forms)) {
  const form = root.querySelector(`form[data-action="${action}"]`);
  if (!form) continue;
  const extra = action === 'face-to-face' ? () => ({ continue_episode: form.elements.continue_episode.checked }) : undefined;
  actionForm(form, prefix, `/api/v1/episodes/${id}/${path}`, done(text), extra);
}

// An episode opened from an incident report is completed with its order, entered the way a nurse starts one.
const orderForm = root.querySelector('form[data-action="order"]');
if (orderForm) {
  actionForm(orderForm, 'order', `/api/v1/incidents/${orderForm.dataset.incidentId}/episodes`, done('Order stored'));
}

showFlash(document.getElementById('flash'));
defaultTimes(root, now);
watchSession({ onSignedOut() {}, onSignedIn: refresh });
tick();
scriptReady();
setInterval(tick, 1000);
setInterval(refresh, 30000);
