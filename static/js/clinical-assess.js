// An instrument on the tablet: the answers go to the API, which scores them; the page says plainly that it was
// stored (and what the score was), or what is missing. The uid is made once per form, so a retry after a dropped
// network never stores the administration twice.
import { api, ApiError } from './api.js';
import { reasons } from './notice.js';
import { newUid } from './outbox.js';

const form = document.getElementById('assess-form');
const result = document.getElementById('assess-result');
const submit = document.getElementById('assess-submit');
const residentId = Number(form.dataset.residentId);
const instrument = form.dataset.instrument;
const skew = Date.parse(form.dataset.now) - Date.now(); // the server's clock, so "when" is never in its future
let uid = newUid();
let stored = false;

function say(words, kind) {
  result.textContent = words;
  result.className = `assess-result ${kind}`;
  result.hidden = false;
}

function readAnswers() {
  const answers = {};
  const missing = [];
  for (const item of form.querySelectorAll('fieldset[data-item]')) {
    const chosen = item.querySelector('input[type="radio"]:checked');
    item.classList.remove('missing');
    if (chosen) answers[item.dataset.item] = Number(chosen.value);
    else missing.push(item);
  }
  return { answers, missing };
}

function words(answer) {
  const name = instrument.toUpperCase().replace(/^(PHQ|GAD)(\d)$/, '$1-$2');
  if (answer.status === 'incomplete') return `Stored as incomplete: ${name} not scored (${answer.incomplete_reason}).`;
  const band = answer.band_label ? ` (${answer.band_label})` : '';
  const change = answer.change_from_previous === null || answer.change_from_previous === undefined
    ? '' : `, ${answer.change_from_previous > 0 ? '+' : ''}${answer.change_from_previous} since the last${answer.clinically_significant_change ? ' — clinically significant' : ''}`;
  return `Stored: ${name} total ${answer.total}${band}${change}.`;
}

form.addEventListener('change', () => {
  if (stored) return;
  result.hidden = true;
});

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (stored) return;
  const { answers, missing } = readAnswers();
  const reason = form.elements.incomplete_reason.value.trim();
  if (missing.length && !reason) {
    missing.forEach((item) => item.classList.add('missing'));
    say(`Not stored yet: item ${missing.map((m) => m.dataset.item).join(', ')} unanswered. Answer it, or say why it is left out.`, 'refused');
    missing[0].scrollIntoView({ block: 'center' });
    return;
  }
  const body = {
    uid,
    occurred_at: new Date(Date.now() + skew).toISOString(),
    instrument,
    answers,
    informant: form.elements.informant.value,
  };
  if (missing.length) body.incomplete_reason = reason;
  submit.disabled = true;
  say('Storing…', 'waiting');
  try {
    const answer = await api('POST', `/api/v1/residents/${residentId}/assessments`, body);
    stored = true;
    let text = words(answer);
    if (answer.critical_items.length) {
      text += ` Item ${answer.critical_items.join(', ')} positive: the unit's nurses have been alerted. Stay with the resident; a safety assessment is needed now.`;
      say(text, 'critical');
    } else {
      say(text, 'stored');
    }
    submit.textContent = 'Stored';
    form.querySelectorAll('input').forEach((input) => { input.disabled = true; });
  } catch (error) {
    submit.disabled = false;
    if (error instanceof ApiError && error.status === 422) {
      const named = reasons(error.body && error.body.errors).join('; ');
      say(`Not stored: ${named || error.message}`, 'refused');
      uid = newUid(); // what was refused was not stored; the corrected form is a new record
    } else if (error instanceof ApiError && error.status === 409) {
      say('Not stored: this form was already sent with other answers. Reload the page to start again.', 'refused');
    } else {
      say('Not stored yet: the network or the session dropped. Press the button again — it will not be stored twice.', 'refused');
    }
  }
});
