// The case page's referral buttons: each tap moves the referral one step and says it was stored. A tap keeps its
// uid until the server has answered for good, so a retry after a lost answer is a replay, never a second step.
import { api, ApiError } from './api.js';
import { fromLocalInput, toLocalInput } from './incident-time.js';
import { explain } from './notice.js';
import { newUid } from './outbox.js';
import { watchSession } from './relogin.js';

const LABELS = {
  sent: 'Mark sent',
  accepted: 'Accepted',
  waitlisted: 'Waitlisted',
  declined: 'Declined',
  canceled: 'Cancel referral',
  completed: 'Completed',
};
const PRIMARY = new Set(['sent', 'accepted', 'completed']);
const zone = document.body.dataset.timezone;
const when = (iso) => new Date(iso).toLocaleString('en-GB', {
  timeZone: zone, weekday: 'short', day: '2-digit', month: 'short', hour: '2-digit', minute: '2-digit',
}).replace(',', '');
const words = (code) => (code || '').replaceAll('_', ' ');

function say(card, text, kind) {
  const box = card.querySelector('[data-role=message]');
  box.textContent = text;
  box.className = `message ${kind}`;
  box.hidden = !text;
}

function el(tag, attrs = {}, text = '') {
  const node = document.createElement(tag);
  Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, v));
  node.textContent = text;
  return node;
}

// The card as the server now has it: status, steps with who and when, the buttons of the steps allowed next.
function render(card, referral) {
  card.dataset.status = referral.status;
  const chip = card.querySelector('[data-role=status]');
  chip.textContent = referral.status;
  chip.className = `status-chip ${referral.status}`;
  const steps = card.querySelector('[data-role=steps]');
  steps.replaceChildren(steps.firstElementChild, ...referral.steps.map((s) => el(
    'li',
    {},
    `${s.status}${s.outcome ? ` (${words(s.outcome)})` : ''} by ${s.by} · ${when(s.occurred_at)}${s.note ? ` — ${s.note}` : ''}`,
  )));
  const days = card.querySelector('[data-role=days-open]');
  if (days) days.textContent = referral.days_open === null ? 'closed' : `${referral.days_open} day${referral.days_open === 1 ? '' : 's'} open`;
  const actions = card.querySelector('[data-role=actions]');
  if (!actions) return;
  const next = referral.next_steps;
  const buttons = next.map((step) => {
    const b = el('button', { type: 'button', class: `step${PRIMARY.has(step) ? ' primary' : ''}`, 'data-step': step }, LABELS[step]);
    return b;
  });
  const outcome = actions.querySelector('[data-role=outcome]');
  const keep = next.includes('completed') && outcome ? [actions.querySelector(`label[for="${outcome.id}"]`), outcome] : [];
  if (next.includes('completed') && !outcome) keep.push(...outcomeField(card.dataset.referralId));
  actions.replaceChildren(...keep, ...buttons);
  actions.hidden = next.length === 0;
}

function outcomeField(id) {
  const label = el('label', { for: `outcome-${id}` }, 'Outcome, when completed');
  const select = el('select', { id: `outcome-${id}`, 'data-role': 'outcome' });
  select.append(el('option', { value: '' }, 'choose…'));
  ['need_met', 'partly_met', 'not_met'].forEach((o) => select.append(el('option', { value: o }, words(o))));
  return [label, select];
}

async function step(card, button) {
  const status = button.dataset.step;
  const body = { uid: button.dataset.uid || newUid(), occurred_at: new Date().toISOString(), status };
  button.dataset.uid = body.uid;
  if (status === 'completed') {
    const outcome = card.querySelector('[data-role=outcome]');
    if (!outcome.value) {
      say(card, 'Choose the outcome first: was the need met?', 'failed');
      outcome.focus();
      return;
    }
    body.outcome = outcome.value;
  }
  card.querySelectorAll('button[data-step]').forEach((b) => { b.disabled = true; });
  say(card, 'Sending…', 'waiting');
  try {
    const referral = await api('POST', `/api/v1/referrals/${card.dataset.referralId}/status`, body);
    render(card, referral);
    say(card, `Stored ✓ — ${referral.status}${referral.outcome ? ` (${words(referral.outcome)})` : ''}`, 'stored');
  } catch (error) {
    const answered = error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 401;
    if (answered) delete button.dataset.uid; // refused for good: the next tap is a new step
    say(card, answered ? `Not stored: ${error.message}` : 'Not stored yet: no answer from the server. Tap again to retry.', 'failed');
    card.querySelectorAll('button[data-step]').forEach((b) => { b.disabled = false; });
  }
}

document.querySelectorAll('article.referral').forEach((card) => {
  card.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-step]');
    if (button && !button.disabled) step(card, button);
  });
});
document.querySelectorAll('[data-needs-script]').forEach((button) => { button.disabled = false; });
watchSession({ onSignedOut() {}, onSignedIn() {} });

// The needs form: the domains rated now, by the rater chosen, stored as one assessment; the page then shows it.
const needsForm = document.getElementById('needs-form');
if (needsForm) {
  const residentId = document.getElementById('case').dataset.residentId;
  needsForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const ratings = {};
    needsForm.querySelectorAll('select').forEach((s) => { if (s.value) ratings[s.name] = s.value; });
    const note = needsForm.elements.note.value.trim();
    const body = {
      uid: needsForm.dataset.uid || newUid(),
      occurred_at: new Date().toISOString(),
      rater: needsForm.elements.rater.value,
      ratings,
      ...(note ? { note } : {}),
    };
    if (!Object.keys(ratings).length) {
      say(needsForm, 'Rate at least one domain.', 'failed');
      return;
    }
    needsForm.dataset.uid = body.uid;
    say(needsForm, 'Sending…', 'waiting');
    try {
      await api('POST', `/api/v1/residents/${residentId}/needs`, body);
      delete needsForm.dataset.uid;
      sessionStorage.setItem('facility.case-flash', `Stored ✓ — needs rated by the ${body.rater}`);
      window.location.reload();
    } catch (error) {
      const answered = error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 401;
      if (answered) delete needsForm.dataset.uid;
      say(needsForm, answered ? `Not stored: ${error.message}` : 'Not stored yet: no answer. Save again to retry.', 'failed');
    }
  });
}
const flash = sessionStorage.getItem('facility.case-flash');
if (flash) {
  sessionStorage.removeItem('facility.case-flash');
  const box = document.getElementById('case-flash');
  box.textContent = flash;
  box.hidden = false;
}

