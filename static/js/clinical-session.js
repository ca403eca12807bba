// A session note: the summary and the risk go to the record, the process note beside it (its author's alone).
// Stored unsigned first; "Sign the note" then signs it. Each uid is made once, so a retry never stores twice.
import { api, ApiError } from './api.js';
import { newUid } from './outbox.js';

const form = document.getElementById('session-form');
const result = document.getElementById('session-result');
const submit = document.getElementById('session-submit');
const signButton = document.getElementById('session-sign');
const skew = Date.parse(form.dataset.now) - Date.now();
const now = () => new Date(Date.now() + skew);
let uid = newUid();
const signUid = newUid();
let storedId = null;

function local(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
form.elements.ended.value = local(now());
form.elements.started.value = local(new Date(now().getTime() - 45 * 60000));

function say(words, kind) {
  result.textContent = words;
  result.className = `assess-result ${kind}`;
  result.hidden = false;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (storedId) return;
  const value = (name) => form.elements[name].value.trim();
  const body = {
    uid,
    resident_ids: [Number(form.dataset.residentId)],
    kind: form.elements.kind.value,
    modality: value('modality'),
    started_at: new Date(value('started')).toISOString(),
    ended_at: new Date(value('ended')).toISOString(),
    summary: { data: value('data'), assessment: value('assessment'), plan: value('plan') },
    risk: { suicide: form.elements['risk-suicide'].value, violence: form.elements['risk-violence'].value },
    objective_ids: [...form.querySelectorAll('input[name="objective"]:checked')].map((i) => Number(i.value)),
    process_note: value('process_note') || null,
  };
  submit.disabled = true;
  say('Storing…', 'waiting');
  try {
    const answer = await api('POST', '/api/v1/sessions', body);
    storedId = answer.id;
    const alarm = body.risk.suicide === 'high' || ['moderate', 'high'].includes(body.risk.violence);
    say(`Stored, unsigned.${alarm ? " The unit's nurses have been alerted to the risk." : ''} Sign it when it is final.`, alarm ? 'critical' : 'stored');
    submit.textContent = 'Stored';
    signButton.hidden = false;
  } catch (error) {
    submit.disabled = false;
    if (error instanceof ApiError && error.status === 422) {
      const errors = (error.body && error.body.errors) || {};
      say(`Not stored: ${Object.entries(errors).map(([f, why]) => `${f}: ${JSON.stringify(why)}`).join('; ') || error.message}`, 'refused');
      uid = newUid();
    } else {
      say('Not stored yet: the network or the session dropped. Press the button again — it will not be stored twice.', 'refused');
    }
  }
});

signButton.addEventListener('click', async () => {
  signButton.disabled = true;
  try {
    const answer = await api('POST', `/api/v1/sessions/${storedId}/sign`, { uid: signUid });
    say(answer.status === 'awaiting_cosign' ? 'Signed — waiting for a supervising clinician to co-sign.' : 'Signed.', 'stored');
    signButton.hidden = true;
  } catch (error) {
    signButton.disabled = false;
    say(`Not signed: ${(error.body && error.body.message) || 'try again'}`, 'refused');
  }
});
