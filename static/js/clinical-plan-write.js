// A new version of the treatment plan, written whole: problems, goals, objectives and interventions as rows, each
// row added or removed here, the links between them chosen from the rows above (so renaming a key keeps them).
// Stored as a draft under one uid, kept until the server has answered for good: a retry is a replay, not a copy.
import { api, ApiError } from './api.js';
import { reasons, say } from './notice.js';
import { newUid } from './outbox.js';
import { watchSession } from './relogin.js';

const form = document.getElementById('plan-write');
const residentId = form.dataset.residentId;
const choices = JSON.parse(form.dataset.choices);
const start = JSON.parse(form.dataset.start);

// Each part's fields: name, label, kind (text, date, link to a part above, or a choice), and whether it may be empty.
const PARTS = {
  problems: { one: 'Problem', prefix: 'p', fields: [
    ['key', 'Key', 'key'], ['text', 'Problem', 'text'], ['icd10', 'ICD-10 code (optional)', 'text', true],
  ] },
  goals: { one: 'Goal', prefix: 'g', fields: [
    ['key', 'Key', 'key'], ['problem', 'Under problem', 'link:problems'],
    ['text', "Goal, in the resident's words", 'text'], ['target_date', 'By (optional)', 'date', true],
  ] },
  objectives: { one: 'Objective', prefix: 'o', fields: [
    ['key', 'Key', 'key'], ['goal', 'Under goal', 'link:goals'], ['text', 'Objective, measurable', 'text'],
    ['target_date', 'Target date', 'date'],
  ] },
  interventions: { one: 'Intervention', fields: [
    ['objective', 'For objective', 'link:objectives'], ['modality', 'Modality', 'choice:modality'],
    ['frequency', 'How often', 'text'], ['responsible_role', 'Who does it', 'choice:responsible_role'],
  ] },
};
const DEFAULTS = { responsible_role: 'clinician' }; // a new intervention is the clinician's until said otherwise
let made = 0;

function el(tag, attrs = {}, text = '') {
  const node = document.createElement(tag);
  Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, v));
  if (text) node.textContent = text;
  return node;
}

const rowsOf = (part) => [...form.querySelectorAll(`[data-part="${part}"] .plan-row`)];
const field = (row, name) => row.querySelector(`[data-field="${name}"]`);

function tell(text, kind) {
  const box = form.querySelector('[data-role=message]');
  say(box, text, kind === 'failed');
  box.className = `message ${kind}`;
  box.hidden = !text;
}

function freeKey(part) {
  const taken = new Set(rowsOf(part).map((r) => field(r, 'key').value));
  let n = 1;
  while (taken.has(`${PARTS[part].prefix}${n}`)) n += 1;
  return `${PARTS[part].prefix}${n}`;
}

// A link's options: the rows of the part above, by their key and words; the value is the row, not its key.
function fillLinks() {
  form.querySelectorAll('select[data-link]').forEach((select) => {
    const chosen = select.value || select.dataset.want || '';
    const options = [el('option', { value: '' }, 'choose…')];
    rowsOf(select.dataset.link).forEach((row) => {
      const words = field(row, 'text').value.trim();
      options.push(el('option', { value: row.dataset.rowId }, `${field(row, 'key').value}${words ? ` — ${words.slice(0, 50)}` : ''}`));
    });
    select.replaceChildren(...options);
    select.value = options.some((o) => o.value === chosen) ? chosen : '';
    delete select.dataset.want;
  });
}

function renumber(part) {
  rowsOf(part).forEach((row, i) => {
    row.querySelector('legend').textContent = `${PARTS[part].one} ${i + 1}`;
    row.querySelector('button.remove-row').textContent = `Remove ${PARTS[part].one.toLowerCase()} ${i + 1}`;
  });
}

