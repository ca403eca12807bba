// A session note: the summary and the risk go to the record, the process note beside it (its author's alone).
// Stored unsigned first; "Sign the note" then signs it. Each uid is made once, so a retry never stores twice.
import { api, ApiError } from './api.js';
import { fromLocalInput, toLocalInput } from './incident-time.js';
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

// Started and ended are wall times in the facility's zone, whatever zone the tablet is set to.
form.elements.ended.value = toLocalInput(now().getTime());
form.elements.started.value = toLocalInput(now().getTime() - 45 * 60000);

// The fields as the form names them, so a refusal says which box to fix.
const FIELD_WORDS = {
  started_at: 'Started', ended_at: 'Ended', data: 'Data', assessment: 'Assessment', plan: 'Plan',
  suicide: 'Risk to self', violence: 'Risk to others', objective_ids: 'Objectives', process_note: 'Process note',
};
const TO_FIELD = { started_at: 'started', ended_at: 'ended', data: 'data', assessment: 'assessment', plan: 'plan' };

// A 422's errors, nested ones (summary.data) flattened: [[field, words], ...].
function flatten(errors) {
  return Object.entries(errors).flatMap(([field, why]) => (
    why && typeof why === 'object' && !Array.isArray(why) ? flatten(why) : [[field, [].concat(why).join(' ')]]
  ));
}

function say(words, kind) {
  result.textContent = words;
  result.className = `assess-result ${kind}`;
  result.hidden = false;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (storedId) return;
  const value = (name) => form.elements[name].value.trim();
  const startedAt = fromLocalInput(value('started'));
  const endedAt = fromLocalInput(value('ended'));
  if (!startedAt || !endedAt) {
    say(`Not stored yet: say when the session ${startedAt ? 'ended' : 'started'}.`, 'refused');
    form.elements[startedAt ? 'ended' : 'started'].focus();
    return;
  }
  const body = {
    uid,
    resident_ids: [Number(form.dataset.residentId)],
    kind: form.elements.kind.value,
    modality: value('modality'),
    started_at: startedAt,
    ended_at: endedAt,
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
      const errors = flatten((error.body && error.body.errors) || {});
      const words = errors.map(([field, why]) => `${FIELD_WORDS[field] || field.replaceAll('_', ' ')}: ${why}`);
      say(`Not stored: ${words.join('; ') || error.message}`, 'refused');
      const named = new Set(errors.map(([field]) => TO_FIELD[field]));
      const first = ['started', 'ended', 'data', 'assessment', 'plan'].find((name) => named.has(name));
      if (first) form.elements[first].focus();
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
