// The admin page: units and staff accounts, through the JSON API. Every change says what it did, beside it.
import { api } from './api.js';
import { confirmChange } from './confirm.js';
import { explain, say } from './notice.js';
import { watchSession } from './relogin.js';

const root = document.getElementById('admin');
const selfId = Number(root.dataset.selfId);
const unitList = document.getElementById('units');
const staffBody = document.getElementById('staff');
const form = document.getElementById('new-staff');
const formUnits = document.getElementById('new-staff-units');
const message = document.getElementById('admin-message');
const formMessage = document.getElementById('new-staff-message');
// The roles of the permission table, as the page rendered them into the new account's form.
const ROLES = [...form.elements.role.options].map((option) => option.value);
const notes = new Map(); // user id → what the last change to that account did
let units = [];

function el(tag, props = {}, children = []) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

function unitBoxes(name, chosen, onChange) {
  return units.map((unit) => {
    const box = el('input', { type: 'checkbox', name, value: String(unit.id), checked: chosen.includes(unit.id) });
    if (onChange) box.addEventListener('change', onChange);
    return el('label', {}, [box, unit.name]);
  });
}

const checkedIds = (container) => [...container.querySelectorAll('input[type=checkbox]:checked')].map((b) => Number(b.value));
const unitNames = (ids) => units.filter((u) => ids.includes(u.id)).map((u) => u.name).join(', ') || 'no unit';

// Role, units and active change what a person may see and do: each asks first; saying no puts the row back.
async function change(user, body, question, done) {
  if (await confirmChange(question)) {
    try {
      await api('PATCH', `/api/v1/users/${user.id}`, body);
      notes.set(user.id, { text: done, error: false });
    } catch (error) {
      notes.set(user.id, { text: explain(error), error: true });
    }
  }
  await loadStaff();
}

function staffRow(user) {
  const self = user.id === selfId;
  const role = el('select', { ariaLabel: `Role of ${user.name}`, disabled: self },
    ROLES.map((r) => el('option', { value: r, selected: r === user.role, textContent: r })));
  role.addEventListener('change', () => change(user, { role: role.value },
    `Make ${user.name} ${role.value} instead of ${user.role}?`, `Now ${role.value}.`));
  const choice = el('fieldset', { className: 'unit-choice', disabled: self });
  choice.append(el('legend', { className: 'visually-hidden', textContent: `Units of ${user.name}` }),
    ...unitBoxes(`units-${user.id}`, user.unit_ids, () => {
      const ids = checkedIds(choice);
      change(user, { unit_ids: ids }, `Change ${user.name}'s units to ${unitNames(ids)}?`, `Units now ${unitNames(ids)}.`);
    }));
  const toggle = el('button', { type: 'button', className: 'toggle', disabled: self,
    textContent: user.active ? 'Deactivate' : 'Activate' });
  toggle.addEventListener('click', () => change(user, { active: !user.active },
    user.active ? `Deactivate ${user.name}? They are logged out and can no longer log in.` : `Let ${user.name} log in again?`,
    user.active ? 'Deactivated.' : 'Active again.'));
  const note = notes.get(user.id);
  const account = el('td', {}, [el('span', { className: 'state', textContent: user.active ? 'active ' : 'inactive ' }), toggle]);
  if (!self) account.append(resetForm(user));
  if (note) account.append(el('p', { className: `row-note${note.error ? ' error' : ''}`, role: 'status', textContent: note.text }));
  const row = el('tr', { className: user.active ? 'active' : 'inactive' }, [
    el('td', { className: 'name', textContent: user.name }), el('td', { className: 'username', textContent: user.username }),
    el('td', {}, [role]), el('td', {}, [choice]), account,
  ]);
  row.dataset.username = user.username;
  return row;
}