// Drafting a referral: the organisation, the need, the consent naming it, why; the page then shows the draft.
const referralForm = document.getElementById('referral-form');
if (referralForm) {
  const residentId = Number(document.getElementById('case').dataset.residentId);
  referralForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const f = referralForm.elements;
    const reason = f.reason.value.trim();
    if (reason.length < 3) {
      say(referralForm, 'Say why the resident is referred.', 'failed');
      f.reason.focus();
      return;
    }
    const body = {
      uid: referralForm.dataset.uid || newUid(),
      resident_id: residentId,
      resource_id: Number(f.resource_id.value),
      need: f.need.value,
      reason,
      consent_uid: f.consent_uid.value,
    };
    referralForm.dataset.uid = body.uid;
    say(referralForm, 'Sending…', 'waiting');
    try {
      await api('POST', '/api/v1/referrals', body);
      sessionStorage.setItem('facility.case-flash', 'Stored ✓ — referral drafted');
      window.location.reload();
    } catch (error) {
      const answered = error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 401;
      if (answered) delete referralForm.dataset.uid;
      say(referralForm, answered ? `Not stored: ${error.message}` : 'Not stored yet: no answer. Send again to retry.', 'failed');
    }
  });
}

// A form of the case page stored as one record: `body(form)` says what to send (or, as a string, what is missing),
// `done(answer)` what the page says once stored; the page then shows the record. A retry after a lost answer keeps
// the form's uid, so it is a replay, never a second record.
function storeForm(id, method, path, body, done) {
  const form = document.getElementById(id);
  if (!form) return;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const made = body(form.elements);
    if (typeof made === 'string') {
      say(form, made, 'failed');
      return;
    }
    const sent = { uid: form.dataset.uid || newUid(), ...made };
    form.dataset.uid = sent.uid;
    say(form, 'Sending…', 'waiting');
    try {
      const answer = await api(method, path, sent);
      delete form.dataset.uid;
      sessionStorage.setItem('facility.case-flash', `Stored ✓ — ${done(answer)}`);
      window.location.reload();
    } catch (error) {
      const answered = error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 401;
      if (answered) delete form.dataset.uid;
      say(form, answered ? `Not stored: ${explain(error)}` : 'Not stored yet: no answer. Save again to retry.', 'failed');
    }
  });
}

const caseRoot = document.getElementById('case');
const residentOfCase = Number(caseRoot.dataset.residentId);
const text = (field) => field.value.trim();

storeForm('appointment-form', 'POST', '/api/v1/appointments', (f) => {
  const startsAt = fromLocalInput(f.starts_at.value);
  if (!startsAt) return 'Say when the appointment is.';
  if (text(f.provider).length < 2) return 'Say whom the appointment is with.';
  if (text(f.place).length < 2) return 'Say where the appointment is.';
  return {
    resident_id: residentOfCase,
    starts_at: startsAt,
    provider: text(f.provider),
    place: text(f.place),
    escort_needed: f.escort_needed.checked,
    transport_needed: f.transport_needed.checked,
  };
}, (a) => `appointment with ${a.provider} booked for ${when(a.starts_at)}`);

storeForm('plan-form', 'PUT', `/api/v1/residents/${residentOfCase}/discharge-plan`, (f) => {
  if (!f.planned_on.value) return 'Say on which day the discharge is planned.';
  if (text(f.destination).length < 2) return 'Say where the resident goes on discharge.';
  const provider = text(f.aftercare_provider);
  const startsAt = fromLocalInput(f.aftercare_starts_at.value);
  if (Boolean(provider) !== Boolean(startsAt)) return 'An aftercare appointment needs both whom it is with and when.';
  const checklist = {};
  ['housing_confirmed', 'medications_arranged', 'crisis_plan_given', 'family_informed'].forEach((item) => {
    checklist[item] = f[item].checked;
  });
  return {
    planned_on: f.planned_on.value,
    destination: text(f.destination),
    checklist,
    ...(provider ? { aftercare: { provider, starts_at: startsAt } } : {}),
  };
}, (p) => `discharge plan revision ${p.revision}`);

// "When" starts at now; left as it is, the follow-up is at the moment it is saved (not the minute the page opened).
const followWhen = document.getElementById('follow-when');
if (followWhen && !followWhen.value) followWhen.value = toLocalInput(Date.now());
const followOpened = followWhen ? followWhen.value : null;
storeForm('follow-up-form', 'POST', `/api/v1/residents/${residentOfCase}/follow-ups`, (f) => {
  const { form } = f.occurred_at;
  if (!form.dataset.uid) form.dataset.at = new Date().toISOString(); // a retry sends the same body again
  const occurredAt = f.occurred_at.value === followOpened ? form.dataset.at : fromLocalInput(f.occurred_at.value);
  if (!occurredAt) return 'Say when the follow-up took place.';
  const note = text(f.note);
  return { kind: f.kind.value, occurred_at: occurredAt, ...(note ? { note } : {}) };
}, (u) => `follow-up: ${words(u.kind)}`);