function addRow(part, item = {}, keyToRow = {}) {
  const spec = PARTS[part];
  made += 1;
  const row = el('fieldset', { class: 'plan-row', 'data-row-id': `r${made}` });
  row.append(el('legend'));
  spec.fields.forEach(([name, label, kind]) => {
    const id = `r${made}-${name}`;
    const wrap = el('div', { class: `plan-field ${name}` });
    wrap.append(el('label', { for: id }, label));
    let input;
    if (kind.startsWith('link:')) {
      const parent = kind.slice(5);
      input = el('select', { id, 'data-link': parent });
      const rows = rowsOf(parent);
      const want = item[name] !== undefined ? keyToRow[`${parent}:${item[name]}`] : rows.length && rows[rows.length - 1].dataset.rowId;
      if (want) input.dataset.want = want;
    } else if (kind.startsWith('choice:')) {
      input = el('select', { id });
      choices[kind.slice(7)].forEach(([code, words]) => input.append(el('option', { value: code }, words)));
      input.value = item[name] || DEFAULTS[name] || input.value;
    } else {
      input = el('input', { id, type: kind === 'date' ? 'date' : 'text' });
      if (kind === 'key') input.setAttribute('size', '6');
      input.value = item[name] ?? (kind === 'key' ? freeKey(part) : '');
    }
    input.dataset.field = name;
    wrap.append(input);
    row.append(wrap);
  });
  const remove = el('button', { type: 'button', class: 'remove-row' });
  remove.addEventListener('click', () => {
    row.remove();
    renumber(part);
    fillLinks();
  });
  row.append(remove);
  form.querySelector(`[data-part="${part}"] [data-role=rows]`).append(row);
  if (spec.prefix) keyToRow[`${part}:${field(row, 'key').value}`] = row.dataset.rowId;
  renumber(part);
  return row;
}

function body() {
  const keyOf = (rowId) => {
    const row = form.querySelector(`.plan-row[data-row-id="${rowId}"]`);
    return row ? field(row, 'key').value.trim() : '';
  };
  const sent = { uid: form.dataset.uid || newUid(), occurred_at: new Date().toISOString() };
  Object.entries(PARTS).forEach(([part, spec]) => {
    sent[part] = rowsOf(part).map((row) => {
      const item = {};
      spec.fields.forEach(([name, , kind, optional]) => {
        const value = field(row, name).value.trim();
        if (kind.startsWith('link:')) item[name] = keyOf(value);
        else if (!(optional && !value) && !(kind === 'date' && !value)) item[name] = value;
      });
      return item;
    });
  });
  const days = form.elements.review_days.value.trim();
  if (days) sent.review_days = Number(days);
  return sent;
}

// A refusal names the part, the row and the field in words, and the first field named is focused.
function showRefusal(errors) {
  form.querySelectorAll('[aria-invalid]').forEach((n) => n.removeAttribute('aria-invalid'));
  let first = null;
  Object.entries(errors || {}).forEach(([part, why]) => {
    const found = [];
    if (PARTS[part] && why && typeof why === 'object' && !Array.isArray(why)) {
      Object.entries(why).forEach(([index, named]) => {
        const row = rowsOf(part)[Number(index)];
        Object.keys(named || {}).forEach((name) => { if (row && field(row, name)) found.push(field(row, name)); });
      });
    } else if (PARTS[part] && rowsOf(part).length) {
      found.push(rowsOf(part)[0].querySelector('[data-field]'));
    } else if (part === 'review_days') found.push(form.elements.review_days);
    found.forEach((n) => n.setAttribute('aria-invalid', 'true'));
    first = first || found[0];
  });
  if (first) first.focus();
}

form.addEventListener('input', (event) => {
  if (['key', 'text'].includes(event.target.dataset.field)) fillLinks();
});
form.querySelectorAll('button[data-add]').forEach((button) => {
  button.addEventListener('click', () => {
    const row = addRow(button.dataset.add);
    fillLinks();
    row.querySelector('input, select').focus();
  });
});

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const sent = body();
  form.dataset.uid = sent.uid;
  const button = document.getElementById('plan-write-submit');
  button.disabled = true;
  tell('Sending…', 'waiting');
  try {
    const plan = await api('POST', `/api/v1/residents/${residentId}/plans`, sent);
    delete form.dataset.uid;
    sessionStorage.setItem('facility.plan-flash', `Stored ✓ — version ${plan.version}, a draft: sign it below to put it in force`);
    window.location.assign(`/residents/${residentId}/plan`);
  } catch (error) {
    const answered = error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 401;
    if (answered) delete form.dataset.uid; // refused for good: what is sent next is a new version
    const fields = answered && error.body && error.body.errors;
    let words = 'Not stored yet: no answer from the server. Store again to retry.';
    if (answered) words = `Not stored: ${fields ? reasons(fields).join('; ') : error.message}`;
    tell(words, 'failed');
    if (fields) showRefusal(fields);
    button.disabled = false;
  }
});

// The rows to start from: the plan in force, or one empty row of each part.
const keyToRow = {};
Object.keys(PARTS).forEach((part) => {
  const items = start[part] && start[part].length ? start[part] : [{}];
  items.forEach((item) => addRow(part, item, keyToRow));
});
fillLinks();
form.elements.review_days.value = start.review_days || '';
document.querySelectorAll('[data-needs-script]').forEach((b) => { b.disabled = false; });
watchSession({ onSignedOut() {}, onSignedIn() {} });