// A forgotten password: the admin sets a temporary one and tells it to the person, who must choose their own at
// the next login. Every session of theirs ends at once.
function resetForm(user) {
  const open = el('button', { type: 'button', className: 'reset-open', textContent: 'Reset password' });
  const password = el('input', { type: 'password', name: 'password', required: true, minLength: 10, maxLength: 200,
    autocomplete: 'new-password', ariaLabel: `Temporary password for ${user.name}` });
  const form = el('form', { className: 'reset-password', hidden: true }, [
    el('label', {}, ['Temporary password (10 characters or more) ', password]),
    el('button', { type: 'submit', textContent: 'Set temporary password' }),
  ]);
  open.addEventListener('click', () => { form.hidden = false; open.hidden = true; password.focus(); });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api('PATCH', `/api/v1/users/${user.id}`, { password: password.value });
      notes.set(user.id, { text: `Temporary password set: tell it to ${user.name}, who must choose a new one at the next login. Their sessions have ended.`, error: false });
    } catch (error) {
      notes.set(user.id, { text: `Password not reset — ${explain(error)}`, error: true });
    }
    await loadStaff();
  });
  return el('div', { className: 'reset' }, [open, form]);
}

async function loadStaff() {
  const staff = await api('GET', '/api/v1/users');
  staffBody.replaceChildren(...staff.map(staffRow));
}

function unitForm(unit) {
  const name = el('input', { name: 'name', value: unit.name, required: true, maxLength: 80 });
  const starts = el('input', { name: 'shift_starts', value: unit.shift_starts.join(', '), required: true,
    inputMode: 'numeric', pattern: '\\s*\\d{1,2}:\\d{2}(\\s*,\\s*\\d{1,2}:\\d{2})*\\s*' });
  const result = el('p', { className: 'unit-result', role: 'status', hidden: true });
  const editor = el('form', { className: 'unit-form' }, [
    el('label', {}, ['Name ', name]), el('label', {}, ['Shifts start at (HH:MM, comma between) ', starts]),
    el('button', { type: 'submit', textContent: 'Save unit' }), result,
  ]);
  editor.dataset.unitId = unit.id;
  editor.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { name: name.value.trim(), shift_starts: starts.value.split(',').map((s) => s.trim()).filter(Boolean) };
    try {
      const saved = await api('PATCH', `/api/v1/units/${unit.id}`, body);
      say(result, `Saved: ${saved.name}, shifts start at ${saved.shift_starts.join(', ')}. A new start time gets its handoff once the scheduler restarts.`);
      name.value = saved.name;
      starts.value = saved.shift_starts.join(', ');
    } catch (error) {
      say(result, explain(error), true);
    }
  });
  return el('li', {}, [editor]);
}

async function loadUnits() {
  units = await api('GET', '/api/v1/units');
  unitList.replaceChildren(...units.map(unitForm));
  formUnits.replaceChildren(el('legend', { textContent: 'Units' }), ...unitBoxes('unit_ids', units.length === 1 ? [units[0].id] : []));
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const data = new FormData(form);
  const body = {
    username: data.get('username').trim(), name: data.get('name').trim(), role: data.get('role'),
    password: data.get('password'), unit_ids: checkedIds(formUnits),
  };
  try {
    const user = await api('POST', '/api/v1/users', body);
    form.reset();
    say(formMessage, `${user.name} can now log in as ${user.username}.`);
    await loadStaff();
  } catch (error) {
    say(formMessage, `Not added — ${explain(error)}`, true);
  }
});

const unitCreator = document.getElementById('new-unit');
unitCreator.addEventListener('submit', async (event) => {
  event.preventDefault();
  const data = new FormData(unitCreator);
  const body = { name: data.get('name').trim(), shift_starts: data.get('shift_starts').split(',').map((s) => s.trim()).filter(Boolean) };
  const result = document.getElementById('new-unit-message');
  let unit;
  try {
    unit = await api('POST', '/api/v1/units', body);
  } catch (error) {
    say(result, `Not added — ${explain(error)}`, true);
    return;
  }
  unitCreator.reset();
  const added = `Added ${unit.name}: shifts start at ${unit.shift_starts.join(', ')}.`;
  // Said once the lists show the new unit, so nothing on the page is redrawn under the admin's next click.
  try {
    await loadUnits();
    await loadStaff();
    say(result, `${added} You are on it; add staff to it below.`);
  } catch (error) {
    say(result, `${added} The lists below could not be refreshed (${explain(error)}): reload the page.`, true);
  }
});

const load = () => loadUnits().then(loadStaff).catch((error) => say(message, explain(error), true));
watchSession({ onSignedOut() {}, onSignedIn: load });
load();
