// The labels page: save the unit's scan policy, replace a lost label, print the sheet.
import { api } from './api.js';
import { confirmChange } from './confirm.js';

const root = document.getElementById('labels');
const unitId = Number(root.dataset.unitId);
const message = document.getElementById('labels-message');

function say(words) {
  message.textContent = words;
  message.hidden = false;
}

document.getElementById('scan-policy').addEventListener('submit', async (event) => {
  event.preventDefault();
  const levels = [...event.target.querySelectorAll('input[name=level]:checked')].map((box) => box.value);
  try {
    const unit = await api('PATCH', `/api/v1/units/${unitId}`, { scan_required_levels: levels });
    const saved = unit.scan_required_levels.map((level) => level.replaceAll('_', ' '));
    say(saved.length ? `Saved: checks at ${saved.join(', ')} must be scanned.` : 'Saved: no level requires a scan.');
  } catch (error) {
    say(`Not saved: ${error.message}`);
  }
});

document.getElementById('print-labels').addEventListener('click', () => window.print());

root.addEventListener('click', async (event) => {
  const button = event.target.closest('[data-rotate]');
  if (!button) return;
  const label = button.closest('.label');
  const what = label.querySelector('.label-what').textContent;
  if (!(await confirmChange(`Replace the label of ${what}? The old code stops working at once.`))) return;
  try {
    const made = await api('POST', `/api/v1/presence-codes/${encodeURIComponent(button.dataset.rotate)}/rotate`);
    // The sheet is drawn by the server: show it again, saying which label is new.
    window.location.search = new URLSearchParams({ replaced: made.token }).toString();
  } catch (error) {
    say(`Not replaced: ${error.message}`);
  }
});
